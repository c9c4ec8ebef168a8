import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import { sql, type RawSql } from "@/server/sql";
import type { AssessmentResult } from "@/generated/prisma/enums";
import type { Actor } from "@/server/auth/load-actor";
import { AppError } from "@/server/errors";
import { latestLeaveEventSql } from "@/server/student-status/latest-leave-sql";
import { credit, retention, type Credit, type Retention } from "@/lib/retention";
import { LEAVE_TYPE_LABELS, type LeaveType } from "@/lib/student-status";

type Client = Tx | ReturnType<typeof db>;

/** Schools whose retention the actor may see: all (prefecture), its own county's (county), its own (school). */
export function retentionSchoolScope(actor: Actor): Prisma.VocationalSchoolWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { prefectureId: actor.prefectureId };
    case "COUNTY": return { countyId: actor.countyId };
    case "VOCATIONAL_SCHOOL": return { id: actor.vocationalSchoolId };
    case "MIDDLE_SCHOOL": return { id: "-" };
  }
}

/** Schools the actor assesses (policy 六): the prefecture its prefecture-level schools, a county its 县市职中. */
export function assessScope(actor: Actor): Prisma.VocationalSchoolWhereInput {
  if (actor.role === "PREFECTURE") return { prefectureId: actor.prefectureId, countyId: null };
  if (actor.role === "COUNTY") return { countyId: actor.countyId };
  return { id: "-" };
}

export type Leaver = { enrolmentId: string; studentName: string; countyName: string; type: LeaveType; typeLabel: string; occurredOn: string };
export type CountyCredit = Credit & { countyId: string; countyName: string; countyOrder: number };
export type SchoolRetention = {
  schoolId: string; schoolName: string; prefectureLevel: boolean; year: number;
  rosterVersion: number; rosterSubmittedAt: Date;
  retention: Retention;
  final: boolean; // every confirmed student has left or has an autumn registration decision
  exempt: Leaver[]; lost: Leaver[];
  counties: CountyCredit[]; // per source county; credits apply to prefecture-level schools only
};

/**
 * One school's retention for a year, computed from the data: the population is the live (confirmed)
 * 附件4 submission; a student is a leaver when the enrolment is LEFT, exempt when its live LEFT_* event
 * is (020). Without a confirmed roster there is no figure: refused with a message.
 */
export async function schoolRetention(client: Client, schoolId: string, year: number): Promise<SchoolRetention> {
  const f = (await schoolRetentions(client, [schoolId], year)).get(schoolId);
  if (!f) throw new AppError("NOT_FOUND", "职业学校不存在。");
  if (f instanceof AppError) throw f;
  return f;
}

/**
 * The retention of several schools (the board, a county's credits) in two queries whatever the number of
 * schools and students (decision 091): their schools, and — from the live rosters' frozen rows, in one SQL
 * statement (decision 094) — per school the confirmed and undecided counts and the rows per source county, and the
 * leavers with their latest leave event. Nothing proportional to the roster reaches the server but the leavers.
 * A school without a confirmed roster maps to the AppError `schoolRetention` throws for it.
 */
export async function schoolRetentions(client: Client, schoolIds: string[], year: number): Promise<Map<string, SchoolRetention | AppError>> {
  const readSchools = () => client.vocationalSchool.findMany({ where: { id: { in: schoolIds } }, select: { id: true, name: true, countyId: true } });
  // Side by side on the pool; one after the other inside a transaction (one connection: pg refuses overlapping queries).
  return retentionsOf(client, { sql: Prisma.sql`"vocationalSchoolId" = ANY(${schoolIds}::text[])`, read: readSchools }, year, "$transaction" in client);
}

/** The same over `VocationalSchool v`, for the board's scope (tested equal to `retentionSchoolScope`). */
export function retentionSchoolScopeSql(actor: Actor): Prisma.Sql {
  switch (actor.role) {
    case "PREFECTURE": return Prisma.sql`v."prefectureId" = ${actor.prefectureId}`;
    case "COUNTY": return Prisma.sql`v."countyId" = ${actor.countyId}`;
    case "VOCATIONAL_SCHOOL": return Prisma.sql`v.id = ${actor.vocationalSchoolId}`;
    case "MIDDLE_SCHOOL": return Prisma.sql`FALSE`;
  }
}

type SchoolRow = { id: string; name: string; countyId: string | null };

/**
 * The schools are given as a condition on "RosterSubmission" (`sql`) and as their read (`read`); the live rosters are
 * read on `raw` (Prisma's client or transaction, or the driver), beside the schools' read when `together`.
 */
async function retentionsOf(raw: RawSql, schools: { sql: Prisma.Sql; read: () => PromiseLike<SchoolRow[]> }, year: number, together: boolean): Promise<Map<string, SchoolRetention | AppError>> {
  type Live = {
    school: string; version: number; submittedAt: Date; confirmed: number; undecided: number;
    counties: { countyId: string; countyName: string; countyOrder: number; n: number }[];
    leavers: { enrolmentId: string; studentName: string; countyName: string; type: string | null; exempt: boolean | null; occurredOn: string | null }[];
  };
  // The live roster of a school is its highest version not superseded. Its members are read from the keys
  // PostgreSQL derives from the frozen rows ("enrolmentIds", "countyIds", in the rows' order: decision 102), not by
  // expanding the rows themselves; each school's figures are aggregated from them in one pass.
  const readLive = () => raw.$queryRaw<Live[]>`
      WITH live AS (
        SELECT DISTINCT ON ("vocationalSchoolId") "vocationalSchoolId" AS school, version, "submittedAt", "enrolmentIds", "countyIds"
        FROM "RosterSubmission"
        WHERE ${schools.sql} AND year = ${year} AND "supersededAt" IS NULL
        ORDER BY "vocationalSchoolId", version DESC
      ), m AS MATERIALIZED (
        SELECT l.school, k.ord, k."enrolmentId", k."countyId"
        FROM live l CROSS JOIN LATERAL ROWS FROM (jsonb_array_elements_text(l."enrolmentIds"), jsonb_array_elements_text(l."countyIds")) WITH ORDINALITY AS k("enrolmentId", "countyId", ord)
      ),
      -- Only the members that left or whose registration is decided are read from the enrolments (few in spring):
      -- undecided = members − those (a member is one or the other).
      settled AS MATERIALIZED (
        SELECT e.id, e."vocationalSchoolId", e.status::text AS status, e."applicationId", e."countyId"
        FROM "Enrolment" e
        WHERE e."vocationalSchoolId" IN (SELECT school FROM live) AND e.year = ${year} AND (e.status = 'LEFT' OR e."registrationDecision" IS NOT NULL)
      ), x AS MATERIALIZED (
        SELECT m.school, m.ord, e.id AS "enrolmentId", e.status, e."applicationId", e."countyId"
        FROM settled e JOIN m ON m."enrolmentId" = e.id AND m.school = e."vocationalSchoolId"
      ),
      -- Each figure grouped by school in one pass (not one scan per school and figure: decision 100).
      agg AS (
        SELECT school, count(*)::int AS settled FROM x GROUP BY school
      ), cty AS (
        SELECT g.school, json_agg(json_build_object('countyId', g."countyId", 'countyName', c.name, 'countyOrder', c."sortOrder", 'n', g.n, 'first', g.first) ORDER BY g.first) AS counties
        FROM (SELECT school, "countyId", count(*)::int AS n, min(ord) AS first FROM m GROUP BY school, "countyId") g
        JOIN "County" c ON c.id = g."countyId"
        GROUP BY g.school
      ), lv AS (
        SELECT x.school, json_agg(json_build_object('ord', x.ord, 'enrolmentId', x."enrolmentId", 'studentName', a."studentName", 'countyName', c.name,
                                                     'type', ev.type, 'exempt', ev.exempt, 'occurredOn', ev."occurredOn") ORDER BY x.ord) AS leavers
        FROM x JOIN "Application" a ON a.id = x."applicationId" JOIN "County" c ON c.id = x."countyId"
        LEFT JOIN LATERAL ${latestLeaveEventSql(Prisma.sql`x."enrolmentId"`)} ev ON true
        WHERE x.status = 'LEFT'
        GROUP BY x.school
      )
      SELECT l.school, l.version, l."submittedAt", jsonb_array_length(l."enrolmentIds")::int AS confirmed,
             jsonb_array_length(l."enrolmentIds")::int - COALESCE(a.settled, 0) AS undecided,
             COALESCE(c.counties, '[]'::json) AS counties, COALESCE(v.leavers, '[]'::json) AS leavers
      FROM live l LEFT JOIN agg a ON a.school = l.school LEFT JOIN cty c ON c.school = l.school LEFT JOIN lv v ON v.school = l.school`;
  const [found, live] = together ? await Promise.all([schools.read(), readLive()]) : [await schools.read(), await readLive()];
  const liveBy = new Map(live.map((l) => [l.school, l]));
  const out = new Map<string, SchoolRetention | AppError>();
  for (const school of found) {
    const roster = liveBy.get(school.id);
    if (!roster) {
      out.set(school.id, new AppError("INVALID_STATE", `${school.name}${year}年没有已确认的在读学生名单（附件4），无法计算巩固率。请先在确认期提交并确认附件4。`));
      continue;
    }
    const exempt: Leaver[] = [], lost: Leaver[] = [];
    for (const l of roster.leavers) {
      const type = (l.type ?? "LEFT_OTHER") as LeaveType;
      const leaver = { enrolmentId: l.enrolmentId, studentName: l.studentName, countyName: l.countyName, type, typeLabel: LEAVE_TYPE_LABELS[type], occurredOn: l.occurredOn ?? "" };
      (l.exempt ? exempt : lost).push(leaver);
    }
    const ret = retention({ confirmed: roster.confirmed, exemptLeavers: exempt.length, lostLeavers: lost.length });
    const counties = roster.counties
      .map((g) => ({ countyId: g.countyId, countyName: g.countyName, countyOrder: g.countyOrder, ...credit(g.n, ret) }))
      .sort((a, b) => a.countyOrder - b.countyOrder || a.countyName.localeCompare(b.countyName, "zh"));
    out.set(school.id, {
      schoolId: school.id, schoolName: school.name, prefectureLevel: school.countyId === null, year,
      rosterVersion: roster.version, rosterSubmittedAt: roster.submittedAt, retention: ret, final: roster.undecided === 0, exempt, lost, counties,
    });
  }
  return out;
}

const figureOrNull = (f: SchoolRetention | AppError | undefined) => (f && !(f instanceof AppError) ? f : null);

/**
 * The retention board: every active school in scope with its figure (or why there is none) and its live assessment's
 * result and version. Two statements on the driver, side by side (the home pages show it: decision 106): the schools
 * with their owner and assessment, and the live rosters' figures.
 */
export async function retentionBoard(actor: Actor, year: number) {
  const inScope = retentionSchoolScopeSql(actor);
  type Row = SchoolRow & { owner: string | null; assessmentVersion: number | null; assessmentResult: AssessmentResult | null };
  const schools = sql.$queryRaw<Row[]>`
    SELECT v.id, v.name, v."countyId", c.name AS owner, ra.version AS "assessmentVersion", ra.result::text AS "assessmentResult"
      FROM "VocationalSchool" v
      LEFT JOIN "County" c ON c.id = v."countyId"
      LEFT JOIN LATERAL (SELECT r.version, r.result FROM "RetentionAssessment" r
                          WHERE r."vocationalSchoolId" = v.id AND r.year = ${year} AND r."supersededAt" IS NULL
                          ORDER BY r.version DESC LIMIT 1) ra ON true
     WHERE ${inScope} AND v.active
     ORDER BY v."sortOrder", v.id`;
  const figures = await retentionsOf(sql, { sql: Prisma.sql`"vocationalSchoolId" IN (SELECT v.id FROM "VocationalSchool" v WHERE ${inScope} AND v.active)`, read: () => schools }, year, true);
  return (await schools).map((s) => ({
    schoolId: s.id, schoolName: s.name, owner: s.owner ?? "州属", figure: figureOrNull(figures.get(s.id)),
    assessment: s.assessmentResult === null ? null : { result: s.assessmentResult, version: s.assessmentVersion! },
  }));
}

/** One school's page: the figure, the explanations and the assessment versions, scoped in the query. */
export async function retentionDetail(actor: Actor, schoolId: string, year: number) {
  const school = await db().vocationalSchool.findFirst({ where: { ...retentionSchoolScope(actor), id: schoolId } });
  if (!school) return null;
  const [figure, explanations, assessments, mayAssess] = await Promise.all([
    schoolRetention(db(), school.id, year).then((f) => ({ ok: true as const, f }), (err) => (err instanceof AppError ? { ok: false as const, message: err.message } : Promise.reject(err))),
    db().retentionExplanation.findMany({ where: { vocationalSchoolId: school.id, year }, orderBy: { createdAt: "desc" }, include: { document: { select: { id: true, fileName: true } } } }),
    db().retentionAssessment.findMany({ where: { vocationalSchoolId: school.id, year }, orderBy: { version: "desc" } }),
    db().vocationalSchool.count({ where: { ...assessScope(actor), id: school.id } }),
  ]);
  const userIds = [...new Set([...explanations.map((e) => e.recordedById), ...assessments.map((a) => a.signedById)])];
  const users = await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
  const who = (id: string) => users.find((u) => u.id === id)?.displayName ?? "";
  return {
    school, figure, mayAssess: mayAssess > 0,
    explanations: explanations.map((e) => ({ ...e, by: who(e.recordedById) })),
    assessments: assessments.map((a) => ({ ...a, by: who(a.signedById) })),
  };
}

/** A county's credited counts from the prefecture-level schools (计入生源地县市中职招生完成数). */
export async function countyCredits(actor: Actor, year: number) {
  if (actor.role !== "COUNTY") return [];
  const schools = await db().vocationalSchool.findMany({ where: { prefectureId: actor.prefectureId, countyId: null, active: true }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
  const figures = await schoolRetentions(db(), schools.map((s) => s.id), year);
  return schools.map((s) => {
    const f = figureOrNull(figures.get(s.id));
    const mine = f?.counties.find((c) => c.countyId === actor.countyId) ?? null;
    return { schoolId: s.id, schoolName: s.name, retention: f?.retention ?? null, final: f?.final ?? false, credit: mine };
  });
}
