import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { loadRosterPage } from "@/server/pages/roster";
import { formatChineseRange } from "@/lib/china-date";
import { maskIdNumber } from "@/lib/validators/id-number";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
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
type Query = Awaited<ReturnType<typeof loadRosterPage>>["query"];
type ViewProps<R extends View["role"]> = { view: Extract<View, { role: R }>; year: number; readOnly: boolean; query: Query };

const fmt = (d: Date | null) => (d ? d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) : "");
const CHECK_LABEL: Record<string, string> = { CONFIRMED: "已确认", DISCREPANCY: "有异议", RESOLVED: "学校已答复" };
const ExportLink = ({ href, children }: { href: string; children: React.ReactNode }) => (
  <a href={href} className="rounded border border-blue-700 px-3 py-1.5 text-sm text-blue-800 hover:bg-blue-50" download>{children}</a>
);

export default async function RosterPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("roster.read");
  const t = now();
  const { at, year, phase, readOnly, query, view } = await loadRosterPage(actor, await searchParams, t);
  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<YearSelector at={at} path="/roster" />}>{year}年在读学生名单（附件4）</PageTitle>
      {readOnly && year < at.current ? <ReadOnlyNote text={readOnlyText(year, "名单确认")} /> : null}
      <p className="text-sm text-slate-600">{phase.range ? `确认期：${formatChineseRange(phase.range)}。职业学校在确认期内提交名单，州教育体育局反馈给各县市，县市核对确认。` : phase.message}</p>
      {view?.role === "VOCATIONAL_SCHOOL" ? <SchoolView view={view} year={year} readOnly={readOnly} query={query} /> : null}
      {view?.role === "PREFECTURE" ? <PrefectureView view={view} year={year} readOnly={readOnly} query={query} /> : null}
      {view?.role === "COUNTY" ? <CountyView view={view} year={year} readOnly={readOnly} query={query} /> : null}
    </div>
  );
}

const input = "rounded border border-slate-300 px-2 py-1.5";

function SchoolView({ view, year, readOnly, query }: ViewProps<"VOCATIONAL_SCHOOL">) {
  const { total, page, submissions: subs, discrepancies } = view;
  const last = subs[0];
  return (
    <>
      <section aria-labelledby="submit-h" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="submit-h" className="mb-2 font-semibold">{readOnly ? "已提交的名单" : "提交名单"}</h2>
        <p className="mb-3 text-sm text-slate-600">{readOnly ? "" : `名单包括已报到且仍在读的学生（共 ${total} 人）。班级和学号请在“接收与编班”中修改。`}{last ? `已提交第 ${last.version} 版（${fmt(last.submittedAt)}，${last.rowCount} 人）。` : "尚未提交。"}</p>
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
      <section aria-labelledby="list-h" className="flex flex-col gap-3">
        <h2 id="list-h" className="font-semibold">当前名单（{total} 人）</h2>
        <form role="search" aria-label="查找学生" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="year" value={year} />
          <label className="flex flex-col text-sm">姓名、身份证号、学号、班级或原初中学校
            <input name="q" defaultValue={query.q} className={`w-72 ${input}`} />
          </label>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">查询</button>
          {query.q ? <Link href={`/roster?year=${year}`} className="text-sm text-blue-700 underline">显示全部</Link> : null}
        </form>
        <Table caption="当前名单" head={["序号", "学生姓名", "性别", "身份证号码", "所属县市", "原初中学校", "原班级", "所在班级", "学号"]}>
          {page.items.map((r) => (
            <tr key={r.enrolmentId}><Td>{r.n}</Td><Td><Link className="text-blue-700 underline" href={`/students/${r.enrolmentId}`}>{r.studentName}</Link></Td><Td>{r.sex}</Td><Td className="font-mono">{maskIdNumber(r.idNumber)}</Td><Td>{r.countyName}</Td><Td>{r.middleSchoolName}</Td><Td>{r.middleSchoolClass}</Td><Td>{r.vocationalClass}</Td><Td className="font-mono">{r.vocationalStudentNo}</Td></tr>
          ))}
          {page.total === 0 ? <tr><Td className="text-slate-500">{query.q ? `没有找到与“${query.q}”相符的学生。` : "名单中没有学生（已报到且仍在读的学生才在名单中）。"}</Td></tr> : null}
        </Table>
        {page.pageCount > 1 ? <Pagination basePath="/roster" page={page.page} pageCount={page.pageCount} total={page.total} params={{ q: query.q, year: String(year) }} /> : null}
      </section>
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

const CHECK_FILTERS = [["", "全部"], ["UNCHECKED", "未核对"], ["CONFIRMED", "已确认"], ["DISCREPANCY", "有异议"]] as const;

function CountyView({ view: { summary, part }, year, readOnly, query }: ViewProps<"COUNTY">) {
  if (!part) return <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">州教育体育局尚未反馈本县市的名单。</p>;
  const { page } = part;
  return (
    <>
      <div className="flex gap-2"><ExportLink href={`/api/exports/annex4?year=${year}&source=submitted`}>导出本县市名单（附件4）</ExportLink></div>
      <Table caption="各职业学校反馈情况" head={["职业学校", "版本", "本县市学生", "未核对", "异议", "核对"]}>
        {summary.map((s) => (
          <tr key={s.submissionId} aria-current={s.submissionId === part.submissionId ? "true" : undefined} className={s.submissionId === part.submissionId ? "bg-blue-50" : undefined}>
            <Td>{s.schoolName}</Td><Td>第 {s.version} 版</Td><Td className="tabular-nums">{s.total}</Td>
            <Td className="tabular-nums">{s.unchecked ? <span className="text-amber-700">{s.unchecked}</span> : "0"}</Td><Td className="tabular-nums">{s.discrepancies}</Td>
            <Td>{s.submissionId === part.submissionId ? "正在核对" : <Link className="text-blue-700 underline" href={`/roster?year=${year}&part=${s.submissionId}`}>核对{s.schoolName}名单</Link>}</Td>
          </tr>
        ))}
      </Table>
      <section aria-label={part.schoolName} className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">{part.schoolName}（第 {part.version} 版，{part.total} 人，未核对 {part.unchecked} 人）</h2>
          {readOnly || part.unchecked === 0 ? null : <InlineAction action={confirmAllRowsAction} hidden={{ submissionId: part.submissionId }} label={`其余 ${part.unchecked} 名学生全部确认`} variant="secondary" />}
        </div>
        <form role="search" aria-label="查找学生" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="part" value={part.submissionId} />
          <label className="flex flex-col text-sm">姓名、身份证号、学号、班级或原初中学校
            <input name="q" defaultValue={query.q} className={`w-72 ${input}`} />
          </label>
          <label className="flex flex-col text-sm">核对情况
            <select name="check" defaultValue={query.check} className={input}>
              {CHECK_FILTERS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
            </select>
          </label>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">查询</button>
        </form>
        <Table caption={`${part.schoolName}名单`} head={["学生姓名", "性别", "身份证号码", "原初中学校", "原班级", "所在班级", "学号", "核对"]}>
          {page.items.map((r) => (
            <tr key={r.enrolmentId}>
              <Td><Link className="text-blue-700 underline" href={`/students/${r.enrolmentId}`}>{r.studentName}</Link></Td><Td>{r.sex}</Td><Td className="font-mono">{maskIdNumber(r.idNumber)}</Td><Td>{r.middleSchoolName}</Td>
              <Td>{r.middleSchoolClass}</Td><Td>{r.vocationalClass}</Td><Td className="font-mono">{r.vocationalStudentNo}</Td>
              <Td>{r.check ? (
                <span>{CHECK_LABEL[r.check.status]}{r.check.comment ? `：${r.check.comment}` : ""}{r.check.answer ? `；学校答复：${r.check.answer}` : ""}</span>
              ) : readOnly ? "未核对" : <RowCheck submissionId={part.submissionId} enrolmentId={r.enrolmentId} studentName={r.studentName} />}</Td>
            </tr>
          ))}
          {page.total === 0 ? <tr><Td className="text-slate-500">没有符合条件的学生。</Td></tr> : null}
        </Table>
        {page.pageCount > 1 ? <Pagination basePath="/roster" page={page.page} pageCount={page.pageCount} total={page.total} params={{ q: query.q, check: query.check, part: part.submissionId, year: String(year) }} /> : null}
      </section>
    </>
  );
}
