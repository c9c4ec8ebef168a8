import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { getEditorRows, planYears } from "@/server/plan/read";
import { programmeYear } from "@/server/calendar/calendar";
import { now } from "@/server/clock";
import { PLAN_YEAR_MAX, PLAN_YEAR_MIN } from "@/lib/schemas/plan";
import { PageTitle } from "@/components/ui/table";
import { PlanEditor } from "../_components/plan-editor";
import { PlannedFiguresPanel } from "../_components/planned-figures-panel";
import { toEditorRows } from "../_components/editor-rows";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function NewPlanPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("plan.edit");
  const sp = await searchParams;
  const years = await planYears(actor);
  const issuedYears = years.filter((y) => y.issued).map((y) => y.year);
  const suggested = Math.max(programmeYear(now()), ...years.map((y) => y.year + 1));
  const year = Number(sp.year);
  const validYear = Number.isInteger(year) && year >= PLAN_YEAR_MIN && year <= PLAN_YEAR_MAX;
  const from = Number(sp.from);
  const copyFrom = Number.isInteger(from) && issuedYears.includes(from) ? from : null;

  if (!validYear) {
    return (
      <div className="flex flex-col gap-4">
        <PageTitle>新建年度送读招生计划</PageTitle>
        <form className="flex max-w-xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6">
          <div className="flex flex-col gap-1">
            <label htmlFor="year" className="text-sm font-medium text-slate-700">计划年度（学生初中毕业的年份）</label>
            <input id="year" name="year" inputMode="numeric" defaultValue={suggested} className="w-32 rounded border border-slate-300 px-3 py-2" />
            {sp.year !== undefined ? <p className="text-sm text-red-700">请填写 {PLAN_YEAR_MIN}–{PLAN_YEAR_MAX} 之间的四位数年份。</p> : null}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="from" className="text-sm font-medium text-slate-700">填写方式</label>
            <select id="from" name="from" defaultValue={issuedYears[0] ? String(issuedYears[0]) : ""} className="w-80 rounded border border-slate-300 px-3 py-2">
              <option value="">从空白表格开始</option>
              {issuedYears.map((y) => <option key={y} value={y}>以{y}年已下达的计划为基础修改</option>)}
            </select>
          </div>
          <div><button type="submit" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">开始填写</button></div>
        </form>
      </div>
    );
  }

  if (years.some((y) => y.year === year)) {
    return (
      <div className="flex flex-col gap-4">
        <PageTitle>新建年度送读招生计划</PageTitle>
        <p className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {year}年计划已经存在。请到 <Link className="font-medium underline" href={`/plan/${year}`}>{year}年计划</Link> 修改草稿或调整已下达的计划。
        </p>
      </div>
    );
  }

  const rows = toEditorRows(await getEditorRows(actor, copyFrom ? { year: copyFrom } : undefined));
  return (
    <div className="flex flex-col gap-4">
      <PageTitle>新建{year}年送读招生计划</PageTitle>
      <p className="text-sm text-slate-600">
        初中毕业生数为{year}年毕业的本届学生{year - 3}年初一入学时的学籍人数。{copyFrom ? `已填入${copyFrom}年已下达计划的数字，请逐项核对修改。` : ""}
        送读计划不得超过初中毕业生数的30%（向下取整），※东西协作任务数不得超过送读计划；合计自动计算。
      </p>
      <PlannedFiguresPanel actor={actor} year={year} />
      <PlanEditor year={year} cohortBaseYear={year - 3} version={1} needsReason={false} counties={rows.counties} schools={rows.schools} />
    </div>
  );
}
