import "server-only";
import { sql } from "@/server/sql";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { Prisma } from "@/generated/prisma/client";

type Row = { id: string; name: string; sent: number; arrived: number; shanghai: number };
type CountyRow = Row & { cap: number; shanghaiTask: number };
type SchoolRow = Row & { prefectureOwned: boolean; allocation: number };
type VocRow = Row & { cap: number; shanghaiTask: number };

/** Enrolments of the year per id of `column` (sent, arrived, 沪滇), for the ids of `ids` only (decision 094). */
function countsSql(column: "countyId" | "middleSchoolId" | "vocationalSchoolId", ids: Prisma.Sql, year: number, prefectureId: string) {
  const col = Prisma.raw(`"${column}"`);
  return Prisma.sql`
    SELECT e.${col} AS id, count(*)::int AS sent, (count(*) FILTER (WHERE e."arrivalStatus" = 'ARRIVED'))::int AS arrived,
           (count(*) FILTER (WHERE e."shanghaiFlag"))::int AS shanghai
      FROM "Enrolment" e
     WHERE e.year = ${year} AND e.${col} IN (SELECT id FROM ${ids})
       AND EXISTS (SELECT 1 FROM "County" x WHERE x.id = e."countyId" AND x."prefectureId" = ${prefectureId})
     GROUP BY e.${col}`;
}

/**
 * Live send-off progress from the database, scoped to the actor: counties (S, ※, sent, arrived),
 * middle schools (allocation, sent, arrived) and vocational schools (E, ※, enrolled, arrived).
 * One statement on the driver (decision 100): the issued plan, the organisations in scope and their counts
 * (nine Prisma statements, four of them one after the other, before). Home of every role, send-off, reception.
 */
export async function sendOffProgress(actor: Actor, year: number) {
  assertCan(actor, "sendOff.read");
  const none = Prisma.sql`FALSE`;
  const countyWhere = actor.role === "PREFECTURE" ? Prisma.sql`"prefectureId" = ${actor.prefectureId}` : actor.role === "COUNTY" ? Prisma.sql`id = ${actor.countyId}` : none;
  const schoolWhere = actor.role === "COUNTY" ? Prisma.sql`"countyId" = ${actor.countyId}` : actor.role === "MIDDLE_SCHOOL" ? Prisma.sql`id = ${actor.middleSchoolId}` : none;
  const vocWhere = actor.role === "VOCATIONAL_SCHOOL" ? Prisma.sql`id = ${actor.vocationalSchoolId}` : actor.role === "PREFECTURE" ? Prisma.sql`"prefectureId" = ${actor.prefectureId}` : none;
  const [r] = await sql.$queryRaw<{ planVersion: number | null; planIssuedAt: Date | null; counties: CountyRow[] | null; schools: SchoolRow[] | null; vocs: VocRow[] | null }[]>`
    WITH v AS MATERIALIZED (
      SELECT pv.id, pv."planId", pv.version, pv."issuedAt" FROM "PlanVersion" pv JOIN "QuotaPlan" p ON p.id = pv."planId"
       WHERE pv.status = 'ISSUED' AND p.year = ${year} ORDER BY pv.version DESC LIMIT 1),
    c AS MATERIALIZED (SELECT id, name, "sortOrder" FROM "County" WHERE ${countyWhere}),
    m AS MATERIALIZED (SELECT id, name, "prefectureOwned" FROM "MiddleSchool" WHERE ${schoolWhere}),
    s AS MATERIALIZED (SELECT id, name, "sortOrder" FROM "VocationalSchool" WHERE ${vocWhere}),
    ck AS (${countsSql("countyId", Prisma.sql`c`, year, actor.prefectureId)}),
    mk AS (${countsSql("middleSchoolId", Prisma.sql`m`, year, actor.prefectureId)}),
    sk AS (${countsSql("vocationalSchoolId", Prisma.sql`s`, year, actor.prefectureId)})
    SELECT (SELECT version FROM v) AS "planVersion", (SELECT "issuedAt" FROM v) AS "planIssuedAt",
      (SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'cap', COALESCE(q."sendOffCap", 0), 'shanghaiTask', COALESCE(q."shanghaiTask", 0),
                'sent', COALESCE(k.sent, 0), 'arrived', COALESCE(k.arrived, 0), 'shanghai', COALESCE(k.shanghai, 0)) ORDER BY c."sortOrder", c.id)
         FROM c LEFT JOIN "CountyQuota" q ON q."versionId" = (SELECT id FROM v) AND q."countyId" = c.id LEFT JOIN ck k ON k.id = c.id) AS counties,
      (SELECT json_agg(json_build_object('id', m.id, 'name', m.name, 'prefectureOwned', m."prefectureOwned", 'allocation', COALESCE(a.allocation, 0),
                'sent', COALESCE(k.sent, 0), 'arrived', COALESCE(k.arrived, 0), 'shanghai', COALESCE(k.shanghai, 0)) ORDER BY m."prefectureOwned", m.name, m.id)
         FROM m LEFT JOIN "MiddleSchoolAllocation" a ON a."planId" = (SELECT "planId" FROM v) AND a."middleSchoolId" = m.id LEFT JOIN mk k ON k.id = m.id) AS schools,
      (SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'cap', COALESCE(q."enrolCap", 0), 'shanghaiTask', COALESCE(q."shanghaiTask", 0),
                'sent', COALESCE(k.sent, 0), 'arrived', COALESCE(k.arrived, 0), 'shanghai', COALESCE(k.shanghai, 0)) ORDER BY s."sortOrder", s.id)
         FROM s LEFT JOIN "VocationalQuota" q ON q."versionId" = (SELECT id FROM v) AND q."vocationalSchoolId" = s.id LEFT JOIN sk k ON k.id = s.id) AS vocs`;
  return {
    year,
    plan: r.planVersion !== null ? { version: r.planVersion, issuedAt: r.planIssuedAt } : null,
    counties: r.counties ?? [],
    middleSchools: r.schools ?? [],
    vocationalSchools: r.vocs ?? [],
  };
}
