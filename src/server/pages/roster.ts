import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { phaseStatus } from "@/server/calendar/calendar";
import { ownSubmissions, rosterBoard, schoolDiscrepancies } from "@/server/roster/roster";
import { ownRosterPage } from "@/server/roster/own-page";
import { countyRosterPage } from "@/server/roster/county-check";
import { shownYear, yearAtHand } from "@/server/year";
import { pastYearReadOnly } from "@/lib/year";
import { firstParam, type SearchParams } from "./search-params";

/** Rows of a roster shown per page: a school's list runs to hundreds of students (decision 100). */
export const ROSTER_PAGE_SIZE = 50;

export type RosterQuery = { q: string; check: "" | "UNCHECKED" | "CONFIRMED" | "DISCREPANCY"; part: string; page: number };

export function rosterQuery(sp: SearchParams): RosterQuery {
  const check = firstParam(sp.check) ?? "";
  return {
    q: (firstParam(sp.q) ?? "").trim().slice(0, 40),
    check: check === "UNCHECKED" || check === "CONFIRMED" || check === "DISCREPANCY" ? check : "",
    part: (firstParam(sp.part) ?? "").slice(0, 40),
    page: Math.max(1, Math.floor(Number(firstParam(sp.page))) || 1),
  };
}

async function rosterView(actor: Actor, year: number, query: RosterQuery) {
  if (actor.role === "VOCATIONAL_SCHOOL") {
    const [{ total, page }, submissions, discrepancies] = await Promise.all([
      ownRosterPage(actor, year, { q: query.q, page: query.page, pageSize: ROSTER_PAGE_SIZE }), ownSubmissions(actor, year), schoolDiscrepancies(actor, year),
    ]);
    return { role: "VOCATIONAL_SCHOOL" as const, total, page, submissions, discrepancies };
  }
  if (actor.role === "PREFECTURE") return { role: "PREFECTURE" as const, board: await rosterBoard(actor, year) };
  if (actor.role === "COUNTY") {
    const { summary, part } = await countyRosterPage(actor, year, { ...query, pageSize: ROSTER_PAGE_SIZE });
    return { role: "COUNTY" as const, summary, part };
  }
  return null;
}

/** 附件4 名单: the 确认期 and the role's view (the school's submissions, the bureau's board, the county's check). */
export async function loadRosterPage(actor: Actor, sp: SearchParams, t: Date) {
  const year = shownYear(sp, t);
  const query = rosterQuery(sp);
  const [at, phase, view] = await Promise.all([yearAtHand(sp, { now: t }), phaseStatus({ now: t, phase: "confirmation", year }), rosterView(actor, year, query)]);
  // A past year whose 确认期 is over shows its lists and exports only; a submission always goes to the current year.
  const readOnly = pastYearReadOnly(year, phase.calendar, "confirmation", t) || year > at.current;
  return { at, year, phase, readOnly, query, view };
}
