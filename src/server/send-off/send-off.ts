import "server-only";
import { idNumberSearch } from "@/server/id-search";
import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import { prepared, transaction } from "@/server/sql";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { AppError, isUniqueViolation, notFound } from "@/server/errors";
import { calendarFromRows, calendarSettingsSql, phaseStatusOf, programmeYear } from "@/server/calendar/calendar";
import { sendableApplicationScope, sendableApplicationSql } from "./scope";
import { capKey, lockCapsSql } from "./cap-lock";
import { checkImplementationPlanGate, implementationPlanGateSql, type GateRow } from "@/server/filings/gate";
import { maskIdNumber } from "@/lib/validators/id-number";
import { pageArgs, toPage } from "@/server/pagination";

export type SendOffResult = {
  sent: number;
  remaining: { county: number; middleSchool: number; vocational: { name: string; remaining: number }[] };
};

type AppRow = {
  id: string; studentName: string; status: string; year: number; shanghaiFlag: boolean;
  countyId: string; middleSchoolId: string; vocationalSchoolId: string;
  countyName: string; middleSchoolName: string; vocationalSchoolName: string;
};
type CapRow = { kind: "plan" | "county" | "middle" | "voc"; id: string; cap: number | null; n: number; adding: number; over: boolean };

/**
 * The caps a batch touches, as one query: per county, middle school and vocational school of the batch
 * its cap (NULL = none set), the students already sent off (`n`), the batch's own students (`adding`), and
 * whether the batch would pass the cap (`over`: n + adding > cap, no cap counting as 0). The first row
 * (kind "plan") is over when the year has no issued plan. This is the one place of the cap rule: the
 * pre-check reads it, and the write is conditional on it (decision 098); `checkCaps` only words it.
 * `batch` is a query giving one row (county, middle school, vocational school) per student of the batch.
 */
function capStateSql(year: number, batch: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH v AS (SELECT pv.id, pv."planId" FROM "PlanVersion" pv JOIN "QuotaPlan" p ON p.id = pv."planId"
               WHERE p.year = ${year} AND pv.status = 'ISSUED'),
         b AS (SELECT * FROM (${batch}) AS b(county, school, voc)),
         s AS (
      SELECT 'plan' AS kind, '' AS id, NULL::int AS cap, (SELECT count(*)::int FROM v) AS n, 0 AS adding
      UNION ALL
      SELECT 'county', b.county, q."sendOffCap",
             (SELECT count(*)::int FROM "Enrolment" e WHERE e.year = ${year} AND e."countyId" = b.county), count(*)::int
        FROM b LEFT JOIN "CountyQuota" q ON q."countyId" = b.county AND q."versionId" = (SELECT id FROM v)
       GROUP BY b.county, q."sendOffCap"
      UNION ALL
      SELECT 'middle', b.school, a.allocation,
             (SELECT count(*)::int FROM "Enrolment" e WHERE e.year = ${year} AND e."middleSchoolId" = b.school), count(*)::int
        FROM b LEFT JOIN "MiddleSchoolAllocation" a ON a."middleSchoolId" = b.school AND a."planId" = (SELECT "planId" FROM v)
       GROUP BY b.school, a.allocation
      UNION ALL
      SELECT 'voc', b.voc, q."enrolCap",
             (SELECT count(*)::int FROM "Enrolment" e WHERE e.year = ${year} AND e."vocationalSchoolId" = b.voc), count(*)::int
        FROM b LEFT JOIN "VocationalQuota" q ON q."vocationalSchoolId" = b.voc AND q."versionId" = (SELECT id FROM v)
       GROUP BY b.voc, q."enrolCap")
    SELECT kind, id, cap, n, adding, CASE WHEN kind = 'plan' THEN n = 0 ELSE n + adding > COALESCE(cap, 0) END AS over
      FROM s`;
}

/** Words the first cap the batch would pass (county → middle school → vocational school), else what is left. */
function checkCaps(apps: AppRow[], state: CapRow[]): SendOffResult {
  const result: SendOffResult = { sent: apps.length, remaining: { county: 0, middleSchool: 0, vocational: [] } };
  const order = { plan: 0, county: 1, middle: 2, voc: 3 };
  for (const row of [...state].sort((a, b) => order[a.kind] - order[b.kind])) {
    if (row.kind === "plan") {
      if (row.over) throw new AppError("INVALID_STATE", `${apps[0].year}年送读招生计划尚未下达，暂时不能送读。请等待州教育体育局下达计划。`);
      continue;
    }
    const cap = row.cap ?? 0;
    const mine = (a: AppRow) => (row.kind === "county" ? a.countyId : row.kind === "middle" ? a.middleSchoolId : a.vocationalSchoolId) === row.id;
    const first = apps.find(mine)!;
    const { n, adding } = row;
    const left = Math.max(0, cap - n);
    if (row.over) {
      if (row.kind === "county") {
        throw new AppError("CAP_EXCEEDED", `超出${first.countyName}送读计划：计划 ${cap} 人，已送读 ${n} 人，剩余 ${left} 个名额，本次选择 ${adding} 人，不能送读。`);
      }
      if (row.kind === "middle") {
        throw new AppError("CAP_EXCEEDED", row.cap === null
          ? `县市教育体育局尚未给${first.middleSchoolName}分配送读名额，不能送读。请联系县市教育体育局分配名额。`
          : `超出${first.middleSchoolName}分配的送读名额：分配 ${cap} 人，已送读 ${n} 人，剩余 ${left} 个名额，本次选择 ${adding} 人，不能送读。`);
      }
      throw new AppError("CAP_EXCEEDED", `超出${first.vocationalSchoolName}招生计划：计划 ${cap} 人，已招收 ${n} 人，剩余 ${left} 个名额，本次选择 ${adding} 人，不能送读。`);
    }
    if (row.kind === "county") result.remaining.county = cap - n - adding;
    else if (row.kind === "middle") result.remaining.middleSchool = cap - n - adding;
    else result.remaining.vocational.push({ name: first.vocationalSchoolName, remaining: cap - n - adding });
  }
  return result;
}

/**
 * 送读: sends approved applications to the vocational school each student chose. All-or-nothing.
 * Checks, in this order, inside one transaction: 送读期; application state; an issued plan;
 * approved 实施方案 (or a waiver); county sent-off ≤ S; middle-school sent-off ≤ its allocation; vocational enrolled ≤ E.
 * Everything that does not need the lock is done before it; the critical section is one round trip
 * [lock; recount; conditional write; COMMIT], so the database serialises as little as possible.
 */
export async function sendOff(actor: Actor, input: { applicationIds: string[] }, now: Date): Promise<SendOffResult> {
  assertCan(actor, "sendOff.execute");
  const ids = [...new Set(input.applicationIds)];
  if (ids.length === 0) throw new AppError("VALIDATION", "请至少选择一名学生。");
  const scope = sendableApplicationSql(actor);
  // On the pg driver, not through Prisma: the send-off burst is bound by the app servers' CPU (decision 098).
  return transaction(async (tx) => {
    const year = programmeYear(now);
    // One round trip (decision 099): BEGIN; the year's calendar (送读期, with the bureau's live overrides);
    // then one statement reading the batch, locked (a withdrawal or a change of school cannot slip in before
    // the send-off commits), the caps it touches (counts only grow, so a batch already over a cap is refused
    // without queueing for the lock) and the 实施方案 gate ("审核通过后才能实施", decision 016) of its counties
    // and schools. The window is judged first: outside it nothing else matters, and ROLLBACK releases the locks.
    const [calendarRows, preRows] = await tx.batch(calendarSettingsSql(year), prepared(Prisma.sql`
      WITH batch AS MATERIALIZED (
        SELECT a.id, a."studentName", a.status::text AS status, a.year, a."shanghaiFlag",
               a."countyId", a."middleSchoolId", a."vocationalSchoolId",
               c.name AS "countyName", m.name AS "middleSchoolName", v.name AS "vocationalSchoolName"
          FROM "Application" a
          JOIN "County" c ON c.id = a."countyId"
          JOIN "MiddleSchool" m ON m.id = a."middleSchoolId"
          JOIN "VocationalSchool" v ON v.id = a."vocationalSchoolId"
         WHERE a.id = ANY(${ids}::text[]) AND ${scope}
         ORDER BY a.id
           FOR UPDATE OF a)
      SELECT (SELECT COALESCE(json_agg(batch ORDER BY batch.id), '[]'::json) FROM batch) AS apps,
             (SELECT json_agg(c) FROM (${capStateSql(year, Prisma.sql`SELECT "countyId", "middleSchoolId", "vocationalSchoolId" FROM batch`)}) c) AS caps,
             (SELECT COALESCE(json_agg(g), '[]'::json)
                FROM (${implementationPlanGateSql(year, Prisma.sql`ARRAY(SELECT DISTINCT "countyId" FROM batch)`,
                                                  Prisma.sql`ARRAY(SELECT DISTINCT "vocationalSchoolId" FROM batch)`)}) g) AS gate`));
    const window = phaseStatusOf(calendarFromRows(calendarRows.rows), { now, phase: "sendOff", verb: "送读", year });
    if (!window.open) throw new AppError("OUT_OF_WINDOW", window.message);
    const [pre] = preRows.rows as { apps: AppRow[]; caps: CapRow[]; gate: GateRow[] }[];
    const { apps } = pre;
    if (apps.length !== ids.length) throw notFound("报名申请");
    for (const a of apps) {
      if (a.year !== year) throw new AppError("INVALID_STATE", `${a.studentName}的报名属于${a.year}年，不能在${year}年送读。`);
      if (a.status === "SENT_OFF") throw new AppError("INVALID_STATE", `${a.studentName}已经送读，请勿重复送读。`);
      if (a.status !== "APPROVED") {
        throw new AppError("INVALID_STATE", `${a.studentName}的报名尚未经初中学校审核同意（须学生和监护人签字、上传签字扫描件并审核同意），不能送读。`);
      }
    }
    const countyIds = [...new Set(apps.map((a) => a.countyId))];
    const schoolIds = [...new Set(apps.map((a) => a.middleSchoolId))];
    const vocIds = [...new Set(apps.map((a) => a.vocationalSchoolId))];
    checkCaps(apps, pre.caps);
    checkImplementationPlanGate(year, pre.gate);

    // The critical section is one round trip (decision 098): lock; then one statement that recounts and,
    // only when no cap is passed, writes; COMMIT. The statement after the lock has its own snapshot, so it sees
    // every send-off committed before the lock was granted, and no app-server turn happens while the lock is
    // held. Over a cap, nothing but the lock row's no-op update commits, and the refusal is worded from the
    // same count the write was conditional on.
    const enrolmentIds = apps.map(() => randomUUID());
    const summary = JSON.stringify({ count: ids.length, applicationIds: ids });
    let recount: (CapRow & { written: number })[];
    try {
      const [, counted] = await tx.commitWith(
        lockCapsSql(year, [...countyIds.map(capKey.county), ...schoolIds.map(capKey.middle), ...vocIds.map(capKey.voc)]),
        // The counts, then the enrolments, the applications' status and the audit row, in one statement,
        // prepared: it is planned once per connection, not anew while the locks are held (decision 099).
        prepared(Prisma.sql`
        WITH c AS (${capStateSql(year, Prisma.sql`SELECT * FROM unnest(${apps.map((a) => a.countyId)}::text[],
                    ${apps.map((a) => a.middleSchoolId)}::text[], ${apps.map((a) => a.vocationalSchoolId)}::text[])`)}), ins AS (
          INSERT INTO "Enrolment" (id, "applicationId", year, "countyId", "middleSchoolId", "vocationalSchoolId", "shanghaiFlag", "sentOffAt", "sentOffById", "updatedAt")
          SELECT e.id, a.id, a.year, a."countyId", a."middleSchoolId", a."vocationalSchoolId", a."shanghaiFlag", ${now}, ${actor.userId}, now()
            FROM unnest(${enrolmentIds}::text[], ${apps.map((a) => a.id)}::text[]) AS e(id, app)
            JOIN "Application" a ON a.id = e.app
           WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.over)
          RETURNING 1
        ), upd AS (
          UPDATE "Application" SET status = 'SENT_OFF', "updatedAt" = now()
           WHERE id = ANY(${ids}::text[]) AND (SELECT count(*) FROM ins) = ${apps.length} RETURNING 1
        ), audit AS (
          INSERT INTO "AuditLog" ("actorId", "actorRole", "orgLabel", action, "entityType", "entityId", summary)
          SELECT ${actor.userId}, ${actor.role}::"Role", ${actor.orgName}, 'sendOff.execute', 'Application', ${ids.length === 1 ? ids[0] : null}, ${summary}::jsonb
           WHERE (SELECT count(*) FROM ins) = ${apps.length} AND (SELECT count(*) FROM upd) = ${ids.length}
          RETURNING 1
        )
        SELECT c.kind, c.id, c.cap, c.n, c.adding, c.over, (SELECT count(*)::int FROM audit) AS written FROM c`),
      );
      recount = counted.rows as typeof recount;
      if (recount[0].written === 0 && !recount.some((r) => r.over)) throw new Error("send-off: nothing written although no cap is passed");
    } catch (err) {
      // The same student sent by two people at once: the unique enrolment per application decides.
      if (isUniqueViolation(err)) {
        throw new AppError("INVALID_STATE", "所选学生中有人刚刚已被送读，请刷新页面后重新选择。");
      }
      throw err;
    }
    return checkCaps(apps, recount);
  }, { timeoutMs: 60_000, maxWaitMs: 60_000 });
}

const idClauses = (q: string) => {
  const byId = idNumberSearch(q);
  return byId && byId !== "none" ? [byId] : [];
};

/** Approved applications waiting for send-off, in the actor's scope (ID numbers masked). */
export async function listSendable(actor: Actor, year: number, query: { q: string; page: number; middleSchoolId: string }) {
  assertCan(actor, "sendOff.execute");
  const where: Prisma.ApplicationWhereInput = {
    AND: [
      sendableApplicationScope(actor),
      { year, status: "APPROVED" },
      query.q ? { OR: [{ studentName: { contains: query.q } }, ...idClauses(query.q)] } : {},
      query.middleSchoolId ? { middleSchoolId: query.middleSchoolId } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db().application.findMany({
      where,
      include: { middleSchool: { select: { name: true } }, vocationalSchool: { select: { name: true } } },
      orderBy: [{ middleSchool: { name: "asc" } }, { className: "asc" }, { studentName: "asc" }],
      ...pageArgs(query.page, 100),
    }),
    db().application.count({ where }),
  ]);
  return toPage(
    rows.map((a) => ({
      id: a.id, studentName: a.studentName, sex: a.sex, idMasked: maskIdNumber(a.idNumber), className: a.className,
      middleSchoolName: a.middleSchool.name, vocationalSchoolName: a.vocationalSchool.name, major: a.major ?? "",
      shanghaiFlag: a.shanghaiFlag, reviewDate: a.reviewDate,
    })),
    total, query.page, 100,
  );
}
