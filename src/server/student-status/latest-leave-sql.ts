import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { LEAVE_TYPES } from "@/lib/student-status";

/**
 * A student's leave as counted: the latest leave event not revoked (by the day it happened, then by when it was
 * recorded), as a LATERAL subquery giving `type`, `exempt` and `occurredOn` for the enrolment id `enrolmentId`
 * (an SQL expression of the outer query). Used by the retention figures and the vocational school's dashboard.
 */
export function latestLeaveEventSql(enrolmentId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT s.type::text AS type, s.exempt, s."occurredOn" FROM "StatusEvent" s
     WHERE s."enrolmentId" = ${enrolmentId} AND s."revokedAt" IS NULL AND s.type::text = ANY(${[...LEAVE_TYPES]}::text[])
     ORDER BY s."occurredOn" DESC, s."createdAt" DESC LIMIT 1
  )`;
}
