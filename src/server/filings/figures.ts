import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { db, Tx } from "@/server/db";
import type { ReportFigures } from "@/lib/schemas/filings";
import type { Filer } from "./rules";
import { retention } from "@/lib/retention";
import { fieldworkFigures } from "@/server/fieldwork/counts";

type Row = {
  sentOff: number; arrived: number; registered: number; confirmed: number;
  returnMiddleSchool: number; otherHighSchool: number; dropout: number; other: number; exemptLeavers: number;
};

/**
 * The September report's figures for a county (its students) or a prefecture-level school (students
 * sent to it), read from the data as it stands: 送读 = enrolments, 报到 = arrivals, 确认 = rows of the
 * live 附件4 submissions, 流失 = leavers by their latest live LEFT_* event (an exempt one has a proof),
 * 注册 = autumn 中职学籍 registrations; 宣传走访 and 跟踪回访 counts (server/fieldwork/counts.ts). Frozen into the filing at submission.
 */
export async function reportFigures(client: Tx | ReturnType<typeof db>, year: number, filer: Pick<Filer, "countyId" | "vocationalSchoolId">): Promise<ReportFigures> {
  const mine = filer.countyId
    ? Prisma.sql`e."countyId" = ${filer.countyId}`
    : Prisma.sql`e."vocationalSchoolId" = ${filer.vocationalSchoolId}`;
  const confirmedRow = filer.countyId
    ? Prisma.sql`r->>'countyId' = ${filer.countyId}`
    : Prisma.sql`s."vocationalSchoolId" = ${filer.vocationalSchoolId}`;
  const [row] = await client.$queryRaw<Row[]>`
    WITH e AS (SELECT e.* FROM "Enrolment" e WHERE e.year = ${year} AND ${mine}),
    lastLeft AS (
      SELECT DISTINCT ON (ev."enrolmentId") ev."enrolmentId", ev.type::text AS type, ev.exempt
        FROM "StatusEvent" ev JOIN e ON e.id = ev."enrolmentId"
       WHERE ev."revokedAt" IS NULL AND ev.type IN ('LEFT_RETURN_MIDDLE_SCHOOL', 'LEFT_OTHER_HIGH_SCHOOL', 'LEFT_DROPOUT', 'LEFT_OTHER') AND e.status = 'LEFT'
       ORDER BY ev."enrolmentId", ev."occurredOn" DESC, ev."createdAt" DESC)
    SELECT (SELECT count(*)::int FROM e) AS "sentOff",
           (SELECT count(*)::int FROM e WHERE e."arrivalStatus" = 'ARRIVED') AS arrived,
           (SELECT count(*)::int FROM e WHERE e."autumnRegistered" AND e.status <> 'LEFT') AS registered,
           (SELECT count(*)::int FROM "RosterSubmission" s, jsonb_array_elements(s.rows) r
             WHERE s.year = ${year} AND s."supersededAt" IS NULL AND ${confirmedRow}) AS confirmed,
           (SELECT count(*)::int FROM lastLeft WHERE type = 'LEFT_RETURN_MIDDLE_SCHOOL') AS "returnMiddleSchool",
           (SELECT count(*)::int FROM lastLeft WHERE type = 'LEFT_OTHER_HIGH_SCHOOL') AS "otherHighSchool",
           (SELECT count(*)::int FROM lastLeft WHERE type = 'LEFT_DROPOUT') AS dropout,
           (SELECT count(*)::int FROM lastLeft WHERE type = 'LEFT_OTHER') AS other,
           (SELECT count(*)::int FROM lastLeft WHERE exempt) AS "exemptLeavers"`;
  const leavers = row.returnMiddleSchool + row.otherHighSchool + row.dropout + row.other;
  // The one formula (src/lib/retention.ts): still enrolled ÷ (confirmed − exempt leavers). Before the
  // roster is confirmed there can be more leavers than confirmed students: no figure yet.
  const rate = leavers <= row.confirmed ? retention({ confirmed: row.confirmed, exemptLeavers: row.exemptLeavers, lostLeavers: leavers - row.exemptLeavers }).rate : null;
  return {
    sentOff: row.sentOff, arrived: row.arrived, confirmed: row.confirmed,
    left: { returnMiddleSchool: row.returnMiddleSchool, otherHighSchool: row.otherHighSchool, dropout: row.dropout, other: row.other },
    exemptLeavers: row.exemptLeavers, registered: row.registered,
    retention: rate,
    fieldwork: await fieldworkFigures(client, year, { countyId: filer.countyId ?? null, vocationalSchoolId: filer.vocationalSchoolId ?? null }),
  };
}
