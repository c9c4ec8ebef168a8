import Link from "next/link";
import type { Actor } from "@/server/auth/load-actor";
import type { VisitRow } from "@/server/fieldwork/visits";
import type { OpenFlagRow } from "@/server/fieldwork/follow-ups";
import type { visitCoverage } from "@/server/fieldwork/visits";
import type { fieldworkBySchool } from "@/server/fieldwork/counts";
import { formatChineseDate } from "@/lib/china-date";
import { Table, Td } from "@/components/ui/table";
import { InlineAction } from "@/components/ui/inline-action";
import { confirmVisitAction } from "@/actions/fieldwork/confirm-visit";
import { voidVisitAction } from "@/actions/fieldwork/void-visit";

const dt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** Open 流失风险 flags (no reasons, no notes: those are on the student page). */
export function FlagsTable({ rows }: { rows: OpenFlagRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">目前没有标记流失风险的在读学生。</p>;
  return (
    <Table caption="流失风险学生" head={["学生", "所属县市", "原初中学校", "就读职业学校", "班级", "标记日期", "标记人"]}>
      {rows.map((r) => (
        <tr key={r.flagId}>
          <Td><Link className="text-blue-700 underline" href={`/students/${r.enrolmentId}`}>{r.studentName}</Link>（{r.year}年）</Td>
          <Td>{r.countyName}</Td><Td>{r.middleSchoolName}</Td><Td>{r.vocationalSchoolName}</Td><Td>{r.className ?? "—"}</Td>
          <Td>{formatChineseDate(r.raisedOn)}</Td><Td>{r.raisedBy}</Td>
        </tr>
      ))}
    </Table>
  );
}

function visitState(v: VisitRow) {
  if (v.voidedAt) return <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">已作废：{v.voidReason}</span>;
  if (v.confirmedAt) return <span className="rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-800">初中已确认（{v.confirmedBy}，{dt(v.confirmedAt)}）</span>;
  return <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">待初中确认</span>;
}

/** The year's visits in scope, with 确认 for the school visited and 作废 for the school that recorded it. */
export function VisitsTable({ rows, actor }: { rows: VisitRow[]; actor: Actor }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">本年度还没有宣传走访记录。</p>;
  return (
    <Table caption="宣传走访记录" head={["走访日期", "职业学校", "初中学校", "参加人员", "宣传内容", "覆盖学生 / 家长", "照片或文件", "状态", ""]}>
      {rows.map((v) => (
        <tr key={v.id} className={v.voidedAt ? "text-slate-500" : ""}>
          <Td className="whitespace-nowrap">{formatChineseDate(v.visitedOn)}</Td>
          <Td>{v.vocationalSchoolName}{v.otherCounty ? <span className="ml-1 rounded bg-blue-50 px-1 text-xs text-blue-800">外县市职中</span> : null}</Td>
          <Td>{v.countyName} {v.middleSchoolName}</Td>
          <Td>{v.people}</Td>
          <Td className="max-w-xs">{v.content}</Td>
          <Td className="whitespace-nowrap">{v.studentsReached} / {v.parentsReached}</Td>
          <Td>{v.files.length === 0 ? "—" : v.files.map((f) => <a key={f.id} className="block text-blue-700 underline" href={`/api/documents/${f.id}`} target="_blank" rel="noreferrer">{f.fileName}</a>)}</Td>
          <Td>{visitState(v)}</Td>
          <Td>
            {!v.voidedAt && !v.confirmedAt && actor.role === "MIDDLE_SCHOOL" ? <InlineAction action={confirmVisitAction} hidden={{ visitId: v.id }} label="确认走访" /> : null}
            {!v.voidedAt && actor.role === "VOCATIONAL_SCHOOL" ? (
              <InlineAction action={voidVisitAction} hidden={{ visitId: v.id }} label="作废" variant="secondary">
                <label className="flex flex-col text-xs">作废原因<input name="reason" className="rounded border border-slate-300 px-2 py-1 text-sm" size={12} /></label>
              </InlineAction>
            ) : null}
          </Td>
        </tr>
      ))}
    </Table>
  );
}

/** Which middle schools a vocational school visited this year: 未走访 first catches the eye. */
export function CoverageTable({ rows }: { rows: Awaited<ReturnType<typeof visitCoverage>> }) {
  return (
    <Table caption="初中学校宣传走访覆盖情况" head={["县市", "初中学校", "走访次数", "初中已确认", "走访的职业学校", "情况"]}>
      {rows.map((s) => (
        <tr key={s.id} className={s.visits === 0 ? "bg-red-50" : ""}>
          <Td>{s.countyName}</Td><Td>{s.name}</Td><Td>{s.visits}</Td><Td>{s.confirmed}</Td><Td>{s.by.join("、") || "—"}</Td>
          <Td>{s.visits === 0 ? <span className="font-medium text-red-800">本年度尚无职业学校走访</span> : s.confirmed === 0 ? "待初中确认" : "已走访"}</Td>
        </tr>
      ))}
    </Table>
  );
}

/** Per school: visits and follow-ups (counts only). */
export function BySchoolTables({ data }: { data: Awaited<ReturnType<typeof fieldworkBySchool>> }) {
  return (
    <div className="flex flex-col gap-3">
      <Table caption="初中学校走访与回访次数" head={["初中学校", "接受宣传走访", "其中已确认", "本校登记的回访", "职业学校登记的回访", "学生家访次数（双方）", "流失风险（未解除）"]}>
        {data.middle.length === 0 ? <tr><Td className="text-slate-500">暂无</Td></tr> : data.middle.map((m) => (
          <tr key={m.id}><Td>{m.name}</Td><Td>{m.visitsReceived}</Td><Td>{m.confirmed}</Td><Td>{m.followUpsBySchool}</Td><Td>{m.followUpsByVocational}</Td><Td>{m.homeVisits}</Td><Td>{m.openFlags}</Td></tr>
        ))}
      </Table>
      <Table caption="职业学校走访与回访次数" head={["职业学校", "到本辖区初中宣传走访", "本校登记的回访", "学生家访次数（双方）", "流失风险（未解除）"]}>
        {data.vocational.length === 0 ? <tr><Td className="text-slate-500">暂无</Td></tr> : data.vocational.map((v) => (
          <tr key={v.id}><Td>{v.name}</Td><Td>{v.visitsMade}</Td><Td>{v.followUpsByVocational}</Td><Td>{v.homeVisits}</Td><Td>{v.openFlags}</Td></tr>
        ))}
      </Table>
    </div>
  );
}
