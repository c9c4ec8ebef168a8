import { currentPhase, nextDeadline, nextPhase, roleTasks, type Role, type SchoolCalendar } from "@/lib/calendar";
import { chinaDateOf, chineseWeekday, daysBetween, formatChineseDate, formatChineseRange } from "@/lib/china-date";

/**
 * Where the year stands for this role: the current phase and what the role is expected to do
 * in it (实施步骤), the next phase when between phases, and the countdown to the next deadline.
 */
export function YearStatus({ calendar, now, role }: { calendar: SchoolCalendar; now: Date; role: Role }) {
  const today = chinaDateOf(now);
  const current = currentPhase(calendar, now);
  const next = nextPhase(calendar, now);
  const deadline = nextDeadline(calendar, now);
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[8rem_1fr]">
      <dt className="font-medium text-slate-600">今天</dt>
      <dd>{formatChineseDate(today)}（{chineseWeekday(today)}）</dd>

      <dt className="font-medium text-slate-600">当前阶段</dt>
      <dd data-testid="current-phase">
        {current ? (
          <>
            <span className="text-base font-semibold text-red-700">{current.label}</span>
            <span className="ml-2 text-slate-700">
              {formatChineseRange(current)}，含今天还有 {daysBetween(today, current.end) + 1} 天
            </span>
            {current.overridden ? <span className="ml-2 text-amber-700">（州教育体育局已调整：{current.reason}）</span> : null}
          </>
        ) : next ? (
          <span>
            当前不在任何阶段。下一阶段：<strong>{next.label}</strong>，{formatChineseDate(next.start)}开始（还有 {next.daysUntil} 天）
          </span>
        ) : (
          <span>{calendar.year}年各阶段已结束。</span>
        )}
      </dd>

      {current || next ? (
        <>
          <dt className="font-medium text-slate-600">{current ? "本阶段您的工作" : "下一阶段您的工作"}</dt>
          <dd className="text-slate-900">{roleTasks[role][(current ?? next)!.key]}</dd>
        </>
      ) : null}

      <dt className="font-medium text-slate-600">下一个截止日期</dt>
      <dd data-testid="next-deadline">
        {deadline ? (
          deadline.daysLeft === 0 ? (
            <span><strong>{deadline.label}</strong>：今天（{formatChineseDate(deadline.date)}）截止</span>
          ) : (
            <span>
              <strong>{deadline.label}</strong>：{formatChineseDate(deadline.date)}截止，还有{" "}
              <strong className="text-base text-red-700">{deadline.daysLeft}</strong> 天
            </span>
          )
        ) : (
          <span>{calendar.year}年的各项截止日期均已过。</span>
        )}
      </dd>
    </dl>
  );
}
