import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { loadRosterPage } from "@/server/pages/roster";
import { formatChineseRange } from "@/lib/china-date";
import { maskIdNumber } from "@/lib/validators/id-number";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { InlineAction } from "@/components/ui/inline-action";
import { answerDiscrepancyAction } from "@/actions/roster/answer-discrepancy";
import { confirmAllRowsAction } from "@/actions/roster/confirm-all-rows";
import { receiveRosterAction } from "@/actions/roster/receive-roster";
import { releaseRosterAction } from "@/actions/roster/release-roster";
import { submitRosterAction } from "@/actions/roster/submit-roster";
import { ReadOnlyNote, YearSelector } from "@/components/year/year-selector";
import { readOnlyText } from "@/lib/year";
import { RowCheck } from "./row-check";

type Search = Promise<Record<string, string | string[] | undefined>>;
type View = NonNullable<Awaited<ReturnType<typeof loadRosterPage>>["view"]>;
type ViewProps<R extends View["role"]> = { view: Extract<View, { role: R }>; year: number; readOnly: boolean };

const fmt = (d: Date | null) => (d ? d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) : "");
const CHECK_LABEL: Record<string, string> = { CONFIRMED: "已确认", DISCREPANCY: "有异议", RESOLVED: "学校已答复" };
const ExportLink = ({ href, children }: { href: string; children: React.ReactNode }) => (
  <a href={href} className="rounded border border-blue-700 px-3 py-1.5 text-sm text-blue-800 hover:bg-blue-50" download>{children}</a>
);

export default async function RosterPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("roster.read");
  const t = now();
  const { at, year, phase, readOnly, view } = await loadRosterPage(actor, await searchParams, t);
  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<YearSelector at={at} path="/roster" />}>{year}年在读学生名单（附件4）</PageTitle>
      {readOnly && year < at.current ? <ReadOnlyNote text={readOnlyText(year, "名单确认")} /> : null}
      <p className="text-sm text-slate-600">{phase.range ? `确认期：${formatChineseRange(phase.range)}。职业学校在确认期内提交名单，州教育体育局反馈给各县市，县市核对确认。` : phase.message}</p>
      {view?.role === "VOCATIONAL_SCHOOL" ? <SchoolView view={view} year={year} readOnly={readOnly} /> : null}
      {view?.role === "PREFECTURE" ? <PrefectureView view={view} year={year} readOnly={readOnly} /> : null}
      {view?.role === "COUNTY" ? <CountyView view={view} year={year} readOnly={readOnly} /> : null}
    </div>
  );
}

function SchoolView({ view, year, readOnly }: ViewProps<"VOCATIONAL_SCHOOL">) {
  const { rows, submissions: subs, discrepancies } = view;
  const last = subs[0];
  return (
    <>
      <section aria-labelledby="submit-h" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="submit-h" className="mb-2 font-semibold">{readOnly ? "已提交的名单" : "提交名单"}</h2>
        <p className="mb-3 text-sm text-slate-600">{readOnly ? "" : `名单包括已报到且仍在读的学生（共 ${rows.length} 人）。班级和学号请在“接收与编班”中修改。`}{last ? `已提交第 ${last.version} 版（${fmt(last.submittedAt)}，${last.rowCount} 人）。` : "尚未提交。"}</p>
        {readOnly ? null : (
          <InlineAction action={submitRosterAction} hidden={{}} label={last ? "重新提交名单" : "提交名单"}>
            {last ? (
              <label className="flex flex-col text-sm">重新提交原因
                <input name="reason" className="w-72 rounded border border-slate-300 px-2 py-1.5" placeholder="例如：更正学号" />
              </label>
            ) : null}
          </InlineAction>
        )}
        <div className="mt-3 flex gap-2">
          <ExportLink href={`/api/exports/annex4?year=${year}&source=live`}>导出当前名单（附件4）</ExportLink>
          {last ? <ExportLink href={`/api/exports/annex4?year=${year}&source=submitted`}>导出已提交的名单</ExportLink> : null}
        </div>
      </section>
      {subs.length ? (
        <Table caption="提交记录" head={["版本", "提交时间", "人数", "原因", "州局接收"]}>
          {subs.map((s) => <tr key={s.id}><Td>第 {s.version} 版{s.supersededAt ? "（已被取代）" : ""}</Td><Td>{fmt(s.submittedAt)}</Td><Td>{s.rowCount}</Td><Td>{s.reason ?? ""}</Td><Td>{s.receivedAt ? fmt(s.receivedAt) : "未接收"}</Td></tr>)}
        </Table>
      ) : null}
      <section aria-labelledby="disc-h" className="flex flex-col gap-2">
        <h2 id="disc-h" className="font-semibold">县市提出的异议</h2>
        <Table caption="异议" head={["县市", "学生", "班级", "异议", "状态", "答复"]}>
          {discrepancies.map((d) => (
            <tr key={d.id}>
              <Td>{d.countyName}</Td><Td>{d.studentName}</Td><Td>{d.vocationalClass}</Td><Td>{d.comment}</Td><Td>{CHECK_LABEL[d.status]}</Td>
              <Td>{d.answer ?? (readOnly ? "未答复" :
                <InlineAction action={answerDiscrepancyAction} hidden={{ checkId: d.id }} label="答复">
                  <label className="flex flex-col text-sm">答复内容<input name="answer" className="rounded border border-slate-300 px-2 py-1" /></label>
                </InlineAction>
              )}</Td>
            </tr>
          ))}
          {discrepancies.length === 0 ? <tr><Td className="text-slate-500">暂无异议。</Td></tr> : null}
        </Table>
      </section>
      <Table caption="当前名单" head={["序号", "学生姓名", "性别", "身份证号码", "所属县市", "原初中学校", "原班级", "所在班级", "学号"]}>
        {rows.map((r, i) => (
          <tr key={r.enrolmentId}><Td>{i + 1}</Td><Td><Link className="text-blue-700 underline" href={`/students/${r.enrolmentId}`}>{r.studentName}</Link></Td><Td>{r.sex}</Td><Td className="font-mono">{maskIdNumber(r.idNumber)}</Td><Td>{r.countyName}</Td><Td>{r.middleSchoolName}</Td><Td>{r.middleSchoolClass}</Td><Td>{r.vocationalClass}</Td><Td className="font-mono">{r.vocationalStudentNo}</Td></tr>
        ))}
      </Table>
    </>
  );
}

function PrefectureView({ view: { board }, year, readOnly }: ViewProps<"PREFECTURE">) {
  return (
    <>
      <div className="flex gap-2"><ExportLink href={`/api/exports/annex4?year=${year}&source=submitted`}>导出全部学校（每校一个工作表）</ExportLink></div>
      <Table caption="各职业学校提交情况" head={["职业学校", "提交情况", "人数", "县市异议", "接收", "反馈县市", "导出"]}>
        {board.map((b) => (
          <tr key={b.schoolId}>
            <Td>{b.schoolName}</Td>
            <Td>{b.submission ? `第 ${b.submission.version} 版，${fmt(b.submission.submittedAt)}` : <span className="text-amber-700">未提交</span>}</Td>
            <Td>{b.submission?.rowCount ?? ""}</Td>
            <Td>{b.submission ? b.submission.discrepancies : ""}</Td>
            <Td>{b.submission ? (b.submission.receivedAt ? `已接收 ${fmt(b.submission.receivedAt)}` : readOnly ? "未接收" : <InlineAction action={receiveRosterAction} hidden={{ submissionId: b.submission.id }} label="确认接收" />) : ""}</Td>
            <Td>{b.submission ? (
              b.submission.releasedTo.length >= b.submission.counties.length && b.submission.counties.length > 0
                ? `已反馈：${b.submission.releasedTo.join("、")}`
                : readOnly ? "未反馈" : <InlineAction action={releaseRosterAction} hidden={{ submissionId: b.submission.id }} label={`反馈给 ${b.submission.counties.length} 个县市`} variant="secondary" />
            ) : ""}</Td>
            <Td>{b.submission ? <ExportLink href={`/api/exports/annex4?year=${year}&school=${b.schoolId}&source=submitted`}>导出</ExportLink> : ""}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function CountyView({ view: { parts }, year, readOnly }: ViewProps<"COUNTY">) {
  if (parts.length === 0) return <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">州教育体育局尚未反馈本县市的名单。</p>;
  return (
    <>
      <div className="flex gap-2"><ExportLink href={`/api/exports/annex4?year=${year}&source=submitted`}>导出本县市名单（附件4）</ExportLink></div>
      {parts.map((part) => (
        <section key={part.submissionId} aria-label={part.schoolName} className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">{part.schoolName}（第 {part.version} 版，{part.rows.length} 人）</h2>
            {readOnly ? null : <InlineAction action={confirmAllRowsAction} hidden={{ submissionId: part.submissionId }} label="其余学生全部确认" variant="secondary" />}
          </div>
          <Table caption={`${part.schoolName}名单`} head={["学生姓名", "性别", "身份证号码", "原初中学校", "原班级", "所在班级", "学号", "核对"]}>
            {part.rows.map((r) => (
              <tr key={r.enrolmentId}>
                <Td><Link className="text-blue-700 underline" href={`/students/${r.enrolmentId}`}>{r.studentName}</Link></Td><Td>{r.sex}</Td><Td className="font-mono">{maskIdNumber(r.idNumber)}</Td><Td>{r.middleSchoolName}</Td>
                <Td>{r.middleSchoolClass}</Td><Td>{r.vocationalClass}</Td><Td className="font-mono">{r.vocationalStudentNo}</Td>
                <Td>{r.check ? (
                  <span>{CHECK_LABEL[r.check.status]}{r.check.comment ? `：${r.check.comment}` : ""}{r.check.answer ? `；学校答复：${r.check.answer}` : ""}</span>
                ) : readOnly ? "未核对" : <RowCheck submissionId={part.submissionId} enrolmentId={r.enrolmentId} studentName={r.studentName} />}</Td>
              </tr>
            ))}
          </Table>
        </section>
      ))}
    </>
  );
}
