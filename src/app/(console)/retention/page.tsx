import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { countyCredits, retentionBoard } from "@/server/retention/read";
import { creditFormula, percent, retentionFormula } from "@/lib/retention";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { yearAtHand } from "@/server/year";
import { YearSelector } from "@/components/year/year-selector";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function RetentionPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("retention.read");
  const at = await yearAtHand(await searchParams);
  const { year } = at;
  const [board, credits] = await Promise.all([retentionBoard(actor, year), countyCredits(actor, year)]);
  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<YearSelector at={at} path="/retention" />}>
        {year}年巩固率与考核
      </PageTitle>
      <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
        巩固率 = 秋季注册时仍在读的学生 ÷（确认的在读学生名单 − 有有效证明的离校学生）。回原初中就读或到其他高中阶段学校就读并有书面证明的学生不计入考核；
        辍学和其他原因离校的计入流失。考核标准为巩固率达到 95% 以上。秋季注册完成前显示的是“按今天注册”的实时数。
      </p>
      <Table caption="各职业学校巩固率" head={["职业学校", "隶属", "巩固率", "计算", "状态", "考核结果"]}>
        {board.map((b) => (
          <tr key={b.schoolId}>
            <Td><Link className="text-blue-700 underline" href={`/retention/${b.schoolId}?year=${year}`}>{b.schoolName}</Link></Td>
            <Td>{b.owner}</Td>
            <Td className="tabular-nums">{b.figure ? percent(b.figure.retention.rate) : "—"}</Td>
            <Td className="text-sm">{b.figure ? retentionFormula(b.figure.retention) : <span className="text-slate-500">无已确认的附件4名单</span>}</Td>
            <Td>
              {b.figure?.retention.meetsTarget === false ? <span className="font-semibold text-red-700">未达 95%，须说明原因</span> : null}
              {b.figure ? <span className="block text-xs text-slate-500">{b.figure.final ? "最终数（秋季注册已完成）" : "实时数（尚未完成秋季注册）"}</span> : null}
            </Td>
            <Td>{b.assessment ? `${b.assessment.result === "PASS" ? "达标" : "未达标"}（第 ${b.assessment.version} 版）` : <span className="text-slate-500">未考核</span>}</Td>
          </tr>
        ))}
      </Table>
      {actor.role === "COUNTY" ? <h2 className="-mb-4 text-base font-semibold">{actor.orgName}计入中职招生完成数（州属职业学校，按巩固率 95%，超出 95% 的按实际比例）</h2> : null}
      {actor.role === "COUNTY" ? (
        <Table caption={`${actor.orgName}计入中职招生完成数（州属职业学校）`} head={["州属职业学校", "学校巩固率", "本县市确认学生", "计入人数", "计算"]}>
          {credits.map((c) => (
            <tr key={c.schoolId}>
              <Td>{c.schoolName}</Td>
              <Td className="tabular-nums">{c.retention ? percent(c.retention.rate) : "—"}{c.retention && !c.final ? "（实时）" : ""}</Td>
              <Td className="tabular-nums">{c.credit?.students ?? 0}</Td>
              <Td className="tabular-nums font-semibold">{c.credit ? c.credit.credited : "—"}</Td>
              <Td className="text-sm">{c.credit ? creditFormula(c.credit) : "本县市在该校没有已确认的学生"}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
    </div>
  );
}
