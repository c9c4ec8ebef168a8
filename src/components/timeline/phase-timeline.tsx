import { type SchoolCalendar } from "@/lib/calendar";
import { type PhaseKey } from "@/lib/calendar-settings";
import { chineseWeekday, formatChineseDate, formatChineseRange } from "@/lib/china-date";
import { timelineLayout } from "./layout";

/**
 * Colours per phase: `solid` for the phase now and to come (white text on it has a contrast of at
 * least 4.5:1), `past` for an ended phase (a light tint with dark text, not a faded solid, which would
 * fail the contrast check). Decision 080.
 */
export const PHASE_COLORS: Record<PhaseKey, { solid: string; past: string }> = {
  publicity: { solid: "bg-sky-700 text-white", past: "bg-sky-100 text-sky-950" },
  sendOff: { solid: "bg-orange-700 text-white", past: "bg-orange-100 text-orange-950" },
  stabilisation: { solid: "bg-emerald-700 text-white", past: "bg-emerald-100 text-emerald-950" },
  confirmation: { solid: "bg-violet-700 text-white", past: "bg-violet-100 text-violet-950" },
  consolidation: { solid: "bg-teal-800 text-white", past: "bg-teal-100 text-teal-950" },
};

const phaseColor = (key: PhaseKey, state: string) => PHASE_COLORS[key][state === "past" ? "past" : "solid"];

const shortDate = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The year's phases as a horizontal bar with today marked. Positions are computed on the
 * server (`timelineLayout`); the bar itself is decorative (aria-hidden) and the list below it
 * is the text alternative, read by screen readers and printed.
 */
export function PhaseTimeline({ calendar, today, title }: { calendar: SchoolCalendar; today: string; title?: string }) {
  const layout = timelineLayout(calendar, today);
  const outside =
    layout.today.position === "before" ? `今天是${formatChineseDate(today)}，${calendar.year}年各阶段尚未开始`
    : layout.today.position === "after" ? `今天是${formatChineseDate(today)}，${calendar.year}年各阶段已结束`
    : null;
  return (
    <figure className="flex flex-col gap-3" aria-label={title ?? `${calendar.year}年各阶段时间轴`}>
      <div aria-hidden="true" className="relative px-1 pt-7 pb-9">
        {/* today */}
        {layout.today.position === "inside" ? (
          <div className="absolute top-0 z-10 flex h-7 -translate-x-1/2 flex-col items-center" style={{ left: `${layout.today.leftPct}%` }}>
            <span className="rounded bg-red-600 px-1.5 py-0.5 text-xs whitespace-nowrap text-white">今天 {shortDate(today)}</span>
            <span className="h-0 w-0 border-x-[6px] border-t-[7px] border-x-transparent border-t-red-600" />
          </div>
        ) : null}
        {/* phases */}
        <div className="relative h-9 overflow-hidden rounded bg-slate-100">
          {layout.segments.map((s) => (
            <div
              key={s.key}
              title={`${s.label}：${formatChineseRange(s)}${s.overridden ? "（已调整）" : ""}`}
              className={`absolute top-0 bottom-0 flex items-center justify-center overflow-hidden border-r border-white text-xs font-medium whitespace-nowrap ${phaseColor(s.key, s.state)} ${s.state === "current" ? "ring-2 ring-red-600 ring-inset" : ""}`}
              style={{ left: `${s.leftPct}%`, width: `${s.widthPct}%` }}
            >
              {s.label}
            </div>
          ))}
        </div>
        {/* deadlines */}
        {layout.deadlines.map((d) => (
          <div key={d.key} className="absolute flex -translate-x-1/2 flex-col items-center" style={{ left: `${d.leftPct}%`, top: "4rem" }} title={`${d.label}截止：${formatChineseDate(d.date)}`}>
            <span className={`h-0 w-0 border-x-[5px] border-b-[7px] border-x-transparent ${d.passed ? "border-b-slate-500" : "border-b-slate-900"}`} />
            <span className={`text-[11px] whitespace-nowrap ${d.passed ? "text-slate-600" : "font-medium text-slate-900"}`}>{shortDate(d.date)}截止</span>
          </div>
        ))}
        {/* months */}
        {layout.months.map((m) => (
          <span key={m.label} className="absolute bottom-0 -translate-x-1/2 text-[11px] text-slate-500" style={{ left: `${m.leftPct}%` }}>
            {m.label}
          </span>
        ))}
      </div>
      <figcaption className="flex flex-col gap-2 text-sm">
        {outside ? <p className="text-slate-700">{outside}。</p> : null}
        <ol className="grid gap-2 sm:grid-cols-2 lg:grid-cols-5" aria-label="各阶段">
          {layout.segments.map((s) => (
            <li
              key={s.key}
              aria-current={s.state === "current" ? "step" : undefined}
              className={`flex gap-2 rounded border px-2 py-1.5 ${s.state === "current" ? "border-red-600 bg-red-50" : "border-slate-200"}`}
            >
              <span aria-hidden="true" className={`mt-1 h-3 w-3 shrink-0 rounded-sm border border-slate-400 ${phaseColor(s.key, s.state)}`} />
              <span>
                <span className="font-medium">{s.label}</span>
                {s.state === "current" ? <span className="ml-1 text-red-700">（当前阶段）</span> : null}
                {s.state === "past" ? <span className="ml-1 text-slate-500">（已结束）</span> : null}
                <br />
                <span className="text-slate-600">{shortDate(s.start)}—{shortDate(s.end)}</span>
                {s.overridden ? <span className="ml-1 text-amber-700">（已调整）</span> : null}
              </span>
            </li>
          ))}
        </ol>
        <p className="sr-only">今天是{formatChineseDate(today)}，{chineseWeekday(today)}。</p>
      </figcaption>
    </figure>
  );
}
