import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";

/** Enrolments (sent-off students) the actor may see. */
export function enrolmentScope(actor: Actor): Prisma.EnrolmentWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { county: { prefectureId: actor.prefectureId } };
    case "COUNTY": return { countyId: actor.countyId! };
    case "MIDDLE_SCHOOL": return { middleSchoolId: actor.middleSchoolId! };
    case "VOCATIONAL_SCHOOL": return { vocationalSchoolId: actor.vocationalSchoolId! };
  }
}

/** Applications the actor may send off: a middle school its own, a county its county's. */
export function sendableApplicationScope(actor: Actor): Prisma.ApplicationWhereInput {
  switch (actor.role) {
    case "COUNTY": return { countyId: actor.countyId! };
    case "MIDDLE_SCHOOL": return { middleSchoolId: actor.middleSchoolId! };
    default: return { id: "__out_of_scope__" };
  }
}
