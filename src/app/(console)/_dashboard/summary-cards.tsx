import type { Dashboard, ProgressRow } from "@/server/dashboard/read";
import { percent } from "@/lib/retention";

type Card = { label: string; value: string; hint?: string };

const sum = (rows: ProgressRow[], k: keyof Pick<ProgressRow, "plan" | "sent" | "arrived" | "confirmed" | "shanghaiTask" | "shanghai">) => rows.reduce((n, r) => n + r[k], 0);

function cards(d: Dashboard): Card[] {
  switch (d.role) {
    case "PREFECTURE":
      return [
        { label: "全州送读计划 S", value: String(sum(d.counties, "plan")) },
        { label: "已送读", value: String(sum(d.counties, "sent")) },
        { label: "已报到", value: String(sum(d.counties, "arrived")) },
        { label: "县市已确认", value: String(sum(d.counties, "confirmed")) },
        { label: "东西协作※", value: `${sum(d.counties, "shanghai")} / ${sum(d.counties, "shanghaiTask")}`, hint: "已送读 / 任务数" },
        { label: "巩固率未达 95% 的学校", value: String(d.retention.filter((r) => r.meetsTarget === false).length) },
      ];
    case "COUNTY": {
      const c = d.county;
      return [
        { label: "本县市送读计划 S", value: String(c?.plan ?? 0) },
        { label: "已送读", value: String(c?.sent ?? 0) },
        { label: "已报到", value: String(c?.arrived ?? 0) },
        { label: "县市已确认", value: String(c?.confirmed ?? 0) },
        { label: "东西协作※", value: `${c?.shanghai ?? 0} / ${c?.shanghaiTask ?? 0}`, hint: "已送读 / 任务数" },
      ];
    }
    case "MIDDLE_SCHOOL":
      return [
        { label: "本校分配名额", value: String(d.school?.plan ?? 0) },
        { label: "已送读", value: String(d.school?.sent ?? 0) },
        { label: "待审核报名", value: String(d.applications.SIGNED) },
        { label: "已同意待送读", value: String(d.applications.APPROVED) },
      ];
    case "VOCATIONAL_SCHOOL":
      return [
        { label: "招生计划 E", value: String(d.school?.plan ?? 0) },
        { label: "已报到", value: String(d.arrivals.arrived) },
        { label: "班级数", value: String(d.classes.length) },
        { label: "离校学生", value: String(d.leavers.reduce((n, l) => n + l.exempt + l.counted, 0)) },
        { label: "巩固率", value: d.retention?.hasRoster ? percent(d.retention.rate) : "—", hint: d.retention?.hasRoster ? (d.retention.final ? "注册完成" : "实时数") : "尚无确认名单" },
      ];
  }
}

/** The year's headline figures of the role, above the charts. */
export function SummaryCards({ dashboard }: { dashboard: Dashboard }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {cards(dashboard).map((c) => (
        <div key={c.label} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
          <dt className="text-sm text-slate-600">{c.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{c.value}</dd>
          {c.hint ? <dd className="text-xs text-slate-500">{c.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
