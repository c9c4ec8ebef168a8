import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { PERMISSION_LABELS, ROLE_LABELS, can, permissionsOf } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { getHomeTimeline } from "@/server/calendar/calendar-view";
import { PhaseTimeline } from "@/components/timeline/phase-timeline";
import { YearStatus } from "@/components/timeline/year-status";

export default async function HomePage() {
  const actor = await pageActor();
  const perms = permissionsOf(actor.role).filter((p) => p !== "user.changeOwnPassword");
  const t = now();
  const timeline = can(actor.role, "calendar.read") ? await getHomeTimeline(actor, t) : null;
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="org-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h1 id="org-heading" className="text-xl font-semibold">{actor.orgName}</h1>
        <p className="mt-1 text-slate-600">账号类型：{ROLE_LABELS[actor.role]} · 登录账号：{actor.username}</p>
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
      <section aria-labelledby="can-heading" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="can-heading" className="text-lg font-semibold">您可以办理</h2>
        <ul className="mt-3 list-disc pl-6 text-slate-700">
          {perms.map((p) => <li key={p}>{PERMISSION_LABELS[p]}</li>)}
        </ul>
      </section>
    </div>
  );
}
