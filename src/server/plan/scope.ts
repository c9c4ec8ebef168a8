import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";

/**
 * Which plan versions an actor may read. The prefecture bureau sees every version (drafts, discarded,
 * superseded); counties and schools see only the issued one (SPEC §3: "Counties and schools see only
 * issued plans"). A version outside this filter is "not found".
 */
export function planVersionScope(actor: Actor): Prisma.PlanVersionWhereInput {
  return actor.role === "PREFECTURE" ? {} : { status: "ISSUED" };
}

/**
 * Allocations (落实到校) an actor may read: the prefecture all of its prefecture, a county bureau its
 * own schools (including the 州属高完中 attached to it), a middle school its own row, a vocational
 * school none.
 */
export function allocationScope(actor: Actor): Prisma.MiddleSchoolAllocationWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { middleSchool: { county: { prefectureId: actor.prefectureId } } };
    case "COUNTY": return { middleSchool: { countyId: actor.countyId } };
    case "MIDDLE_SCHOOL": return { middleSchoolId: actor.middleSchoolId };
    case "VOCATIONAL_SCHOOL": return { id: "__out_of_scope__" };
  }
}
