import "server-only";
import { cache } from "react";
import { sql, type RawSql } from "@/server/sql";
import { AppError } from "@/server/errors";
import { checkPhase, checkWindow, computeCalendar, getPhase, windowRange, type SchoolCalendar } from "@/lib/calendar";
import { PHASE_LABELS, type CalendarSettings, type OverrideKey, type PhaseKey, type PhaseWindow } from "@/lib/calendar-settings";
import { type DateRange } from "@/lib/china-date";
import { programmeYearOf } from "@/lib/year";
import { Prisma, type YearCalendar } from "@/generated/prisma/client";
import type { Phase } from "@/generated/prisma/enums";

export const PHASE_TO_DB: Record<PhaseKey, Phase> = {
  publicity: "PUBLICITY",
  sendOff: "SEND_OFF",
  stabilisation: "STABILISATION",
  confirmation: "CONFIRMATION",
  consolidation: "CONSOLIDATION",
};
/** The five phases plus the multi-phase windows the bureau may override (报名录入期). */
export const OVERRIDE_TO_DB: Record<OverrideKey, Phase> = {
  ...PHASE_TO_DB, applicationEntry: "APPLICATION_ENTRY", autumnRegistration: "AUTUMN_REGISTRATION",
};
export const DB_TO_OVERRIDE = Object.fromEntries(Object.entries(OVERRIDE_TO_DB).map(([k, v]) => [v, k])) as Record<Phase, OverrideKey>;

/** The programme year an instant belongs to (the China calendar year); see src/lib/year.ts. */
export const programmeYear = programmeYearOf;

/** The bureau's settings for a year as stored, with the live (not revoked) overrides. */
export async function loadCalendarSettings(client: RawSql, year: number): Promise<CalendarSettings | null> {
  // One round trip: every phase-bound action (send-off included) calls this inside its transaction.
  const rows = await client.$queryRaw<CalendarSettingsRow[]>(calendarSettingsSql(year));
  return calendarSettingsFromRows(rows);
}

type CalendarSettingsRow = Omit<YearCalendar, "updatedAt" | "createdAt" | "version" | "updatedById"> & {
  overrides: { phase: Phase; start: string; end: string; reason: string }[];
};

/** The statement behind `loadCalendarSettings`, for a caller that sends it together with others (the send-off). */
export function calendarSettingsSql(year: number): Prisma.Sql {
  return Prisma.sql`
    SELECT y.year, y."mayDayHolidayEnd", y."extraNonWorkingDays", y."makeUpWorkingDays", y."makeUpSaturdaysCount",
           y."autumnRegistrationDate", y."countyPlanDeadline", y."teachingPlanDeadline", y."annualReportDeadline",
           COALESCE((SELECT json_agg(json_build_object('phase', o.phase, 'start', o.start, 'end', o."end", 'reason', o.reason) ORDER BY o."createdAt")
                       FROM "PhaseOverride" o WHERE o.year = y.year AND o."revokedAt" IS NULL), '[]'::json) AS overrides
      FROM "YearCalendar" y WHERE y.year = ${year}`;
}

/** The settings from the rows of `calendarSettingsSql` (null: the year's calendar is not set). */
export function calendarSettingsFromRows(rows: unknown[]): CalendarSettings | null {
  const [row] = rows as CalendarSettingsRow[];
  if (!row) return null;
  const overrides: CalendarSettings["overrides"] = {};
  for (const o of row.overrides) {
    overrides[DB_TO_OVERRIDE[o.phase]] = { start: o.start, end: o.end, reason: o.reason };
  }
  return {
    year: row.year,
    mayDayHolidayEnd: row.mayDayHolidayEnd,
    extraNonWorkingDays: row.extraNonWorkingDays,
    makeUpWorkingDays: row.makeUpWorkingDays,
    makeUpSaturdaysCount: row.makeUpSaturdaysCount,
    autumnRegistrationDate: row.autumnRegistrationDate,
    overrides,
    deadlines: deadlinesFromRow(row),
  };
}

/** The bureau's due dates stored on the year's calendar row (unset ones are left out). */
export function deadlinesFromRow(row: { countyPlanDeadline: string | null; teachingPlanDeadline: string | null; annualReportDeadline: string | null }): NonNullable<CalendarSettings["deadlines"]> {
  const out: NonNullable<CalendarSettings["deadlines"]> = {};
  if (row.countyPlanDeadline) out.countyPlan = row.countyPlanDeadline;
  if (row.teachingPlanDeadline) out.teachingPlan = row.teachingPlanDeadline;
  if (row.annualReportDeadline) out.annualReport = row.annualReportDeadline;
  return out;
}

export async function loadCalendar(client: RawSql, year: number): Promise<SchoolCalendar | null> {
  return calendarFromRows(await client.$queryRaw<unknown[]>(calendarSettingsSql(year)));
}

/**
 * A year's calendar settings for what a page shows (decision 100): read once per request — the layout's inbox, the
 * page and its panels share it — on the driver. React's `cache` keeps it for one server render only (outside a
 * render, a test or a route handler, every call reads), so nothing is held across requests or servers.
 * Never for a rule: an action reads the calendar inside its own transaction (`assertInPhase`).
 * The object is shared by the request's readers: read it, do not change it.
 */
export const requestCalendarSettings = cache((year: number): Promise<CalendarSettings | null> => loadCalendarSettings(sql, year));
/** `requestCalendarSettings` computed into the year's calendar (null: not set), once per request. */
export const requestCalendar = cache(async (year: number): Promise<SchoolCalendar | null> => {
  const settings = await requestCalendarSettings(year);
  return settings ? computeCalendar(settings) : null;
});

/** The year's calendar from the rows of `calendarSettingsSql` (null: not set), for a caller that read them itself. */
export function calendarFromRows(rows: unknown[]): SchoolCalendar | null {
  const settings = calendarSettingsFromRows(rows);
  return settings ? computeCalendar(settings) : null;
}

/** The one wording of "the year's calendar is not set" (with what cannot be done, when a verb is given). */
export function calendarNotSetMessage(year: number, verb?: string): string {
  return `${year}年的工作日历尚未设置${verb ? `，暂时不能${verb}` : ""}。请联系州教育体育局在“工作日历”中设置后再办理。`;
}

/** Is a verb open now, and if not why; and when its window is (null: the year's calendar is not set). */
export type PhaseStatus =
  | { open: true; year: number; label: string; range: DateRange; message: null; calendar: SchoolCalendar }
  | { open: false; year: number; label: string; range: DateRange | null; message: string; calendar: SchoolCalendar | null };

/**
 * The one answer to "is this verb open now": `assertInPhase` throws its message, pages render it.
 * A phase (送读期…) or a window spanning phases (报名录入期, with the bureau's override); the bureau's
 * live overrides are read from `client`, so inside a transaction a change of window applies at once.
 */
export async function phaseStatus(
  opts: { now: Date; phase: PhaseKey | PhaseWindow; verb?: string; year?: number },
  client?: RawSql,
): Promise<PhaseStatus> {
  const year = opts.year ?? programmeYear(opts.now);
  // Without a client: a page's read, shared by the request (requestCalendar); with one: that transaction's view.
  return phaseStatusOf(client ? await loadCalendar(client, year) : await requestCalendar(year), { ...opts, year });
}

/** `phaseStatus` for a calendar already read (null: not set), e.g. in the same round trip as other statements. */
export function phaseStatusOf(
  calendar: SchoolCalendar | null,
  opts: { now: Date; phase: PhaseKey | PhaseWindow; verb?: string; year: number },
): PhaseStatus {
  const { year } = opts;
  const label = typeof opts.phase === "string" ? PHASE_LABELS[opts.phase] : opts.phase.label;
  if (!calendar) return { open: false, year, label, range: null, message: calendarNotSetMessage(year, opts.verb), calendar };
  const range = typeof opts.phase === "string" ? getPhase(calendar, opts.phase) : windowRange(calendar, opts.phase);
  const result = typeof opts.phase === "string"
    ? checkPhase(calendar, opts.phase, opts.now, opts.verb)
    : checkWindow(calendar, opts.phase, opts.now, opts.verb);
  const dates = { start: range.start, end: range.end };
  return result.ok
    ? { open: true, year, label, range: dates, message: null, calendar }
    : { open: false, year, label, range: dates, message: result.message, calendar };
}

/**
 * The one guard every phase-bound action calls, inside its transaction, with the injected clock.
 * Refuses with the window in Chinese dates, e.g.
 * "送读期为 2020年5月6日至2020年5月14日，当前不在送读期，不能送读".
 *
 *   await assertInPhase(tx, { now, phase: "sendOff", verb: "送读" });
 *   await assertInPhase(tx, { now, phase: APPLICATION_ENTRY_WINDOW, verb: "录入报名" }); // honours the bureau's override
 *
 * The bureau's live overrides are read in the same transaction, so a change of window applies at once.
 */
export async function assertInPhase(
  client: RawSql,
  opts: { now: Date; phase: PhaseKey | PhaseWindow; verb: string; year?: number },
): Promise<SchoolCalendar> {
  const status = await phaseStatus(opts, client);
  if (!status.open) throw new AppError("OUT_OF_WINDOW", status.message);
  return status.calendar;
}
