import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { phaseStatus } from "@/server/calendar/calendar";
import { countyRoster, ownRoster, rosterBoard, schoolDiscrepancies } from "@/server/roster/roster";
import { yearAtHand } from "@/server/year";
import { pastYearReadOnly } from "@/lib/year";
import type { SearchParams } from "./search-params";

async function rosterView(actor: Actor, year: number) {
  if (actor.role === "VOCATIONAL_SCHOOL") {
    const [own, discrepancies] = await Promise.all([ownRoster(actor, year), schoolDiscrepancies(actor, year)]);
    return { role: "VOCATIONAL_SCHOOL" as const, rows: own.rows, submissions: own.submissions, discrepancies };
  }
  if (actor.role === "PREFECTURE") return { role: "PREFECTURE" as const, board: await rosterBoard(actor, year) };
  if (actor.role === "COUNTY") return { role: "COUNTY" as const, parts: await countyRoster(actor, year) };
  return null;
}

/** 附件4 名单: the 确认期 and the role's view (the school's submissions, the bureau's board, the county's check). */
export async function loadRosterPage(actor: Actor, sp: SearchParams, t: Date) {
  const at = await yearAtHand(sp, { now: t });
  const { year } = at;
  const [phase, view] = await Promise.all([phaseStatus({ now: t, phase: "confirmation", year }), rosterView(actor, year)]);
  // A past year whose 确认期 is over shows its lists and exports only; a submission always goes to the current year.
  const readOnly = pastYearReadOnly(year, phase.calendar, "confirmation", t) || year > at.current;
  return { at, year, phase, readOnly, view };
}
