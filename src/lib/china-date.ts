/**
 * Local China dates ("YYYY-MM-DD" strings) and instants, for the programme calendar and every date the
 * application shows.
 *
 * Pure module: no server imports, no environment, no implicit clock.
 *  - Civil-date arithmetic (days, weekdays, working days) never depends on the process time zone;
 *  - instants (`Date`) are converted to / from China dates only through @date-fns/tz with the
 *    "Asia/Shanghai" zone (`chinaDateOf`, `chinaStartOfDay`, `phaseInterval`).
 */
import { addDays, format } from "date-fns";
import { TZDate, tz } from "@date-fns/tz";

export const CHINA_TIME_ZONE = "Asia/Shanghai";

/** An inclusive range of local China dates. */
export type DateRange = { start: string; end: string };

/** The bureau's working-day rules of a year (a subset of the calendar settings). */
export type WorkingDayRules = {
  /** Extra non-working days (e.g. a holiday falling on a weekday). */
  extraNonWorkingDays: string[];
  /** Whether make-up weekend working days (调休) count as working days. */
  makeUpSaturdaysCount: boolean;
  /** 调休 weekend days that are official working days. */
  makeUpWorkingDays: string[];
};

// ---------------------------------------------------------------------------
// Civil-date helpers ("YYYY-MM-DD" strings; independent of process TZ)
// ---------------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parts(date: string): { y: number; m: number; d: number } | null {
  const match = DATE_RE.exec(date);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return { y, m, d };
}

/** True for a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(value: string): boolean {
  return parts(value) !== null;
}

export function mustParts(date: string): { y: number; m: number; d: number } {
  const p = parts(date);
  if (!p) throw new RangeError(`无效日期：${date}`);
  return p;
}

/** Days since 1970-01-01 of a civil date (no time zone involved). */
function dayNumber(date: string): number {
  const { y, m, d } = mustParts(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function fromDayNumber(n: number): string {
  const dt = new Date(n * MS_PER_DAY);
  const y = String(dt.getUTCFullYear()).padStart(4, "0");
  const m = String(dt.getUTCMonth() + 1).padStart(2, "0");
  const d = String(dt.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** `date` + `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

function isWeekend(date: string): boolean {
  const wd = weekday(date);
  return wd === 0 || wd === 6;
}

/**
 * Working day for the 送读期 count: Mon–Fri not in `extraNonWorkingDays`; a weekend
 * day listed in `makeUpWorkingDays` counts only when `makeUpSaturdaysCount` is true
 * (default policy "双休日除外": weekends never count).
 */
export function isWorkingDay(
  date: string,
  settings: WorkingDayRules,
): boolean {
  if (settings.extraNonWorkingDays.includes(date)) return false;
  if (!isWeekend(date)) return true;
  return settings.makeUpSaturdaysCount && settings.makeUpWorkingDays.includes(date);
}

/**
 * Number of working days (in the sense of `isWorkingDay`) in an inclusive range,
 * e.g. 7 for the computed 送读期.
 */
export function countWorkingDays(
  range: DateRange,
  settings: WorkingDayRules,
): number {
  let n = 0;
  for (let d = range.start; d <= range.end; d = addCalendarDays(d, 1)) if (isWorkingDay(d, settings)) n++;
  return n;
}

/** Inclusive number of calendar days in a range. */
export function rangeDays(range: DateRange): number {
  return daysBetween(range.start, range.end) + 1;
}

const WEEKDAY_NAMES = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

/** "2020-05-06" → "星期三". */
export function chineseWeekday(date: string): string {
  return WEEKDAY_NAMES[weekday(date)];
}

/** "2020-05-06" → "2020年5月6日". */
export function formatChineseDate(date: string): string {
  const { y, m, d } = mustParts(date);
  return `${y}年${m}月${d}日`;
}

/** "2020年5月6日至2020年5月14日". */
export function formatChineseRange(range: DateRange): string {
  return `${formatChineseDate(range.start)}至${formatChineseDate(range.end)}`;
}

// ---------------------------------------------------------------------------
// Instants ↔ China dates (via @date-fns/tz only)
// ---------------------------------------------------------------------------

const inChina = tz(CHINA_TIME_ZONE);

/** The local China date ("YYYY-MM-DD", Asia/Shanghai) of an instant. */
export function chinaDateOf(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("无效时间");
  return format(instant, "yyyy-MM-dd", { in: inChina });
}

/** 00:00:00 Asia/Shanghai at the start of a China date. */
export function chinaStartOfDay(date: string): Date {
  const { y, m, d } = mustParts(date);
  return new Date(new TZDate(y, m - 1, d, CHINA_TIME_ZONE).getTime());
}

/**
 * The instants of an inclusive date range: `startsAt` = 00:00 Asia/Shanghai on
 * `start`; `endsAt` = 00:00 Asia/Shanghai on the day after `end` (exclusive).
 */
export function phaseInterval(phase: DateRange): { startsAt: Date; endsAt: Date } {
  const startsAt = chinaStartOfDay(phase.start);
  const lastDay = new TZDate(chinaStartOfDay(phase.end).getTime(), CHINA_TIME_ZONE);
  const endsAt = new Date(addDays(lastDay, 1, { in: inChina }).getTime());
  return { startsAt, endsAt };
}
