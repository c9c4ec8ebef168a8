import "server-only";
import { db, type Tx } from "@/server/db";
import { sql, type RawSql } from "@/server/sql";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, forbidden, notFound } from "@/server/errors";
import { assertInPhase } from "@/server/calendar/calendar";
import { sortRosterRows, type RosterStudentRow } from "@/lib/roster-order";
import { Prisma } from "@/generated/prisma/client";
import { frozenRowsAt } from "./frozen-rows";

/** One frozen row of a submitted roster: the 附件4 columns plus the keys the county check needs. */
export type RosterRow = RosterStudentRow & { enrolmentId: string; countyId: string };

/** The live roster of a vocational school: students received (arrived) and still enrolled. One query. */
export async function liveRoster(client: RawSql, vocationalSchoolId: string, year: number): Promise<RosterRow[]> {
  return (await liveRosters(client, [vocationalSchoolId], year)).get(vocationalSchoolId) ?? [];
}

/**
 * The students of the schools' live rosters — received (arrived) and still enrolled — with their application (a),
 * county (c), middle school (m) and class (k): the FROM and WHERE of every read of a live roster, whole or by page.
 */
export function liveRosterFrom(vocationalSchoolIds: readonly string[], year: number): Prisma.Sql {
  return Prisma.sql`
      FROM "Enrolment" e
      JOIN "Application" a ON a.id = e."applicationId"
      JOIN "County" c ON c.id = e."countyId"
      JOIN "MiddleSchool" m ON m.id = e."middleSchoolId"
      LEFT JOIN "VocationalClass" k ON k.id = e."classId"
     WHERE e."vocationalSchoolId" = ANY(${vocationalSchoolIds}::text[]) AND e.year = ${year}
       AND e."arrivalStatus" = 'ARRIVED' AND e.status = 'ENROLLED'`;
}

/**
 * The live rosters of several vocational schools (an export of all schools): one query whatever their number.
 * In the policy's order, unless `ordered` is false (the 附件4 writer sorts its rows itself).
 */
export async function liveRosters(
  client: RawSql,
  vocationalSchoolIds: string[],
  year: number,
  options: { ordered?: boolean; enrolmentIds?: readonly string[] } = {},
): Promise<Map<string, RosterRow[]>> {
  const { ordered = true, enrolmentIds } = options;
  const rows = await client.$queryRaw<(Omit<RosterRow, "sex"> & { sex: "MALE" | "FEMALE"; vocationalSchoolId: string })[]>`
    SELECT e.id AS "enrolmentId", e."countyId", e."vocationalSchoolId", a."studentName", a.sex::text AS sex, a."idNumber",
           c.name AS "countyName", c."sortOrder" AS "countyOrder", m.name AS "middleSchoolName",
           a."className" AS "middleSchoolClass", a."studentNumber",
           COALESCE(k.name, '') AS "vocationalClass", COALESCE(e."studentNo", '') AS "vocationalStudentNo"
    ${liveRosterFrom(vocationalSchoolIds, year)}
       ${enrolmentIds ? Prisma.sql`AND e.id = ANY(${enrolmentIds}::text[])` : Prisma.empty}`;
  const out = new Map<string, RosterRow[]>();
  for (const { vocationalSchoolId, ...r } of rows) {
    const list = out.get(vocationalSchoolId) ?? [];
    list.push({ ...r, sex: r.sex === "MALE" ? "男" : "女" });
    out.set(vocationalSchoolId, list);
  }
  if (ordered) for (const [id, list] of out) out.set(id, sortRosterRows(list));
  return out;
}

/** 提交附件4 (in 确认期): freezes a snapshot; a resubmission needs a reason and makes a new version. */
export async function submitRoster(caller: Actor, input: { reason?: string }, now: Date) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "roster.submit");
  return db().$transaction(async (tx) => {
    const calendar = await assertInPhase(tx, { now, phase: "confirmation", verb: "提交在读学生名单" });
    const year = calendar.year;
    const schoolId = actor.vocationalSchoolId;
    // Serialise submissions of one school (two clicks must not create two "version 2").
    await tx.$queryRaw`SELECT id FROM "VocationalSchool" WHERE id = ${schoolId} FOR UPDATE`;
    const last = await tx.rosterSubmission.findFirst({ where: { vocationalSchoolId: schoolId, year }, orderBy: { version: "desc" } });
    const reason = input.reason?.trim();
    if (last && !reason) throw new AppError("VALIDATION", `本校已于第 ${last.version} 版提交过名单，重新提交须填写原因。`, { reason: "请填写重新提交的原因" });
    const rows = await liveRoster(tx, schoolId, year);
    if (rows.length === 0) throw new AppError("INVALID_STATE", "本校没有已报到的在读学生，无法提交名单。请先登记学生报到。");
    const missing = rows.filter((r) => !r.vocationalClass || !r.vocationalStudentNo);
    if (missing.length) {
      throw new AppError("INVALID_STATE", `还有 ${missing.length} 名学生未编班或没有学号（如：${missing.slice(0, 3).map((r) => r.studentName).join("、")}），请先在“接收与编班”中完成后再提交。`);
    }
    if (last) await tx.rosterSubmission.update({ where: { id: last.id }, data: { supersededAt: now } });
    const sub = await tx.rosterSubmission.create({
      data: {
        vocationalSchoolId: schoolId, year, version: (last?.version ?? 0) + 1, reason: last ? reason : null,
        rows: rows as unknown as Prisma.InputJsonValue, rowCount: rows.length, submittedById: actor.userId, submittedAt: now,
      },
    });
    await audit(tx, actor, "roster.submit", { type: "RosterSubmission", id: sub.id }, { version: sub.version, rowCount: rows.length, reason: reason ?? null });
    return sub;
  });
}

/** The prefecture's board: each vocational school's latest submission of the year. */
export async function rosterBoard(actor: Actor, year: number) {
  assertCan(actor, "roster.receive");
  const schools = await db().vocationalSchool.findMany({
    where: { prefectureId: actor.prefectureId, active: true },
    orderBy: { sortOrder: "asc" },
    include: {
      rosterSubmissions: {
        where: { year }, orderBy: { version: "desc" }, take: 1, omit: { rows: true },
        include: { releases: { include: { county: { select: { name: true } } } }, _count: { select: { checks: { where: { status: "DISCREPANCY" } } } } },
      },
    },
  });
  // The counties a submission names, in the order of its frozen rows: from the keys PostgreSQL derives from the
  // rows ("countyIds", decision 102), not the rows (decision 094), named from the county list.
  const subIds = schools.flatMap((s) => s.rosterSubmissions.map((r) => r.id));
  const named = subIds.length
    ? await sql.$queryRaw<{ id: string; countyName: string }[]>`
        SELECT s.id, c.name AS "countyName"
        FROM "RosterSubmission" s CROSS JOIN LATERAL jsonb_array_elements_text(s."countyIds") WITH ORDINALITY AS k("countyId", ord)
        JOIN "County" c ON c.id = k."countyId"
        WHERE s.id = ANY(${subIds}::text[])
        GROUP BY s.id, c.name ORDER BY s.id, min(k.ord)`
    : [];
  const countiesOf = new Map<string, string[]>();
  for (const n of named) countiesOf.set(n.id, [...(countiesOf.get(n.id) ?? []), n.countyName]);
  return schools.map((s) => {
    const sub = s.rosterSubmissions[0] ?? null;
    const counties = sub ? countiesOf.get(sub.id) ?? [] : [];
    return {
      schoolId: s.id, schoolName: s.name,
      submission: sub && {
        id: sub.id, version: sub.version, rowCount: sub.rowCount, submittedAt: sub.submittedAt, reason: sub.reason,
        receivedAt: sub.receivedAt, releasedTo: sub.releases.map((r) => r.county.name), counties, discrepancies: sub._count.checks,
      },
    };
  });
}

/** The submission, locked against a concurrent resubmission (which locks the same school row). */
async function latestSubmission(tx: Tx, actor: Actor, submissionId: string) {
  const found = await tx.rosterSubmission.findFirst({ where: { id: submissionId, vocationalSchool: { prefectureId: actor.prefectureId } }, select: { vocationalSchoolId: true } });
  if (!found) throw notFound("名单");
  await tx.$queryRaw`SELECT id FROM "VocationalSchool" WHERE id = ${found.vocationalSchoolId} FOR UPDATE`;
  const sub = await tx.rosterSubmission.findUniqueOrThrow({ where: { id: submissionId } });
  if (sub.supersededAt) throw new AppError("INVALID_STATE", "该名单已被学校重新提交的新版本取代，请刷新页面后处理最新版本。");
  return sub;
}

/** 接收: the prefecture confirms receipt of a school's submission. */
export async function receiveRoster(actor: Actor, input: { submissionId: string }, now: Date) {
  assertCan(actor, "roster.receive");
  return db().$transaction(async (tx) => {
    const sub = await latestSubmission(tx, actor, input.submissionId);
    if (sub.receivedAt) return sub;
    const after = await tx.rosterSubmission.update({ where: { id: sub.id }, data: { receivedAt: now, receivedById: actor.userId } });
    await audit(tx, actor, "roster.receive", { type: "RosterSubmission", id: sub.id }, { version: sub.version });
    return after;
  });
}

/** 反馈: releases each county's part of a received submission to that county. */
export async function releaseRoster(actor: Actor, input: { submissionId: string }, now: Date) {
  assertCan(actor, "roster.release");
  return db().$transaction(async (tx) => {
    const sub = await latestSubmission(tx, actor, input.submissionId);
    if (!sub.receivedAt) throw new AppError("INVALID_STATE", "请先确认接收该校名单，再反馈给县市。");
    const countyIds = [...new Set((sub.rows as unknown as RosterRow[]).map((r) => r.countyId))];
    await tx.rosterRelease.createMany({
      data: countyIds.map((countyId) => ({ submissionId: sub.id, countyId, releasedById: actor.userId, releasedAt: now })),
      skipDuplicates: true,
    });
    await audit(tx, actor, "roster.release", { type: "RosterSubmission", id: sub.id }, { countyIds });
    return countyIds.length;
  });
}

/** 县市核对: confirm a student or raise a discrepancy with a comment. */
export async function checkRosterRow(
  caller: Actor,
  input: { submissionId: string; enrolmentId: string; status: "CONFIRMED" | "DISCREPANCY"; comment?: string },
  now: Date,
) {
  const actor = actorAs(caller, "COUNTY");
  assertCan(actor, "roster.check");
  if (input.status === "DISCREPANCY" && !input.comment?.trim()) {
    throw new AppError("VALIDATION", "提出异议须写明情况，例如“该生已回原校”。", { comment: "请填写异议内容" });
  }
  return db().$transaction(async (tx) => {
    const release = await tx.rosterRelease.findFirst({
      where: { submissionId: input.submissionId, countyId: actor.countyId, submission: { supersededAt: null } },
      include: { submission: true },
    });
    if (!release) throw notFound("名单");
    const row = (release.submission.rows as unknown as RosterRow[]).find((r) => r.enrolmentId === input.enrolmentId && r.countyId === actor.countyId);
    if (!row) throw notFound("学生");
    const data = { status: input.status, comment: input.status === "DISCREPANCY" ? input.comment!.trim() : null, checkedById: actor.userId, checkedAt: now, answer: null, answeredById: null, answeredAt: null };
    const check = await tx.rosterCheck.upsert({
      where: { submissionId_enrolmentId: { submissionId: input.submissionId, enrolmentId: input.enrolmentId } },
      update: data,
      create: { ...data, submissionId: input.submissionId, enrolmentId: input.enrolmentId, countyId: actor.countyId },
    });
    await audit(tx, actor, input.status === "CONFIRMED" ? "roster.confirm" : "roster.discrepancy", { type: "RosterCheck", id: check.id }, { studentName: row.studentName, comment: data.comment });
    return check;
  });
}

/** Confirms every not-yet-checked student of one released roster at once. */
export async function confirmAllRows(caller: Actor, input: { submissionId: string }, now: Date) {
  const actor = actorAs(caller, "COUNTY");
  assertCan(actor, "roster.check");
  return db().$transaction(async (tx) => {
    const release = await tx.rosterRelease.findFirst({
      where: { submissionId: input.submissionId, countyId: actor.countyId, submission: { supersededAt: null } },
      include: { submission: { include: { checks: true } } },
    });
    if (!release) throw notFound("名单");
    const done = new Set(release.submission.checks.map((c) => c.enrolmentId));
    const rows = (release.submission.rows as unknown as RosterRow[]).filter((r) => r.countyId === actor.countyId && !done.has(r.enrolmentId));
    await tx.rosterCheck.createMany({
      data: rows.map((r) => ({ submissionId: input.submissionId, enrolmentId: r.enrolmentId, countyId: actor.countyId, status: "CONFIRMED" as const, checkedById: actor.userId, checkedAt: now })),
      skipDuplicates: true, // a single-row check made at the same moment wins
    });
    await audit(tx, actor, "roster.confirmAll", { type: "RosterSubmission", id: input.submissionId }, { count: rows.length });
    return rows.length;
  });
}

/**
 * The vocational school's view of discrepancies raised on its latest submission. One statement: the
 * submission's frozen rows are expanded once inside PostgreSQL and joined to the checks (decision 100);
 * reading each check with its submission made Prisma copy and search the whole frozen list per check.
 */
export async function schoolDiscrepancies(caller: Actor, year: number) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "roster.answer");
  return sql.$queryRaw<{
    id: string; countyName: string; studentName: string; vocationalClass: string; comment: string | null; answer: string | null;
    status: "DISCREPANCY" | "RESOLVED"; checkedAt: Date; answeredAt: Date | null;
  }[]>`
    WITH sub AS MATERIALIZED (
      SELECT id, rows, "enrolmentIds" FROM "RosterSubmission"
       WHERE "vocationalSchoolId" = ${actor.vocationalSchoolId} AND year = ${year} AND "supersededAt" IS NULL),
    checks AS MATERIALIZED (
      SELECT c.* FROM "RosterCheck" c JOIN sub ON sub.id = c."submissionId" WHERE c.status IN ('DISCREPANCY', 'RESOLVED')),
    -- the frozen rows of the students objected to, taken out of the snapshot by their places (decision 108)
    picked AS MATERIALIZED (
      SELECT sub.id, array_agg(k.ord::int ORDER BY k.ord) AS ords
        FROM sub CROSS JOIN LATERAL jsonb_array_elements_text(sub."enrolmentIds") WITH ORDINALITY AS k("enrolmentId", ord)
       WHERE k."enrolmentId" IN (SELECT "enrolmentId" FROM checks)
       GROUP BY sub.id),
    named AS MATERIALIZED (
      SELECT sub.id AS "submissionId", f.row->>'enrolmentId' AS "enrolmentId", f.row->>'studentName' AS "studentName", f.row->>'vocationalClass' AS "vocationalClass"
        FROM sub JOIN picked p ON p.id = sub.id, LATERAL (${frozenRowsAt(Prisma.sql`sub.rows`, Prisma.sql`p.ords`)}) f)
    SELECT c.id, co.name AS "countyName", COALESCE(n."studentName", '') AS "studentName", COALESCE(n."vocationalClass", '') AS "vocationalClass",
           c.comment, c.answer, c.status::text AS status, c."checkedAt", c."answeredAt"
      FROM checks c
      JOIN "County" co ON co.id = c."countyId"
      LEFT JOIN named n ON n."submissionId" = c."submissionId" AND n."enrolmentId" = c."enrolmentId"
     ORDER BY c."checkedAt", c.id`;
}

/** 学校答复: the school answers a discrepancy (and corrects the roster, then resubmits, when needed). */
export async function answerDiscrepancy(caller: Actor, input: { checkId: string; answer: string }, now: Date) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "roster.answer");
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "RosterCheck" WHERE id = ${input.checkId} FOR UPDATE`;
    const check = await tx.rosterCheck.findFirst({ where: { id: input.checkId, submission: { vocationalSchoolId: actor.vocationalSchoolId, supersededAt: null } } });
    if (!check) throw notFound("异议");
    if (check.status === "CONFIRMED") throw new AppError("INVALID_STATE", "该学生已被县市确认，无需答复。");
    if (check.status === "RESOLVED") throw new AppError("INVALID_STATE", "该异议已经答复过。如需补充，请与县市教育体育局联系，或更正名单后重新提交。");
    const after = await tx.rosterCheck.update({ where: { id: check.id }, data: { answer: input.answer.trim(), answeredById: actor.userId, answeredAt: now, status: "RESOLVED" } });
    await audit(tx, actor, "roster.answer", { type: "RosterCheck", id: check.id }, { answer: after.answer });
    return after;
  });
}

/**
 * The vocational schools whose sheets an annex export (附件4, 附件6) may contain, in official order:
 * a school only its own, the others any school of the prefecture or the one asked for.
 * Another school's id is "not found".
 */
export async function exportSchools(actor: Actor, schoolId?: string) {
  if (actor.role === "VOCATIONAL_SCHOOL" && schoolId && schoolId !== actor.vocationalSchoolId) throw notFound("职业学校");
  const schools = await db().vocationalSchool.findMany({
    where: {
      prefectureId: actor.prefectureId,
      ...(actor.role === "VOCATIONAL_SCHOOL" ? { id: actor.vocationalSchoolId } : schoolId ? { id: schoolId } : {}),
    },
    orderBy: { sortOrder: "asc" },
  });
  if (schoolId && schools.length === 0) throw notFound("职业学校");
  return schools;
}

/** The prefecture's counties in official order: the order the annexes' 填报说明 prescribe. */
export async function officialCountyNames(actor: Actor): Promise<string[]> {
  const counties = await db().county.findMany({ where: { prefectureId: actor.prefectureId }, orderBy: { sortOrder: "asc" }, select: { name: true } });
  return counties.map((c) => c.name);
}

/** Rows for a 附件4 export, scoped: a school its own (live or latest submission), a county its part, the prefecture any. */
export async function annex4Sheets(actor: Actor, input: { year: number; schoolId?: string; source: "live" | "submitted" }) {
  assertCan(actor, "roster.export");
  const schools = await exportSchools(actor, input.schoolId);
  const ids = schools.map((s) => s.id);
  // One query for all the schools (decision 091), not one per school.
  if (input.source === "live" && actor.role !== "COUNTY") {
    // On the driver (decision 099): thousands of rows, which Prisma's raw path would convert twice.
    const live = await liveRosters(sql, ids, input.year, { ordered: false }); // sorted once, by the writer
    return schools.map((s) => ({ schoolName: s.fullName, rows: live.get(s.id) ?? [] }));
  }
  const subs = await db().rosterSubmission.findMany({
    where: {
      vocationalSchoolId: { in: ids }, year: input.year, supersededAt: null,
      ...(actor.role === "COUNTY" ? { releases: { some: { countyId: actor.countyId } } } : {}),
    },
    orderBy: { version: "desc" },
  });
  const sheets: { schoolName: string; rows: RosterStudentRow[] }[] = [];
  for (const s of schools) {
    const sub = subs.find((x) => x.vocationalSchoolId === s.id);
    if (!sub) continue;
    let rows = sub.rows as unknown as RosterRow[];
    if (actor.role === "COUNTY") rows = rows.filter((r) => r.countyId === actor.countyId);
    sheets.push({ schoolName: s.fullName, rows });
  }
  return sheets;
}

/** A vocational school's own submissions (newest first), for the roster page; the live list is read a page at a time (own-page.ts). */
export async function ownSubmissions(actor: Actor, year: number) {
  if (actor.role !== "VOCATIONAL_SCHOOL" || !actor.vocationalSchoolId) throw forbidden();
  // The frozen rows of every version are not shown here: not read (decision 100).
  return db().rosterSubmission.findMany({ where: { vocationalSchoolId: actor.vocationalSchoolId, year }, orderBy: { version: "desc" }, omit: { rows: true } });
}

/** The years that have a submitted 附件4, newest first. */
export async function rosterYears(): Promise<number[]> {
  const rows = await db().rosterSubmission.findMany({ distinct: ["year"], select: { year: true }, orderBy: { year: "desc" } });
  return rows.map((r) => r.year);
}
