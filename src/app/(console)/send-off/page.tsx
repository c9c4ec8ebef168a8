import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { ARRIVAL_GRACE_DAYS } from "@/server/reception/reception";
import { loadSendOffPage } from "@/server/pages/send-off";
import { formatChineseRange } from "@/lib/china-date";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
import { CountyProgress, SchoolProgress, VocationalProgress } from "@/components/progress/progress-tables";
import { ReadOnlyNote, YearSelector } from "@/components/year/year-selector";
import { readOnlyText } from "@/lib/year";
import { SendOffForm } from "./send-off-form";
import { PlanGateNote } from "./plan-gate-note";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SendOffPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("sendOff.read");
  const sp = await searchParams;
  const t = now();
  const { at, year, phase, readOnly, open, progress, gate, q, sendable, showOverdue, overdue } = await loadSendOffPage(actor, sp, t);
  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<YearSelector at={at} path="/send-off" />}>{year}年送读</PageTitle>
      {readOnly ? <ReadOnlyNote text={readOnlyText(year, "送读期")} /> : null}
      <p className={`rounded border px-3 py-2 text-sm ${open ? "border-green-300 bg-green-50 text-green-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
        {phase.range ? `送读期：${formatChineseRange(phase.range)}。${open ? "当前处于送读期，可以送读。" : "当前不在送读期，不能送读（政策规定其他时间不再开展招生送读工作）。"}` : phase.message}
        {progress.plan ? ` 依据：${year}年送读招生计划第 ${progress.plan.version} 版。` : ` ${year}年送读招生计划尚未下达。`}
      </p>
      <PlanGateNote actor={actor} year={year} gate={gate} />
      {sendable ? (
        <section aria-labelledby="sendable-h" className="flex flex-col gap-3">
          <h2 id="sendable-h" className="text-lg font-semibold">待送读学生（已审核同意）</h2>
          <form role="search" aria-label="搜索待送读学生" className="flex items-end gap-3">
            <input type="hidden" name="year" value={year} />
            <label className="flex flex-col text-sm">姓名或身份证号
              <input name="q" defaultValue={q} className="rounded border border-slate-300 px-2 py-1.5" />
            </label>
            <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">查询</button>
          </form>
          <SendOffForm rows={sendable.items} open={open} />
          <Pagination basePath="/send-off" page={sendable.page} pageCount={sendable.pageCount} total={sendable.total} params={{ q, year: String(year) }} />
        </section>
      ) : null}
      <section aria-labelledby="progress-h" className="flex flex-col gap-3">
        <h2 id="progress-h" className="text-lg font-semibold">送读进度（实时）</h2>
        <CountyProgress rows={progress.counties} />
        <SchoolProgress rows={progress.middleSchools} />
        <VocationalProgress rows={progress.vocationalSchools} />
      </section>
      {showOverdue && (overdue.length || actor.role !== "PREFECTURE") ? (
        <section aria-labelledby="overdue-h" className="flex flex-col gap-3">
          <h2 id="overdue-h" className="text-lg font-semibold">送读 {ARRIVAL_GRACE_DAYS} 天后仍未报到的学生</h2>
          <Table caption="未报到学生" head={["学生姓名", "初中学校", "班级", "职业学校", "送读日期", "状态", "监护人", "监护人电话"]}>
            {overdue.map((o) => (
              <tr key={o.id}>
                <Td><Link className="text-blue-700 underline" href={`/students/${o.id}`}>{o.studentName}</Link></Td><Td>{o.middleSchoolName}</Td><Td>{o.className}</Td><Td>{o.vocationalSchoolName}</Td>
                <Td>{o.sentOffOn}</Td><Td>{o.arrivalStatus === "NOT_ARRIVED" ? "未报到" : "待登记"}</Td>
                <Td>{o.guardianName}</Td><Td className="font-mono">{o.guardianPhone}</Td>
              </tr>
            ))}
            {overdue.length === 0 ? <tr><Td className="text-slate-500">没有逾期未报到的学生。</Td></tr> : null}
          </Table>
        </section>
      ) : null}
    </div>
  );
}
