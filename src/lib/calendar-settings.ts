/**
 * 实施步骤 settings — what the bureau sets for a year's calendar (SPEC §4): the phase and window keys
 * and labels, the deadlines, the overrides, and their validation (Chinese messages).
 *
 * Pure module: no server imports, no environment, no implicit clock.
 */
import { z } from "zod";
import { formatChineseDate, isIsoDate, mustParts } from "@/lib/china-date";


// ---------------------------------------------------------------------------
// Types and labels
// ---------------------------------------------------------------------------

export const PHASE_KEYS = ["publicity", "sendOff", "stabilisation", "confirmation", "consolidation"] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

export const PHASE_LABELS: Record<PhaseKey, string> = {
  publicity: "宣传期",
  sendOff: "送读期",
  stabilisation: "稳定期",
  confirmation: "确认期",
  consolidation: "巩固期",
};

export const DEADLINE_KEYS = ["countyPlan", "teachingPlan", "annualReport"] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

export const DEADLINE_LABELS: Record<DeadlineKey, string> = {
  countyPlan: "实施方案",
  teachingPlan: "职业学校教学方案（附件5）",
  annualReport: "年度招生报告和工作总结",
};

/** Month-day of each deadline in the calendar year (the policy's dates; the bureau may set others). */
export const DEADLINE_MONTH_DAY: Record<DeadlineKey, string> = {
  countyPlan: "03-31",
  teachingPlan: "04-30",
  annualReport: "09-30",
};

export type PhaseOverride = { start: string; end: string; reason: string };

/**
 * Windows that span several phases and that the bureau may override as a whole.
 * 报名录入期 (application entry) is by default 宣传期 start … 送读期 end (SPEC §4).
 */
export const WINDOW_KEYS = ["applicationEntry", "autumnRegistration"] as const;
export type WindowKey = (typeof WINDOW_KEYS)[number];

/** Everything the bureau may override: the five phases and the multi-phase windows. */
export const OVERRIDE_KEYS = [...PHASE_KEYS, ...WINDOW_KEYS] as const;
export type OverrideKey = (typeof OVERRIDE_KEYS)[number];

export type CalendarSettings = {
  year: number;
  /** Last day of the May Day holiday, local China date "YYYY-MM-DD". */
  mayDayHolidayEnd: string;
  /** Extra non-working days (e.g. a holiday falling on a weekday). */
  extraNonWorkingDays: string[];
  /** Whether make-up weekend working days (调休) count towards the 7 send-off days. */
  makeUpSaturdaysCount: boolean;
  /** 调休 weekend days that are official working days. */
  makeUpWorkingDays: string[];
  /** End of 巩固期 (autumn 中职学籍 registration completed); `${year}-09-30` if null. */
  autumnRegistrationDate: string | null;
  overrides: Partial<Record<OverrideKey, PhaseOverride>>;
  /** Due dates set by the bureau; a missing key uses the policy's date (DEADLINE_MONTH_DAY). */
  deadlines?: Partial<Record<DeadlineKey, string>>;
};

/**
 * A window spanning consecutive phases, e.g. 报名录入期 = 宣传期 start … 送读期 end.
 * With a `key`, the calendar's effective window of that key (which the bureau may
 * override) is used instead of `from`/`to`.
 */
export type PhaseWindow = { key?: WindowKey; from: PhaseKey; to: PhaseKey; label: string };

/** Application entry: from the start of 宣传期 until send-off ends (SPEC §4); the bureau may override it. */
export const APPLICATION_ENTRY_WINDOW: PhaseWindow = {
  key: "applicationEntry",
  from: "publicity",
  to: "sendOff",
  label: "报名录入期",
};

/**
 * 秋季学期注册中职学籍 (SPEC §8: "只能在秋季学期注册中职学籍"): by default from Sep 1 to the autumn
 * registration date (end of 巩固期, Sep 30 unless the bureau set it); the bureau may override it.
 */
export const AUTUMN_REGISTRATION_WINDOW: PhaseWindow = {
  key: "autumnRegistration",
  from: "consolidation",
  to: "consolidation",
  label: "秋季中职学籍注册期",
};

export const WINDOW_DEFS: Record<WindowKey, PhaseWindow> = {
  applicationEntry: APPLICATION_ENTRY_WINDOW,
  autumnRegistration: AUTUMN_REGISTRATION_WINDOW,
};

export const OVERRIDE_LABELS: Record<OverrideKey, string> = {
  ...PHASE_LABELS,
  applicationEntry: APPLICATION_ENTRY_WINDOW.label,
  autumnRegistration: AUTUMN_REGISTRATION_WINDOW.label,
};

export class CalendarInputError extends Error {
  /** The settings field at fault, e.g. "mayDayHolidayEnd" or "overrides.sendOff". */
  readonly field: string;
  constructor(message: string, field: string) {
    super(message);
    this.name = "CalendarInputError";
    this.field = field;
  }
}

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

const isoDateSchema = z.string().refine(isIsoDate, { message: "日期格式应为 YYYY-MM-DD" });

/**
 * Shape check for settings read from a form or a JSON column. Semantic checks
 * (ranges, order of windows) are done by `computeCalendar`, which throws
 * `CalendarInputError` with a Chinese message.
 */
export const calendarSettingsSchema = z.object({
  year: z.number().int(),
  mayDayHolidayEnd: isoDateSchema,
  extraNonWorkingDays: z.array(isoDateSchema),
  makeUpSaturdaysCount: z.boolean(),
  makeUpWorkingDays: z.array(isoDateSchema),
  autumnRegistrationDate: isoDateSchema.nullable(),
  overrides: z.partialRecord(
    z.enum(OVERRIDE_KEYS),
    z.object({ start: isoDateSchema, end: isoDateSchema, reason: z.string() }),
  ),
});

/** Default settings: no extra non-working days, weekends never count, no overrides. */
export function defaultCalendarSettings(year: number, mayDayHolidayEnd = `${year}-05-05`): CalendarSettings {
  return {
    year,
    mayDayHolidayEnd,
    extraNonWorkingDays: [],
    makeUpSaturdaysCount: false,
    makeUpWorkingDays: [],
    autumnRegistrationDate: null,
    overrides: {},
  };
}

function requireDate(value: string, field: string, what: string): void {
  if (typeof value !== "string" || !isIsoDate(value)) {
    throw new CalendarInputError(`${what}“${String(value)}”不是有效日期（格式应为 YYYY-MM-DD）`, field);
  }
}

function requireInYear(value: string, year: number, field: string, what: string): void {
  requireDate(value, field, what);
  if (mustParts(value).y !== year) {
    throw new CalendarInputError(`${what}（${formatChineseDate(value)}）必须在${year}年内`, field);
  }
}

/** Semantic checks of settings; throws `CalendarInputError` with a Chinese message. */
export function validateSettings(s: CalendarSettings): void {
  if (!Number.isInteger(s.year) || s.year < 2000 || s.year > 2100) {
    throw new CalendarInputError(`年度“${String(s.year)}”无效，应为 2000—2100 之间的整数`, "year");
  }
  const y = s.year;
  requireInYear(s.mayDayHolidayEnd, y, "mayDayHolidayEnd", "五一劳动节收假日期");
  if (s.mayDayHolidayEnd < `${y}-04-28` || s.mayDayHolidayEnd > `${y}-05-10`) {
    throw new CalendarInputError(
      `五一劳动节收假日期（${formatChineseDate(s.mayDayHolidayEnd)}）应在${y}年4月28日至${y}年5月10日之间`,
      "mayDayHolidayEnd",
    );
  }
  for (const d of s.extraNonWorkingDays) requireDate(d, "extraNonWorkingDays", "非工作日");
  for (const d of s.makeUpWorkingDays) {
    requireDate(d, "makeUpWorkingDays", "调休上班日");
    if (s.extraNonWorkingDays.includes(d)) {
      throw new CalendarInputError(`${formatChineseDate(d)}不能同时是调休上班日和非工作日`, "makeUpWorkingDays");
    }
  }
  if (s.autumnRegistrationDate !== null) {
    requireInYear(s.autumnRegistrationDate, y, "autumnRegistrationDate", "秋季学期中职学籍注册完成日期");
  }
  for (const key of DEADLINE_KEYS) {
    const d = s.deadlines?.[key];
    if (d) requireInYear(d, y, `deadlines.${key}`, `${DEADLINE_LABELS[key]}截止日期`);
  }
  for (const key of OVERRIDE_KEYS) {
    const o = s.overrides[key];
    if (!o) continue;
    const label = OVERRIDE_LABELS[key];
    const field = `overrides.${key}`;
    requireInYear(o.start, y, field, `${label}调整后的开始日期`);
    requireInYear(o.end, y, field, `${label}调整后的结束日期`);
    if (o.start > o.end) {
      throw new CalendarInputError(
        `${label}调整后的开始日期（${formatChineseDate(o.start)}）不能晚于结束日期（${formatChineseDate(o.end)}）`,
        field,
      );
    }
    if (typeof o.reason !== "string" || o.reason.trim() === "") {
      throw new CalendarInputError(`调整${label}必须填写原因`, field);
    }
  }
}
