import "server-only";
import { idNumberSearch } from "@/server/id-search";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, forbidden, isUniqueViolation, notFound } from "@/server/errors";
import { assertInPhase, programmeYear } from "@/server/calendar/calendar";
import { enrolmentScope, enrolmentScopeSql } from "@/server/send-off/scope";
import { sql } from "@/server/sql";
import { type PhaseWindow } from "@/lib/calendar-settings";
import { addCalendarDays, chinaDateOf, chinaStartOfDay } from "@/lib/china-date";
import { formatStudentNo, validateStudentNoPattern } from "@/lib/student-no";
import { maskIdNumber } from "@/lib/validators/id-number";
import { maskPhone } from "@/lib/validators/phone";
import { pageArgs, toPage } from "@/server/pagination";
import type { Prisma, VocationalClass } from "@/generated/prisma/client";

/** 报到 is recorded from the start of 送读期 to the end of 稳定期 (late arrivals are common). */
export const RECEPTION_WINDOW: PhaseWindow = { from: "sendOff", to: "stabilisation", label: "报到登记期" };
/** Students not arrived this many days after send-off are listed for the county and the middle school. */
export const ARRIVAL_GRACE_DAYS = 3;

export type ReceptionQuery = { q: string; page: number; arrival: "" | "PENDING" | "ARRIVED" | "NOT_ARRIVED"; classId: string };

const idClauses = (q: string): Prisma.EnrolmentWhereInput[] => {
  const byId = idNumberSearch(q);
  return byId && byId !== "none" ? [{ application: byId }] : [];
};

/** The vocational school's received students (or, for other roles, their scoped enrolments). */
export async function listEnrolments(actor: Actor, query: ReceptionQuery, year: number) {
  assertCan(actor, "sendOff.read");
  const where: Prisma.EnrolmentWhereInput = {
    AND: [
      enrolmentScope(actor),
      { year },
      query.q ? { OR: [{ application: { studentName: { contains: query.q } } }, ...idClauses(query.q), { studentNo: { contains: query.q } }] } : {},
      query.arrival ? { arrivalStatus: query.arrival } : {},
      query.classId === "none" ? { classId: null } : query.classId ? { classId: query.classId } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db().enrolment.findMany({
      where,
      include: {
        application: { select: { studentName: true, sex: true, idNumber: true, className: true, major: true, shanghaiFlag: true } },
        county: { select: { name: true, sortOrder: true } },
        middleSchool: { select: { name: true } },
        vocationalSchool: { select: { name: true } },
        class: { select: { name: true } },
      },
      orderBy: [{ county: { sortOrder: "asc" } }, { middleSchool: { name: "asc" } }, { application: { studentName: "asc" } }],
      ...pageArgs(query.page, 50),
    }),
    db().enrolment.count({ where }),
  ]);
  return toPage(
    rows.map((e) => ({
      id: e.id, studentName: e.application.studentName, sex: e.application.sex, idMasked: maskIdNumber(e.application.idNumber),
      countyName: e.county.name, middleSchoolName: e.middleSchool.name, middleSchoolClass: e.application.className,
      vocationalSchoolName: e.vocationalSchool.name, major: e.application.major ?? "", shanghaiFlag: e.shanghaiFlag,
      arrivalStatus: e.arrivalStatus, arrivedOn: e.arrivedOn, className: e.class?.name ?? null, studentNo: e.studentNo,
      sentOffOn: chinaDateOf(e.sentOffAt), status: e.status,
    })),
    total, query.page, 50,
  );
}

/** Locks the actor's own enrolments (a vocational school's students) first, then reads them. */
async function lockedOwnEnrolments(tx: Tx, actor: Actor, ids: string[]) {
  await tx.$queryRaw`SELECT id FROM "Enrolment" WHERE id = ANY(${ids}::text[]) AND "vocationalSchoolId" = ${actor.vocationalSchoolId} ORDER BY id FOR UPDATE`;
  const rows = await tx.enrolment.findMany({ where: { AND: [enrolmentScope(actor), { id: { in: ids } }] }, include: { application: { select: { studentName: true } } } });
  if (rows.length !== new Set(ids).size) throw notFound("学生");
  return rows;
}

/** 报到: arrived (with date) or not arrived. */
export async function recordArrival(
  actor: Actor,
  input: { enrolmentIds: string[]; status: "ARRIVED" | "NOT_ARRIVED"; arrivedOn?: string },
  now: Date,
) {
  assertCan(actor, "reception.edit");
  return db().$transaction(async (tx) => {
    await assertInPhase(tx, { now, phase: RECEPTION_WINDOW, verb: "登记报到" });
    const rows = await lockedOwnEnrolments(tx, actor, input.enrolmentIds);
    if (input.status === "ARRIVED") {
      const today = chinaDateOf(now);
      if (input.arrivedOn! > today) throw new AppError("VALIDATION", "报到日期不能晚于今天。", { arrivedOn: "报到日期不能晚于今天" });
      for (const r of rows) {
        if (input.arrivedOn! < chinaDateOf(r.sentOffAt)) {
          throw new AppError("VALIDATION", `${r.application.studentName}的报到日期早于送读日期 ${chinaDateOf(r.sentOffAt)}，请核对。`, { arrivedOn: "报到日期不能早于送读日期" });
        }
      }
    }
    await tx.enrolment.updateMany({
      where: { id: { in: input.enrolmentIds } },
      data: { arrivalStatus: input.status, arrivedOn: input.status === "ARRIVED" ? input.arrivedOn : null },
    });
    await audit(tx, actor, "reception.arrival", { type: "Enrolment" }, { status: input.status, arrivedOn: input.arrivedOn ?? null, enrolmentIds: input.enrolmentIds });
    return rows.length;
  });
}

/**
 * Sent off ≥ 3 days ago and still not arrived, still enrolled, in the actor's scope: for the county and the middle
 * school to follow up. Sent off on or before the cutoff day (China time): before the next day starts. Filtered in
 * SQL, not over every pending enrolment of the year in JS (decision 094).
 */
function overdueCutoff(now: Date): Date {
  return chinaStartOfDay(addCalendarDays(addCalendarDays(chinaDateOf(now), -ARRIVAL_GRACE_DAYS), 1));
}

function overdueArrivalsWhere(actor: Actor, now: Date): Prisma.EnrolmentWhereInput {
  return { AND: [enrolmentScope(actor), { year: programmeYear(now), arrivalStatus: { not: "ARRIVED" }, status: "ENROLLED", sentOffAt: { lt: overdueCutoff(now) } }] };
}

/**
 * How many `listOverdueArrivals` would list, and how many of them are not registered either way (PENDING): one
 * count on the driver (the inbox asks on every page: decision 106), the same condition as `overdueArrivalsWhere`.
 */
export async function overdueArrivalCounts(actor: Actor, now: Date): Promise<{ overdue: number; pending: number }> {
  assertCan(actor, "sendOff.read");
  const [r] = await sql.$queryRaw<{ overdue: number; pending: number }[]>`
    SELECT count(*)::int AS overdue, (count(*) FILTER (WHERE e."arrivalStatus" = 'PENDING'))::int AS pending
      FROM "Enrolment" e
     WHERE ${enrolmentScopeSql(actor)} AND e.year = ${programmeYear(now)} AND e."arrivalStatus" <> 'ARRIVED'
       AND e.status = 'ENROLLED' AND e."sentOffAt" < ${overdueCutoff(now)}`;
  return { overdue: r.overdue, pending: r.pending };
}

export async function listOverdueArrivals(actor: Actor, now: Date) {
  assertCan(actor, "sendOff.read");
  const rows = await db().enrolment.findMany({
    where: overdueArrivalsWhere(actor, now),
    include: {
      application: { select: { studentName: true, className: true, guardianName: true, guardianPhone: true } },
      middleSchool: { select: { name: true } },
      vocationalSchool: { select: { name: true } },
    },
    orderBy: { sentOffAt: "asc" },
  });
  return rows
    .map((e) => ({
      id: e.id, studentName: e.application.studentName, middleSchoolName: e.middleSchool.name, className: e.application.className,
      vocationalSchoolName: e.vocationalSchool.name, sentOffOn: chinaDateOf(e.sentOffAt), arrivalStatus: e.arrivalStatus,
      guardianName: e.application.guardianName, guardianPhone: maskPhone(e.application.guardianPhone),
    }));
}

// ───── classes (编班) ─────

export async function listClasses(caller: Actor, year: number) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "class.manage");
  // One statement on the driver (the vocational school's home page shows the classes: decision 106): every column of
  // the class and its size, the enrolments placed in it.
  return sql.$queryRaw<(VocationalClass & { size: number })[]>`
    SELECT c.id, c."vocationalSchoolId", c.year, c.name, c.code, c.major, c."sizeLimit", c."headTeacherName", c."headTeacherPhone",
           c.active, c."createdAt", c."updatedAt", (SELECT count(*) FROM "Enrolment" e WHERE e."classId" = c.id)::int AS size
      FROM "VocationalClass" c
     WHERE c."vocationalSchoolId" = ${actor.vocationalSchoolId} AND c.year = ${year}
     ORDER BY c.code, c.id`;
}

export async function saveClass(
  caller: Actor,
  input: { id?: string; name: string; code: string; major: string; sizeLimit: number; headTeacherName: string; headTeacherPhone: string },
  now: Date,
) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "class.manage");
  const year = programmeYear(now);
  return db().$transaction(async (tx) => {
    try {
      if (input.id) {
        await tx.$queryRaw`SELECT id FROM "VocationalClass" WHERE id = ${input.id} FOR UPDATE`;
        const before = await tx.vocationalClass.findFirst({ where: { id: input.id, vocationalSchoolId: actor.vocationalSchoolId }, include: { _count: { select: { enrolments: true } } } });
        if (!before) throw notFound("班级");
        if (input.sizeLimit < before._count.enrolments) {
          throw new AppError("CAP_EXCEEDED", `该班已有 ${before._count.enrolments} 名学生，班额不能改为 ${input.sizeLimit}。`, { sizeLimit: `不能小于现有人数 ${before._count.enrolments}` });
        }
        const { id, ...data } = input;
        const after = await tx.vocationalClass.update({ where: { id }, data });
        await audit(tx, actor, "class.update", { type: "VocationalClass", id }, { before: { name: before.name, sizeLimit: before.sizeLimit, headTeacherName: before.headTeacherName }, after: data });
        return after;
      }
      const { id: _omit, ...data } = input;
      void _omit;
      const created = await tx.vocationalClass.create({ data: { ...data, year, vocationalSchoolId: actor.vocationalSchoolId } });
      await audit(tx, actor, "class.create", { type: "VocationalClass", id: created.id }, data);
      return created;
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("CONFLICT", `本校${year}年已有同名或同代码的班级，请换一个班级名称或代码。`, { name: "班级名称或代码重复" });
      throw err;
    }
  });
}

/** Assigns students to a class (size limit checked under a row lock) and gives 学号 to those without one. */
export async function assignToClass(caller: Actor, input: { classId: string; enrolmentIds: string[] }) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "class.manage");
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "VocationalClass" WHERE id = ${input.classId} AND "vocationalSchoolId" = ${actor.vocationalSchoolId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("班级");
    const cls = await tx.vocationalClass.findUniqueOrThrow({ where: { id: input.classId }, include: { vocationalSchool: true } });
    const rows = await lockedOwnEnrolments(tx, actor, input.enrolmentIds);
    for (const r of rows) {
      if (r.status !== "ENROLLED") throw new AppError("INVALID_STATE", `${r.application.studentName}已不在读，不能编班。`);
      if (r.year !== cls.year) throw new AppError("INVALID_STATE", `${r.application.studentName}是${r.year}年送读的学生，不能编入${cls.year}年的班级。`);
    }
    const moving = rows.filter((r) => r.classId !== cls.id);
    const current = await tx.enrolment.count({ where: { classId: cls.id } });
    if (current + moving.length > cls.sizeLimit) {
      throw new AppError("CAP_EXCEEDED", `超出${cls.name}班额：班额 ${cls.sizeLimit} 人，已有 ${current} 人，剩余 ${Math.max(0, cls.sizeLimit - current)} 个位置，本次选择 ${moving.length} 人。`);
    }
    // Sequence numbers continue after the highest used in this class.
    const existing = await tx.enrolment.findMany({ where: { classId: cls.id, studentNo: { not: null } }, select: { studentNo: true } });
    let seq = existing.length;
    const taken = new Set(existing.map((e) => e.studentNo));
    const sorted = [...moving].sort((a, b) => a.application.studentName.localeCompare(b.application.studentName, "zh-Hans-CN"));
    for (const r of sorted) {
      let studentNo = r.studentNo;
      if (!studentNo || r.classId !== cls.id) {
        do {
          seq += 1;
          studentNo = formatStudentNo(cls.vocationalSchool.studentNoPattern, { year: cls.year, classCode: cls.code, seq });
        } while (taken.has(studentNo));
        taken.add(studentNo);
      }
      try {
        await tx.enrolment.update({ where: { id: r.id }, data: { classId: cls.id, studentNo } });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError("CONFLICT", `学号 ${studentNo} 已被本校其他学生使用。请修改学号规则或班级代码后重试。`);
        throw err;
      }
    }
    await audit(tx, actor, "class.assign", { type: "VocationalClass", id: cls.id }, { enrolmentIds: input.enrolmentIds });
    return { assigned: moving.length, remaining: cls.sizeLimit - current - moving.length };
  });
}

/** Corrects one student's 学号; duplicates inside the school are refused. */
export async function setStudentNo(caller: Actor, input: { enrolmentId: string; studentNo: string }) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "class.manage");
  return db().$transaction(async (tx) => {
    const [row] = await lockedOwnEnrolments(tx, actor, [input.enrolmentId]);
    const clash = await tx.enrolment.findFirst({ where: { vocationalSchoolId: actor.vocationalSchoolId, studentNo: input.studentNo, id: { not: row.id } }, include: { application: { select: { studentName: true } } } });
    if (clash) throw new AppError("CONFLICT", `学号 ${input.studentNo} 已分配给${clash.application.studentName}，同一学校的学号不能重复。`, { studentNo: "学号重复" });
    await tx.enrolment.update({ where: { id: row.id }, data: { studentNo: input.studentNo } });
    await audit(tx, actor, "class.studentNo", { type: "Enrolment", id: row.id }, { before: row.studentNo, after: input.studentNo });
  });
}

export async function setStudentNoPattern(caller: Actor, input: { pattern: string }) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "class.manage");
  const problem = validateStudentNoPattern(input.pattern);
  if (problem) throw new AppError("VALIDATION", problem, { pattern: problem });
  return db().$transaction(async (tx) => {
    const before = await tx.vocationalSchool.findUniqueOrThrow({ where: { id: actor.vocationalSchoolId } });
    await tx.vocationalSchool.update({ where: { id: before.id }, data: { studentNoPattern: input.pattern } });
    await audit(tx, actor, "class.pattern", { type: "VocationalSchool", id: before.id }, { before: before.studentNoPattern, after: input.pattern });
  });
}

/** The 学号 pattern of the actor's own vocational school, for the reception page. */
export async function ownStudentNoPattern(actor: Actor): Promise<string> {
  if (actor.role !== "VOCATIONAL_SCHOOL" || !actor.vocationalSchoolId) throw forbidden();
  const school = await db().vocationalSchool.findUniqueOrThrow({ where: { id: actor.vocationalSchoolId }, select: { studentNoPattern: true } });
  return school.studentNoPattern;
}
