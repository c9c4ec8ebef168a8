/**
 * The year at hand (issue 15 item 1, docs/decisions/035-year-parameter.md).
 *
 * Every year-bound page carries its year in the address as `?year=YYYY` and reads it through
 * `parseYearParam` only; a missing or unusable value means "the programme year today falls in".
 * Pure module (shared by pages, the selector and tests): no clock, no database.
 */
import { z } from "zod";
import { getPhase, windowRange, type SchoolCalendar } from "@/lib/calendar";
import { type PhaseKey, type PhaseWindow } from "@/lib/calendar-settings";
import { chinaDateOf } from "@/lib/china-date";

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

/** `?year=` as Next gives it → a year 2000–2100, or null (absent, repeated-but-empty, not a whole number, out of range). */
export function parseYearParam(raw: string | string[] | undefined | null): number | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== "string" || !/^\d{4}$/.test(v.trim())) return null;
  const y = Number(v.trim());
  return y >= YEAR_MIN && y <= YEAR_MAX ? y : null;
}

/** A required `?year=` in a zod query schema (export routes): the same rule as `parseYearParam`. */
export const requiredYearParam = z.string().transform((v, ctx) => {
  const y = parseYearParam(v);
  if (y === null) {
    ctx.addIssue({ code: "custom", message: `年度应为 ${YEAR_MIN}—${YEAR_MAX} 之间的四位数字` });
    return z.NEVER;
  }
  return y;
});

/** The programme year an instant belongs to: the China (Asia/Shanghai) calendar year of its date. */
export function programmeYearOf(now: Date): number {
  return Number(chinaDateOf(now).slice(0, 4));
}

/** `path?year=Y&…` keeping the other (non-empty) parameters; `page` is dropped (a new year starts on page 1). */
export function yearHref(path: string, year: number, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  q.set("year", String(year));
  for (const [k, v] of Object.entries(params)) if (v && k !== "year" && k !== "page") q.set(k, v);
  return `${path}?${q.toString()}`;
}

/**
 * Whether the forms of a page that works in `phase` are shown for `year`:
 *  - a later year than today's programme year is never "over";
 *  - a past year is read-only once the phase has ended (it always has: phases lie inside their year),
 *    and also when the year has no calendar at all;
 *  - the current year is read-only after the phase's end date (China date) — the server's window
 *    guards refuse the writes then anyway; the page says so instead of showing dead forms.
 */
export function phaseOver(year: number, calendar: SchoolCalendar | null, phase: PhaseKey | PhaseWindow, now: Date): boolean {
  const current = programmeYearOf(now);
  if (year > current) return false;
  if (!calendar) return year < current;
  const end = typeof phase === "string" ? getPhase(calendar, phase).end : windowRange(calendar, phase).end;
  return chinaDateOf(now) > end;
}

/**
 * A past year's page is read-only where its phase is over (docs/decisions/035-year-parameter.md).
 * The current year keeps its forms: they show the window and the server refuses outside it.
 */
export function pastYearReadOnly(year: number, calendar: SchoolCalendar | null, phase: PhaseKey | PhaseWindow, now: Date): boolean {
  return year < programmeYearOf(now) && phaseOver(year, calendar, phase, now);
}

/** The sentence a read-only past year shows above its tables. */
export function readOnlyText(year: number, what: string): string {
  return `${year}年的${what}已经结束，本页只供查看，不能再修改。`;
}
