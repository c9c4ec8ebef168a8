import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";

/**
 * Which applications (附件3) an actor may read. Spread into every query's `where`:
 * a row outside it is "not found".
 *  - 州教育体育局: every application of the prefecture (read-only)
 *  - 县市教育体育局: its middle schools' applications (read-only)
 *  - 初级中学: its own applications
 *  - 职业学校: the applications that chose it, once the student and guardian signed (a draft is
 *    not yet a consented application and stays with the middle school)
 */
export function applicationScope(actor: Actor): Prisma.ApplicationWhereInput {
  switch (actor.role) {
    case "PREFECTURE":
      return { county: { prefectureId: actor.prefectureId } };
    case "COUNTY":
      return { countyId: actor.countyId! };
    case "MIDDLE_SCHOOL":
      return { middleSchoolId: actor.middleSchoolId! };
    case "VOCATIONAL_SCHOOL":
      return { vocationalSchoolId: actor.vocationalSchoolId!, status: { not: "DRAFT" } };
  }
}

/**
 * Phones and addresses of minors: a vocational school sees them only once the student has
 * been sent off to it (SPEC §5 lists, §10). Everybody else who may read the application sees them.
 */
export function contactVisible(actor: Actor, application: { status: string; vocationalSchoolId: string }): boolean {
  if (actor.role !== "VOCATIONAL_SCHOOL") return true;
  return application.status === "SENT_OFF" && application.vocationalSchoolId === actor.vocationalSchoolId;
}

/** Applications whose contact details (and therefore the signed paper form) the actor may see. */
export function applicationContactScope(actor: Actor): Prisma.ApplicationWhereInput {
  if (actor.role !== "VOCATIONAL_SCHOOL") return applicationScope(actor);
  return { vocationalSchoolId: actor.vocationalSchoolId!, status: "SENT_OFF" };
}
