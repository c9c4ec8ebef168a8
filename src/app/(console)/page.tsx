import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { PERMISSION_LABELS, ROLE_LABELS, can, permissionsOf } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { YearSelector } from "@/components/year/year-selector";
import { loadHomePage } from "@/server/pages/home";
import { PhaseTimeline } from "@/components/timeline/phase-timeline";
import { YearStatus } from "@/components/timeline/year-status";
import { BarChartFigure } from "@/components/charts/bar-chart-figure";
import { dashboardCharts } from "./_dashboard/specs";
import { InboxList } from "./_dashboard/inbox-list";
import { SummaryCards } from "./_dashboard/summary-cards";

type Search = Promise<Record<string, string | string[] | undefined>>;
const INBOX_ON_HOME = 5;

/** 首页: the role's to-do lines, its dashboard for the year (charts with their tables) and the year's phase timeline. */
export default async function HomePage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor();
  const t = now();
  const { at, year, timeline, dashboard, inbox } = await loadHomePage(actor, await searchParams, t);
  const perms = permissionsOf(actor.role).filter((p) => p !== "user.changeOwnPassword");
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="org-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h1 id="org-heading" className="text-xl font-semibold">{actor.orgName}</h1>
        <p className="mt-1 text-slate-600">账号类型：{ROLE_LABELS[actor.role]} · 登录账号：{actor.username}</p>
      </section>

      <section aria-labelledby="inbox-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="inbox-heading" className="text-lg font-semibold">待办事项（{inbox.length}）</h2>
          {inbox.length > INBOX_ON_HOME ? <Link className="text-sm text-blue-700 underline" href="/inbox">查看全部 {inbox.length} 项</Link> : null}
        </div>
        <InboxList items={inbox.slice(0, INBOX_ON_HOME)} />
      </section>

      <section aria-labelledby="dashboard-heading" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="dashboard-heading" className="text-lg font-semibold">{year}年工作概况</h2>
          <YearSelector at={at} path="/" />
          <p className="text-sm text-slate-600">
            {dashboard.planVersion ? `依据 ${year}年送读招生计划第 ${dashboard.planVersion} 版` : `${year}年送读招生计划尚未下达`}；数字为实时统计。
          </p>
        </div>
        <SummaryCards dashboard={dashboard} />
        <div className="grid gap-4 xl:grid-cols-2">
          {dashboardCharts(dashboard).map((spec) => <BarChartFigure key={spec.id} spec={spec} />)}
        </div>
      </section>

      {timeline ? (
        <section aria-labelledby="timeline-heading" className="rounded-lg border border-slate-200 bg-white p-6">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="timeline-heading" className="text-lg font-semibold">{timeline.year}年工作进度</h2>
            <Link className="text-sm text-blue-700 underline" href={`/calendar?year=${timeline.year}`}>查看工作日历</Link>
          </div>
          {timeline.calendar ? (
            <div className="flex flex-col gap-6">
              <YearStatus calendar={timeline.calendar} now={t} role={actor.role} />
              <PhaseTimeline calendar={timeline.calendar} today={timeline.today} />
            </div>
          ) : (
            <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
              {timeline.year}年的工作日历尚未设置，暂时无法显示各阶段时间，送读等按阶段办理的工作也暂时不能办理。
              {can(actor.role, "calendar.edit") ? (
                <> 请到 <Link className="font-medium underline" href={`/calendar?year=${timeline.year}`}>工作日历</Link> 填写五一劳动节假期最后一天等设置。</>
              ) : (
                <> 请等待州教育体育局设置，或与州教育体育局联系。</>
              )}
            </p>
          )}
        </section>
      ) : null}

      <details className="rounded-lg border border-slate-200 bg-white p-6">
        <summary className="cursor-pointer text-lg font-semibold">您可以办理</summary>
        <ul className="mt-3 list-disc pl-6 text-slate-700">
          {perms.map((p) => <li key={p}>{PERMISSION_LABELS[p]}</li>)}
        </ul>
      </details>
    </div>
  );
}
