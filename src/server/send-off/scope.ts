import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";

/** Enrolments (sent-off students) the actor may see. */
export function enrolmentScope(actor: Actor): Prisma.EnrolmentWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { county: { prefectureId: actor.prefectureId } };
    case "COUNTY": return { countyId: actor.countyId };
    case "MIDDLE_SCHOOL": return { middleSchoolId: actor.middleSchoolId };
    case "VOCATIONAL_SCHOOL": return { vocationalSchoolId: actor.vocationalSchoolId };
  }
}

/**
 * `enrolmentScope` as an SQL condition on the enrolment alias `e`, for statements on the driver (decision 100).
 * The same four cases: tests/server/query-count.db.test.ts checks both select the same enrolments for every
 * account of a whole prefecture.
 */
export function enrolmentScopeSql(actor: Actor): Prisma.Sql {
  switch (actor.role) {
    case "PREFECTURE": return Prisma.sql`EXISTS (SELECT 1 FROM "County" sc WHERE sc.id = e."countyId" AND sc."prefectureId" = ${actor.prefectureId})`;
    case "COUNTY": return Prisma.sql`e."countyId" = ${actor.countyId}`;
    case "MIDDLE_SCHOOL": return Prisma.sql`e."middleSchoolId" = ${actor.middleSchoolId}`;
    case "VOCATIONAL_SCHOOL": return Prisma.sql`e."vocationalSchoolId" = ${actor.vocationalSchoolId}`;
  }
}

/** Who may send off which applications: a county its county's, a middle school its own, nobody else any. */
function sendableBy(actor: Actor): { column: "countyId" | "middleSchoolId"; id: string } | null {
  switch (actor.role) {
    case "COUNTY": return { column: "countyId", id: actor.countyId };
    case "MIDDLE_SCHOOL": return { column: "middleSchoolId", id: actor.middleSchoolId };
    default: return null;
  }
}

/** Applications the actor may send off, for Prisma queries. */
export function sendableApplicationScope(actor: Actor): Prisma.ApplicationWhereInput {
  const by = sendableBy(actor);
  return by ? { [by.column]: by.id } : { id: "__out_of_scope__" };
}

/** The same scope as SQL over `"Application" a`, for send-off's locking read. */
export function sendableApplicationSql(actor: Actor): Prisma.Sql {
  const by = sendableBy(actor);
  if (!by) return Prisma.sql`FALSE`;
  return by.column === "countyId" ? Prisma.sql`a."countyId" = ${by.id}` : Prisma.sql`a."middleSchoolId" = ${by.id}`;
}
