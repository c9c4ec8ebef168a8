import "server-only";
import { sql } from "@/server/sql";
import { now as clockNow } from "@/server/clock";
import { parseYearParam, programmeYearOf } from "@/lib/year";

export type YearAtHand = {
  /** The year the page shows: `?year=` when usable, else the programme year today falls in. */
  year: number;
  /** The programme year today (injected clock, Asia/Shanghai) falls in. */
  current: number;
  /** Years to offer in the selector, newest first: every year with a calendar, a plan or applications, today's year and the one shown. */
  years: number[];
};

/**
 * The year a page shows: `?year=` when usable, else the programme year `now` falls in (Asia/Shanghai). Known
 * without the database, so a page starts its reads for the year alongside `yearAtHand`'s list (decision 101).
 */
export function shownYear(sp: Record<string, string | string[] | undefined>, now: Date = clockNow()): number {
  return parseYearParam(sp.year) ?? programmeYearOf(now);
}

/**
 * The one reading of `?year=` for every year-bound page (docs/decisions/035-year-parameter.md).
 * `extra` adds years to offer (the calendar page offers next year so the bureau can set it up).
 * Which years exist is not sensitive (every role sees the calendar), so the list is not scoped.
 */
export async function yearAtHand(
  sp: Record<string, string | string[] | undefined>,
  opts: { now?: Date; extra?: number[] } = {},
): Promise<YearAtHand> {
  const current = programmeYearOf(opts.now ?? clockNow());
  const year = shownYear(sp, opts.now ?? clockNow());
  // Every page asks this. The years of the applications are found by walking the (year, …) index from one
  // year to the next (a handful of index probes), not by reading every application: `SELECT DISTINCT year`
  // took 6 ms of the database's time per page at 9 000 applications, and grew with them (decision 099).
  // On the driver, not through Prisma (decision 098).
  const rows = await sql.$queryRaw<{ year: number }[]>`
    WITH RECURSIVE app_years AS (
      SELECT min(year) AS y FROM "Application"
      UNION ALL
      SELECT (SELECT min(year) FROM "Application" WHERE year > app_years.y) FROM app_years WHERE app_years.y IS NOT NULL)
    SELECT year FROM "YearCalendar"
    UNION SELECT year FROM "QuotaPlan"
    UNION SELECT y FROM app_years WHERE y IS NOT NULL`;
  const years = [...new Set([...rows.map((r) => Number(r.year)), current, year, ...(opts.extra ?? [])])].sort((a, b) => b - a);
  return { year, current, years };
}
