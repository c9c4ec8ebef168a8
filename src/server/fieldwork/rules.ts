import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";
import { enrolmentScope } from "@/server/send-off/scope";
import { db, type Tx } from "@/server/db";
import { loadCalendar } from "@/server/calendar/calendar";
import { getPhase } from "@/lib/calendar";

/**
 * Field work scope and the shared rules (issue 21). Scope is written into every query: a visit or
 * follow-up outside it is "not found".
 *
 * Publicity visits: the vocational school that made it, the middle school visited, the county bureau of
 * either (the county organises publicity in its schools, 《方案》四（二）1; a county also sees its own
 * 县市职中's visits elsewhere) and the prefecture (统筹).
 */
export function visitScope(actor: Actor): Prisma.PublicityVisitWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { vocationalSchool: { prefectureId: actor.prefectureId } };
    case "COUNTY": return { OR: [{ middleSchool: { countyId: actor.countyId } }, { vocationalSchool: { countyId: actor.countyId } }] };
    case "MIDDLE_SCHOOL": return { middleSchoolId: actor.middleSchoolId };
    case "VOCATIONAL_SCHOOL": return { vocationalSchoolId: actor.vocationalSchoolId };
  }
}

/**
 * Follow-ups and risk flags: exactly whoever may see the student — the original middle school, the
 * vocational school, the student's county bureau and the prefecture (`enrolmentScope`).
 */
export function followUpScope(actor: Actor): Prisma.FollowUpWhereInput {
  return { enrolment: enrolmentScope(actor) };
}
export function riskFlagScope(actor: Actor): Prisma.RiskFlagWhereInput {
  return { enrolment: enrolmentScope(actor) };
}

/**
 * An open flag: not cleared, and the student still 在读. A student who leaves (离校 recorded) no longer
 * shows as at risk — the flag closes with the leave, and opens again if the leave is corrected (voided),
 * because the student is then back to 在读 (docs/decisions/061-risk-flag-lifecycle.md).
 */
export const OPEN_FLAG: Prisma.RiskFlagWhereInput = { clearedAt: null, enrolment: { status: "ENROLLED" } };

/** The two windows the date rules need for a year (null when the year's calendar is not set). */
export async function yearWindows(client: Tx | ReturnType<typeof db>, year: number) {
  const calendar = await loadCalendar(client, year);
  return {
    sendOffEnd: calendar ? getPhase(calendar, "sendOff").end : null,
    consolidationEnd: calendar ? getPhase(calendar, "consolidation").end : null,
  };
}
