import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { AppError } from "@/server/errors";
import { getPlanOverview } from "@/server/plan/read";
import { compareVersions, type CompareCell } from "@/server/plan/compare";
import { PageTitle } from "@/components/ui/table";
import { StateBadge } from "../../_components/state-badge";
import { formatChinaDateTime, num } from "../../_components/format";
import { yearParam } from "../year-param";
import { scrollRegion } from "@/components/ui/scroll-region";

type Search = Promise<Record<string, string | string[] | undefined>>;

const th = "border border-slate-300 bg-slate-100 px-2 py-1.5 text-center font-medium";
const td = "border border-slate-300 px-2 py-1.5 text-center tabular-nums";

function Cells({ c }: { c: CompareCell }) {
  if (!c.changed) return <><td className={td}>{num(c.a)}</td><td className={td}>{num(c.b)}</td></>;
  const diff = c.a !== null && c.b !== null ? c.b - c.a : null;
  return (
    <>
      <td className={`${td} bg-amber-50`}>{num(c.a)}</td>
      <td className={`${td} bg-amber-100 font-semibold text-amber-950`} data-changed="true">
        {num(c.b)}
        {diff !== null ? <span className="ml-1 text-xs font-normal">（{diff > 0 ? `+${diff}` : diff}）</span> : null}
        <span className="sr-only">（已变动）</span>
      </td>
    </>
  );
}

/** Two versions side by side; every changed figure highlighted with its difference. */
export default async function ComparePage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Search }) {
  const actor = await pageActor("plan.edit");
  const year = yearParam((await params).year);
  const sp = await searchParams;
  const overview = await getPlanOverview(actor, year).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const numbers = overview.versions.map((v) => v.version);
  if (numbers.length < 2) {
    return (
      <div className="flex flex-col gap-4">
        <PageTitle>{year}年计划版本对比</PageTitle>
        <p className="rounded border border-slate-200 bg-white px-4 py-3">{year}年计划只有一个版本，没有可对比的版本。<Link className="text-blue-700 underline" href={`/plan/${year}`}>返回</Link></p>
      </div>
    );
  }
  const pick = (raw: unknown, fallback: number) => (numbers.includes(Number(raw)) ? Number(raw) : fallback);
  const b = pick(sp.b, numbers[numbers.length - 1]);
  const a = pick(sp.a, numbers.filter((n) => n !== b).at(-1)!);
  const cmp = await compareVersions(actor, year, a, b);
  const head = (v: typeof cmp.a) => (
    <div className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <div className="font-semibold">第 {v.version} 版 <StateBadge state={v.state} /></div>
      <div className="text-slate-600">建立：{formatChinaDateTime(v.createdAt)} {v.createdBy}{v.issuedAt ? ` · 下达：${formatChinaDateTime(v.issuedAt)}` : ""}</div>
      {v.amendReason ? <div className="text-slate-600">调整原因：{v.amendReason}</div> : null}
      {v.problemCount ? <div className="text-red-800">导入文件，有 {v.problemCount} 处问题</div> : null}
    </div>
  );
  const pair = (label: string) => <><th scope="col" className={th}>{label}<br /><span className="text-xs font-normal">第 {a} 版</span></th><th scope="col" className={th}>{label}<br /><span className="text-xs font-normal">第 {b} 版</span></th></>;

  return (
    <div className="flex flex-col gap-4">
      <PageTitle actions={<Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href={`/plan/${year}`}>返回{year}年计划</Link>}>
        {year}年计划版本对比
      </PageTitle>
      <form className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        {(["a", "b"] as const).map((k) => (
          <div key={k} className="flex flex-col gap-1">
            <label htmlFor={`v-${k}`} className="text-sm font-medium text-slate-700">{k === "a" ? "对比版本（左）" : "对比版本（右）"}</label>
            <select id={`v-${k}`} name={k} defaultValue={k === "a" ? a : b} className="rounded border border-slate-300 px-3 py-2">
              {overview.versions.map((v) => <option key={v.version} value={v.version}>第 {v.version} 版</option>)}
            </select>
          </div>
        ))}
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 text-sm text-white hover:bg-blue-800">对比</button>
      </form>
      <div className="grid gap-3 md:grid-cols-2">{head(cmp.a)}{head(cmp.b)}</div>
      <p className="text-sm text-slate-700" aria-live="polite">
        {cmp.changedCount === 0 ? "两个版本的数字完全相同。" : <>共有 <strong>{cmp.changedCount}</strong> 个数字不同，已用黄色标出（括号内为变动数）。</>}
      </p>
      <div {...scrollRegion("县市送读计划", "overflow-x-auto rounded-lg border border-slate-200 bg-white p-3")}>
        <table className="min-w-full border-collapse text-sm">
          <caption className="pb-2 text-left font-semibold">县市送读计划</caption>
          <thead><tr><th scope="col" className={th}>县市</th>{pair("初中毕业生")}{pair("送读计划")}{pair("其中※")}</tr></thead>
          <tbody>
            {cmp.counties.map((c) => (
              <tr key={c.name}><th scope="row" className={`${td} font-normal`}>{c.name}</th><Cells c={c.cohortBase} /><Cells c={c.sendOffCap} /><Cells c={c.shanghaiTask} /></tr>
            ))}
            <tr className="font-semibold"><th scope="row" className={td}>合计</th><Cells c={cmp.totals.counties.cohortBase} /><Cells c={cmp.totals.counties.sendOffCap} /><Cells c={cmp.totals.counties.shanghaiTask} /></tr>
          </tbody>
        </table>
      </div>
      <div {...scrollRegion("职业学校招生计划", "overflow-x-auto rounded-lg border border-slate-200 bg-white p-3")}>
        <table className="min-w-full border-collapse text-sm">
          <caption className="pb-2 text-left font-semibold">职业学校招生计划</caption>
          <thead><tr><th scope="col" className={th}>职业学校</th>{pair("招生计划")}{pair("其中※")}</tr></thead>
          <tbody>
            {cmp.vocationalSchools.map((s) => (
              <tr key={s.name}><th scope="row" className={`${td} font-normal`}>{s.name}</th><Cells c={s.enrolCap} /><Cells c={s.shanghaiTask} /></tr>
            ))}
            <tr className="font-semibold"><th scope="row" className={td}>合计</th><Cells c={cmp.totals.vocationalSchools.enrolCap} /><Cells c={cmp.totals.vocationalSchools.shanghaiTask} /></tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
