import { SEND_OFF_RATIO_PERCENT, maxSendOffCap, thirtyPercentText } from "@/lib/plan-rules";
import type { PlanTotals } from "@/lib/plan-rules";
import type { VersionContent } from "@/server/plan/content";
import { num } from "./format";
import { scrollRegion } from "@/components/ui/scroll-region";

const th = "border border-slate-300 bg-slate-100 px-3 py-2 text-center font-medium";
const td = "border border-slate-300 px-3 py-1.5 text-center tabular-nums";

/**
 * One version's figures in the layout of 附件2: the counties' send-off plan and the vocational
 * schools' enrolment plan, each with its computed 合计. With `flagRules`, cells that break a rule
 * (an imported file's figures) are marked.
 */
export function PlanTable({ content, totals, cohortBaseYear, flagRules = false }: {
  content: VersionContent; totals: PlanTotals; cohortBaseYear: number; flagRules?: boolean;
}) {
  return (
    <div className="grid gap-6 xl:grid-cols-[3fr_2fr]">
      <div {...scrollRegion("县市送读计划", "overflow-x-auto rounded-lg border border-slate-200 bg-white p-3")}>
        <table className="min-w-full border-collapse text-sm">
          <caption className="pb-2 text-left font-semibold">县市送读计划</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>县市</th>
              <th scope="col" className={th}>初中毕业生（人）<br /><span className="text-xs font-normal text-slate-600">{cohortBaseYear}年初一入学时学籍人数</span></th>
              <th scope="col" className={th}>义教职教班送读计划<br /><span className="text-xs font-normal text-slate-600">控制在初中毕业生数的30%以内</span></th>
              <th scope="col" className={th}>其中※<br /><span className="text-xs font-normal text-slate-600">东西协作送读上海任务数</span></th>
            </tr>
          </thead>
          <tbody>
            {content.counties.map((c) => {
              const over = flagRules && c.cohortBase !== null && c.sendOffCap !== null && c.sendOffCap > maxSendOffCap(c.cohortBase);
              const taskOver = flagRules && c.sendOffCap !== null && c.shanghaiTask !== null && c.shanghaiTask > c.sendOffCap;
              return (
                <tr key={c.countyId}>
                  <th scope="row" className={`${td} font-normal`}>{c.countyName}</th>
                  <td className={td}>{num(c.cohortBase)}</td>
                  <td className={`${td} ${over ? "bg-red-50 font-semibold text-red-800" : ""}`}>
                    {num(c.sendOffCap)}
                    {over ? <span className="block text-xs font-normal">超过上限 {maxSendOffCap(c.cohortBase!)}（{c.cohortBase} × {SEND_OFF_RATIO_PERCENT}% = {thirtyPercentText(c.cohortBase!)}）</span> : null}
                  </td>
                  <td className={`${td} ${taskOver ? "bg-red-50 font-semibold text-red-800" : ""}`}>{num(c.shanghaiTask)}</td>
                </tr>
              );
            })}
            <tr className="bg-slate-50 font-semibold">
              <th scope="row" className={td}>合计</th>
              <td className={td}>{totals.counties.cohortBase}</td>
              <td className={td}>{totals.counties.sendOffCap}</td>
              <td className={td}>{totals.counties.shanghaiTask}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <div {...scrollRegion("职业学校招生计划", "overflow-x-auto rounded-lg border border-slate-200 bg-white p-3")}>
        <table className="min-w-full border-collapse text-sm">
          <caption className="pb-2 text-left font-semibold">职业学校招生计划</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>职业学校</th>
              <th scope="col" className={th}>义教职教班招生计划</th>
              <th scope="col" className={th}>其中※<br /><span className="text-xs font-normal text-slate-600">东西协作任务数</span></th>
            </tr>
          </thead>
          <tbody>
            {content.vocationalSchools.map((s) => {
              const taskOver = flagRules && s.enrolCap !== null && s.shanghaiTask !== null && s.shanghaiTask > s.enrolCap;
              return (
                <tr key={s.vocationalSchoolId}>
                  <th scope="row" className={`${td} font-normal`} title={s.fullName}>{s.schoolName}</th>
                  <td className={td}>{num(s.enrolCap)}</td>
                  <td className={`${td} ${taskOver ? "bg-red-50 font-semibold text-red-800" : ""}`}>{num(s.shanghaiTask)}</td>
                </tr>
              );
            })}
            <tr className="bg-slate-50 font-semibold">
              <th scope="row" className={td}>合计</th>
              <td className={td}>{totals.vocationalSchools.enrolCap}</td>
              <td className={td}>{totals.vocationalSchools.shanghaiTask}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
