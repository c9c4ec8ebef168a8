import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";

/**
 * Which applications (附件3) an actor may read. Spread into every query's `where`:
 * a row outside it is "not found".
 *  - 州教育体育局: every application of the prefecture (read-only)
 *  - 县市教育体育局: its middle schools' applications (read-only)
 *  - 初级中学: its own applications
 *  - 职业学校 (need to know, issue 10 §3): only applications that chose it and were approved by the
 *    middle school (for planning classes) or sent off to it. Never drafts, signed-but-unreviewed,
 *    rejected or withdrawn ones. Before send-off it sees only name, sex, middle school, class and
 *    major (`limitedView`).
 */
export function applicationScope(actor: Actor): Prisma.ApplicationWhereInput {
  switch (actor.role) {
    case "PREFECTURE":
      return { county: { prefectureId: actor.prefectureId } };
    case "COUNTY":
      return { countyId: actor.countyId };
    case "MIDDLE_SCHOOL":
      return { middleSchoolId: actor.middleSchoolId };
    case "VOCATIONAL_SCHOOL":
      return { vocationalSchoolId: actor.vocationalSchoolId, status: { in: ["APPROVED", "SENT_OFF"] } };
  }
}

/**
 * `applicationScope` as an SQL condition on the application alias `a`, for statements on the driver (decision 102).
 * The same four cases: tests/server/query-count.db.test.ts checks both select the same applications for every
 * account of a whole prefecture.
 */
export function applicationScopeSql(actor: Actor): Prisma.Sql {
  switch (actor.role) {
    case "PREFECTURE": return Prisma.sql`EXISTS (SELECT 1 FROM "County" sc WHERE sc.id = a."countyId" AND sc."prefectureId" = ${actor.prefectureId})`;
    case "COUNTY": return Prisma.sql`a."countyId" = ${actor.countyId}`;
    case "MIDDLE_SCHOOL": return Prisma.sql`a."middleSchoolId" = ${actor.middleSchoolId}`;
    case "VOCATIONAL_SCHOOL": return Prisma.sql`a."vocationalSchoolId" = ${actor.vocationalSchoolId} AND a.status IN ('APPROVED', 'SENT_OFF')`;
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
  return { vocationalSchoolId: actor.vocationalSchoolId, status: "SENT_OFF" };
}

/**
 * True when the actor may see only the planning fields (name, sex, middle school, class, major):
 * a vocational school before the student was sent off to it.
 */
export function limitedView(actor: Actor, application: { status: string; vocationalSchoolId: string }): boolean {
  return !contactVisible(actor, application);
}
