/**
 * 实施步骤 — the yearly calendar of the 义务教育职教班 programme (SPEC §4).
 *
 * Pure module: no server imports, no environment, no implicit clock. Every
 * function that needs "now" takes it as an argument.
 *
 * Two kinds of values live here:
 *  - local China dates, always strings "YYYY-MM-DD" (phase windows, deadlines,
 *    settings). Calendar arithmetic on them is plain civil-date arithmetic and
 *    never depends on the process time zone;
 *  - instants (`Date`), which are converted to / from China dates only through
 *    @date-fns/tz with the "Asia/Shanghai" zone (`chinaDateOf`, `phaseInterval`).
 *
 * A computed `SchoolCalendar` contains only strings, numbers and booleans, so it
 * can be passed from server to client components as is.
 */
import {
  addCalendarDays, chinaDateOf, daysBetween, formatChineseDate, formatChineseRange, isWorkingDay, phaseInterval, type DateRange,
} from "@/lib/china-date";
import {
  CalendarInputError, DEADLINE_KEYS, DEADLINE_LABELS, DEADLINE_MONTH_DAY, PHASE_KEYS, PHASE_LABELS, WINDOW_DEFS, WINDOW_KEYS,
  validateSettings, type CalendarSettings, type DeadlineKey, type PhaseKey, type PhaseWindow, type WindowKey,
} from "@/lib/calendar-settings";

export type CalendarPhase = DateRange & {
  key: PhaseKey;
  label: string;
  overridden: boolean;
  reason?: string;
};

export type CalendarDeadline = { key: DeadlineKey; label: string; date: string };

/** The effective range of a multi-phase window (computed from the phases, or overridden). */
export type CalendarWindow = DateRange & {
  key: WindowKey;
  label: string;
  overridden: boolean;
  reason?: string;
};

export type SchoolCalendar = {
  year: number;
  phases: CalendarPhase[];
  windows: CalendarWindow[];
  deadlines: CalendarDeadline[];
};

export type Role = "PREFECTURE" | "COUNTY" | "MIDDLE_SCHOOL" | "VOCATIONAL_SCHOOL";

export type GuardResult = { ok: true } | { ok: false; message: string };

function contains(range: DateRange, now: Date): boolean {
  const { startsAt, endsAt } = phaseInterval(range);
  const t = now.getTime();
  return t >= startsAt.getTime() && t < endsAt.getTime();
}

// ---------------------------------------------------------------------------
// Computing the calendar
// ---------------------------------------------------------------------------

/** Upper bound on the search for 7 working days (guards against absurd input). */
const MAX_SEND_OFF_SEARCH_DAYS = 120;
const SEND_OFF_WORKING_DAYS = 7;

function computeSendOff(s: CalendarSettings): DateRange {
  const found: string[] = [];
  let day = s.mayDayHolidayEnd;
  for (let i = 0; i < MAX_SEND_OFF_SEARCH_DAYS && found.length < SEND_OFF_WORKING_DAYS; i++) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, s)) found.push(day);
  }
  if (found.length < SEND_OFF_WORKING_DAYS) {
    throw new CalendarInputError(
      `五一劳动节收假后${MAX_SEND_OFF_SEARCH_DAYS}天内不足${SEND_OFF_WORKING_DAYS}个工作日，请检查非工作日设置`,
      "extraNonWorkingDays",
    );
  }
  return { start: found[0], end: found[SEND_OFF_WORKING_DAYS - 1] };
}

/**
 * Computes the five phase windows and the deadlines of one year.
 *
 * - 宣传期: Apr 21 – Apr 30 ("每年的4月下旬"). If the computed 送读期 starts on or
 *   before Apr 30 (possible only for a holiday end of Apr 28/29), the computed
 *   宣传期 ends the day before 送读期 starts, so that phases never overlap.
 * - 送读期: the 7 working days after the May Day holiday ("收假后的7天（双休日除外）").
 * - 稳定期: the 3 weeks (21 days) after 送读期.
 * - 确认期: the following week (7 days).
 * - 巩固期: from the day after 确认期 to the autumn registration date (inclusive).
 *
 * Overrides: an override replaces that phase's window. Later phases are chained
 * from the *effective* end of the previous phase, so overriding 送读期 shifts
 * 稳定期, 确认期 and the start of 巩固期, unless those phases have overrides
 * themselves. After overrides, the phases must still be in order without
 * overlap (each phase starts after the previous one ends; gaps are allowed),
 * otherwise `CalendarInputError` is thrown.
 *
 * @throws CalendarInputError (Chinese message) on invalid settings.
 */
export function computeCalendar(settings: CalendarSettings): SchoolCalendar {
  validateSettings(settings);
  const y = settings.year;
  const autumn = settings.autumnRegistrationDate ?? `${y}-09-30`;

  const phases: CalendarPhase[] = [];
  const effective = (key: PhaseKey, computed: DateRange): CalendarPhase => {
    const o = settings.overrides[key];
    const phase: CalendarPhase = o
      ? { key, label: PHASE_LABELS[key], start: o.start, end: o.end, overridden: true, reason: o.reason.trim() }
      : { key, label: PHASE_LABELS[key], start: computed.start, end: computed.end, overridden: false };
    phases.push(phase);
    return phase;
  };

  const sendOffComputed = computeSendOff(settings);
  const sendOffStartForPublicity = settings.overrides.sendOff?.start ?? sendOffComputed.start;
  const publicityEnd =
    sendOffStartForPublicity <= `${y}-04-30` ? addCalendarDays(sendOffStartForPublicity, -1) : `${y}-04-30`;
  effective("publicity", { start: `${y}-04-21`, end: publicityEnd });
  const sendOff = effective("sendOff", sendOffComputed);
  const stabStart = addCalendarDays(sendOff.end, 1);
  const stabilisation = effective("stabilisation", { start: stabStart, end: addCalendarDays(stabStart, 20) });
  const confStart = addCalendarDays(stabilisation.end, 1);
  const confirmation = effective("confirmation", { start: confStart, end: addCalendarDays(confStart, 6) });
  effective("consolidation", { start: addCalendarDays(confirmation.end, 1), end: autumn });

  for (const p of phases) {
    if (p.start > p.end) {
      // Only a computed window can get here (overrides were validated above).
      throw new CalendarInputError(
        `${p.label}的计算结果无效：开始日期（${formatChineseDate(p.start)}）晚于结束日期（${formatChineseDate(p.end)}），请检查各阶段的调整或秋季学期中职学籍注册完成日期`,
        p.key === "consolidation" ? "autumnRegistrationDate" : "overrides",
      );
    }
  }
  for (let i = 1; i < phases.length; i++) {
    const prev = phases[i - 1];
    const cur = phases[i];
    if (cur.start <= prev.end) {
      throw new CalendarInputError(
        `${cur.label}的开始日期（${formatChineseDate(cur.start)}）必须晚于${prev.label}的结束日期（${formatChineseDate(prev.end)}）`,
        `overrides.${cur.overridden ? cur.key : prev.key}`,
      );
    }
  }

  const windows: CalendarWindow[] = WINDOW_KEYS.map((key) => {
    const def = WINDOW_DEFS[key];
    const o = settings.overrides[key];
    if (o) return { key, label: def.label, start: o.start, end: o.end, overridden: true, reason: o.reason.trim() };
    const end = phases.find((p) => p.key === def.to)!.end;
    // The autumn term starts on Sep 1; registration cannot start before it (nor after its own end).
    const start = key === "autumnRegistration"
      ? (end < `${y}-09-01` ? end : `${y}-09-01`)
      : phases.find((p) => p.key === def.from)!.start;
    return { key, label: def.label, start, end, overridden: false };
  });

  const deadlines: CalendarDeadline[] = DEADLINE_KEYS.map((key) => ({
    key,
    label: DEADLINE_LABELS[key],
    date: deadlineDate(settings, key),
  }));

  return { year: y, phases, windows, deadlines };
}

/** The due date of a deadline: the bureau's setting, else the policy's date in that year. */
export function deadlineDate(settings: Pick<CalendarSettings, "year" | "deadlines">, key: DeadlineKey): string {
  return settings.deadlines?.[key] ?? `${settings.year}-${DEADLINE_MONTH_DAY[key]}`;
}

/**
 * Where a filing stands against its due date on `today` (China date): days left, due today,
 * or 逾期 by n days; once submitted, whether it was on time. `submittedOn` is the China date of
 * the first submission on the (training) clock.
 */
export type DeadlineState =
  | { kind: "open"; daysLeft: number; label: string }
  | { kind: "overdue"; daysLate: number; label: string }
  | { kind: "filed"; late: boolean; label: string };

export function deadlineState(due: string, today: string, submittedOn: string | null): DeadlineState {
  if (submittedOn) {
    const late = submittedOn > due;
    return { kind: "filed", late, label: late ? `逾期提交（${formatChineseDate(submittedOn)}）` : `按时提交（${formatChineseDate(submittedOn)}）` };
  }
  const left = daysBetween(today, due);
  if (left > 0) return { kind: "open", daysLeft: left, label: `还有 ${left} 天截止` };
  if (left === 0) return { kind: "open", daysLeft: 0, label: "今天截止" };
  return { kind: "overdue", daysLate: -left, label: `逾期 ${-left} 天` };
}

// ---------------------------------------------------------------------------
// Queries and guards
// ---------------------------------------------------------------------------

export function getPhase(calendar: SchoolCalendar, key: PhaseKey): CalendarPhase {
  const phase = calendar.phases.find((p) => p.key === key);
  if (!phase) throw new RangeError(`日历中没有${PHASE_LABELS[key] ?? key}`);
  return phase;
}

/**
 * The inclusive date range of a multi-phase window: the calendar's effective window
 * when `window.key` is set (it may be overridden), else start of `from` … end of `to`.
 */
export function windowRange(calendar: SchoolCalendar, window: PhaseWindow): DateRange {
  if (PHASE_KEYS.indexOf(window.from) > PHASE_KEYS.indexOf(window.to)) {
    throw new RangeError(`时段“${window.label}”的起始阶段晚于结束阶段`);
  }
  const effective = window.key ? calendar.windows.find((w) => w.key === window.key) : undefined;
  if (effective) return { start: effective.start, end: effective.end };
  return { start: getPhase(calendar, window.from).start, end: getPhase(calendar, window.to).end };
}

function refusal(label: string, range: DateRange, actionVerb?: string): string {
  const base = `${label}为 ${formatChineseRange(range)}，当前不在${label}`;
  return actionVerb ? `${base}，不能${actionVerb}` : base;
}

/**
 * Whether `now` is inside the phase. Refusal message, e.g.
 * "送读期为 2020年5月6日至2020年5月14日，当前不在送读期，不能送读" (with actionVerb "送读").
 */
export function checkPhase(calendar: SchoolCalendar, phase: PhaseKey, now: Date, actionVerb?: string): GuardResult {
  const p = getPhase(calendar, phase);
  return contains(p, now) ? { ok: true } : { ok: false, message: refusal(p.label, p, actionVerb) };
}

/**
 * Whether `now` is inside a window spanning several phases, e.g.
 * checkWindow(cal, APPLICATION_ENTRY_WINDOW, now, "录入报名") →
 * "报名录入期为 2020年4月21日至2020年5月14日，当前不在报名录入期，不能录入报名".
 */
export function checkWindow(
  calendar: SchoolCalendar,
  window: PhaseWindow,
  now: Date,
  actionVerb?: string,
): GuardResult {
  const range = windowRange(calendar, window);
  return contains(range, now) ? { ok: true } : { ok: false, message: refusal(window.label, range, actionVerb) };
}

/** The phase containing `now` (China time), or null between / outside phases. */
export function currentPhase(calendar: SchoolCalendar, now: Date): CalendarPhase | null {
  return calendar.phases.find((p) => contains(p, now)) ?? null;
}

/** The first phase starting after today's China date, with the days until it starts; null if none. */
export function nextPhase(calendar: SchoolCalendar, now: Date): (CalendarPhase & { daysUntil: number }) | null {
  const today = chinaDateOf(now);
  const next = calendar.phases.find((p) => p.start > today);
  return next ? { ...next, daysUntil: daysBetween(today, next.start) } : null;
}

/**
 * The first deadline on or after today's China date, with the number of calendar
 * days left (0 on the deadline day itself), or null when all have passed.
 */
export function nextDeadline(
  calendar: SchoolCalendar,
  now: Date,
): (CalendarDeadline & { daysLeft: number }) | null {
  const today = chinaDateOf(now);
  const upcoming = calendar.deadlines
    .filter((d) => d.date >= today)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const next = upcoming[0];
  return next ? { ...next, daysLeft: daysBetween(today, next.date) } : null;
}

// ---------------------------------------------------------------------------
// What each role does in each phase (实施步骤)
// ---------------------------------------------------------------------------

export const roleTasks: Record<Role, Record<PhaseKey, string>> = {
  PREFECTURE: {
    publicity: "统筹全州义务教育职教班招生宣传和报名工作，下达送读招生计划",
    sendOff: "统筹督促各县市按下达的送读招生计划开展送读招生，其他时间不再开展招生送读工作",
    stabilisation: "督促各县市、初级中学配合职业学校做好职教班学生的稳定工作",
    confirmation: "接收职业学校报送的《楚雄州义务教育职教班在读学生名单》，并反馈各县市确认",
    consolidation: "负责州属职业学校的巩固考核，按巩固率95%（超出95%的按实际比例）计入生源地县市中职招生完成数",
  },
  COUNTY: {
    publicity: "组织有关职业学校深入初级中学开展义务教育职教班招生宣传和报名工作",
    sendOff: "组织初中学校将已同意的学生送读到职业学校",
    stabilisation: "全力配合协助职业学校做好义务教育职教班学生的稳定工作",
    confirmation: "确认州教育体育局反馈的本县市义务教育职教班在读学生名单",
    consolidation: "督促职业学校和初级中学做好学生巩固工作，并自定县市职中的巩固考核办法",
  },
  MIDDLE_SCHOOL: {
    publicity: "配合职业学校开展招生宣传，组织学生及其监护人自愿填写并签字《楚雄州义务教育职教班报名申请表》",
    sendOff: "将已报名并经学生及其监护人签字同意的学生送读到职业学校",
    stabilisation: "全力配合协助职业学校做好本校送读学生的稳定工作",
    confirmation: "配合县市教育体育局核对本校送读学生的在读名单",
    consolidation: "定期向职业学校了解学生学习情况，牵头协商职业学校共同做好家访，并为回校就读的学生出具书面证明",
  },
  VOCATIONAL_SCHOOL: {
    publicity: "深入初级中学开展义务教育职教班招生宣传和报名工作",
    sendOff: "接收送读学生报到，及时编班、选派优秀教师担任班主任并开展教育教学活动",
    stabilisation: "在县市教育体育局和初级中学的协助下做好义务教育职教班学生的稳定工作",
    confirmation: "准确统计确认《楚雄州义务教育职教班在读学生名单》并报州教育体育局",
    consolidation: "作为学生巩固的主体采取有力措施确保巩固率达到95%以上，并完成秋季学期中职学籍注册",
  },
};
