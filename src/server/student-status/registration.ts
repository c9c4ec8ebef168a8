import "server-only";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { assertInPhase } from "@/server/calendar/calendar";
import { sortRosterRows } from "@/lib/roster-order";
import { exportSchools } from "@/server/roster/roster";
import type { Annex6Row } from "@/server/exports/annex6";
import { AUTUMN_REGISTRATION_WINDOW } from "@/lib/calendar-settings";
import { chinaDateOf } from "@/lib/china-date";
import { LEAVE_TYPES, REGISTRATION_LABELS, annex6LossColumns, type LeaveType, type RegistrationDecision } from "@/lib/student-status";
import { pathConflict } from "@/lib/graduation";
import type { Prisma } from "@/generated/prisma/client";

/**
 * 秋季学期注册中职学籍 and 附件6 (SPEC §8). Registration is bound to the calendar's autumn registration
 * window (the one phase guard, `assertInPhase`); 附件6 is the 附件4 table plus the 流失 columns.
 */

/**
 * Marks each selected student still enrolled: 注册中职学籍 or 不继续（报考其他学校）. Both end the
 * 职教班 stage (status GRADUATED); a decision may be changed inside the window (the old event is voided).
 */
export async function decideRegistration(caller: Actor, input: { enrolmentIds: string[]; decision: RegistrationDecision }, now: Date) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "registration.edit");
  return db().$transaction(async (tx) => {
    const calendar = await assertInPhase(tx, { now, phase: AUTUMN_REGISTRATION_WINDOW, verb: "注册中职学籍" });
    const ids = [...new Set(input.enrolmentIds)];
    await tx.$queryRaw`SELECT id FROM "Enrolment" WHERE id = ANY(${ids}::text[]) AND "vocationalSchoolId" = ${actor.vocationalSchoolId} ORDER BY id FOR UPDATE`;
    const rows = await tx.enrolment.findMany({
      where: { id: { in: ids }, vocationalSchoolId: actor.vocationalSchoolId },
      include: { application: { select: { studentName: true } } },
    });
    if (rows.length !== ids.length) throw notFound("学生");
    for (const e of rows) {
      if (e.year !== calendar.year) throw new AppError("INVALID_STATE", `${e.application.studentName}是${e.year}年送读的学生，本次注册期只办理${calendar.year}年的学生。`);
      if (e.arrivalStatus !== "ARRIVED") throw new AppError("INVALID_STATE", `${e.application.studentName}未报到，不能注册中职学籍。`);
      if (e.status === "LEFT") throw new AppError("INVALID_STATE", `${e.application.studentName}已离校，不能注册中职学籍。如离校登记有误，请先在学生页面更正。`);
      // 升学去向 feeds registration (decision 025): the decision must agree with a recorded path.
      const conflict = pathConflict(e.application.studentName, e.continuationPath, input.decision);
      if (conflict) throw new AppError("INVALID_STATE", conflict);
    }
    const changed = rows.filter((e) => e.registrationDecision !== input.decision);
    const type = input.decision === "REGISTERED" ? "AUTUMN_REGISTERED" : "NOT_CONTINUING";
    for (const e of changed) {
      if (e.registrationDecision) {
        await tx.statusEvent.updateMany({
          where: { enrolmentId: e.id, type: { in: ["AUTUMN_REGISTERED", "NOT_CONTINUING"] }, revokedAt: null },
          data: { revokedAt: now, revokedById: actor.userId },
        });
      }
      await tx.statusEvent.create({ data: { enrolmentId: e.id, type, occurredOn: chinaDateOf(now), recordedById: actor.userId, createdAt: now } });
    }
    if (changed.length) {
      await tx.enrolment.updateMany({
        where: { id: { in: changed.map((e) => e.id) } },
        data: {
          status: "GRADUATED", registrationDecision: input.decision, autumnRegistered: input.decision === "REGISTERED",
          registrationDecidedAt: now, registrationDecidedById: actor.userId,
        },
      });
      // A student still 在读 completes the 职教班 stage at the latest with this decision (decision 024);
      // 注册中职学籍 is the path 继续在本校就读中职 (025).
      await tx.enrolment.updateMany({ where: { id: { in: changed.map((e) => e.id) }, graduatedOn: null }, data: { graduatedOn: chinaDateOf(now) } });
      if (input.decision === "REGISTERED") {
        await tx.enrolment.updateMany({ where: { id: { in: changed.map((e) => e.id) }, continuationPath: null }, data: { continuationPath: "CONTINUE_HERE" } });
      }
    }
    await audit(tx, actor, "registration.decide", { type: "VocationalSchool", id: actor.vocationalSchoolId }, {
      year: calendar.year, decision: REGISTRATION_LABELS[input.decision], students: changed.map((e) => e.application.studentName),
    });
    return changed.length;
  });
}

type LossEvent = { type: string; otherSchoolName: string | null; comment: string | null; proofDocumentId: string | null };

/**
 * 附件6 rows of one school and year: every student who arrived (the 附件4 table), with 流失 filled for
 * leavers. Sorted like 附件4.
 */
export async function annex6Rows(client: Tx | ReturnType<typeof db>, vocationalSchoolId: string, year: number): Promise<(Annex6Row & { enrolmentId: string; countyId: string; registration: string })[]> {
  const rows = await client.enrolment.findMany({
    where: { vocationalSchoolId, year, arrivalStatus: "ARRIVED" },
    include: {
      application: { select: { studentName: true, sex: true, idNumber: true, className: true, studentNumber: true } },
      county: { select: { name: true, sortOrder: true } },
      middleSchool: { select: { name: true } },
      class: { select: { name: true } },
      events: { where: { type: { in: [...LEAVE_TYPES] }, revokedAt: null }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const mapped = rows.map((e) => {
    const leave = e.events[0] as LossEvent | undefined;
    const loss = leave && e.status === "LEFT"
      ? annex6LossColumns({ type: leave.type as LeaveType, otherSchoolName: leave.otherSchoolName, comment: leave.comment, hasProof: !!leave.proofDocumentId })
      : { lossReason: "", lossProof: "" };
    return {
      enrolmentId: e.id, countyId: e.countyId,
      studentName: e.application.studentName, sex: e.application.sex === "MALE" ? "男" as const : "女" as const,
      idNumber: e.application.idNumber, countyName: e.county.name, countyOrder: e.county.sortOrder,
      middleSchoolName: e.middleSchool.name, middleSchoolClass: e.application.className, studentNumber: e.application.studentNumber,
      vocationalClass: e.class?.name ?? "", vocationalStudentNo: e.studentNo ?? "",
      registration: e.registrationDecision ? REGISTRATION_LABELS[e.registrationDecision] : "",
      ...loss,
    };
  });
  return sortRosterRows(mapped);
}

export type Annex6SnapshotRow = Awaited<ReturnType<typeof annex6Rows>>[number];

/** 报送附件6 after registration: every arrived student still enrolled must have a decision. */
export async function submitAnnex6(caller: Actor, input: { reason?: string }, year: number, now: Date) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "annex6.submit");
  const schoolId = actor.vocationalSchoolId;
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "VocationalSchool" WHERE id = ${schoolId} FOR UPDATE`;
    const pending = await tx.enrolment.findMany({
      where: { vocationalSchoolId: schoolId, year, arrivalStatus: "ARRIVED", status: { in: ["ENROLLED", "GRADUATED"] }, registrationDecision: null },
      select: { application: { select: { studentName: true } } }, take: 3,
    });
    if (pending.length) {
      throw new AppError("INVALID_STATE", `还有在读学生未办理秋季注册（如：${pending.map((p) => p.application.studentName).join("、")}）。请先在注册期内为每名在读学生选择“注册中职学籍”或“不继续”，再报送附件6。`);
    }
    const rows = await annex6Rows(tx, schoolId, year);
    if (rows.length === 0) throw new AppError("INVALID_STATE", `本校${year}年没有已报到的职教班学生，无需报送附件6。`);
    const last = await tx.annex6Submission.findFirst({ where: { vocationalSchoolId: schoolId, year }, orderBy: { version: "desc" } });
    const reason = input.reason?.trim();
    if (last && !reason) throw new AppError("VALIDATION", `本校已报送第 ${last.version} 版附件6，重新报送须填写原因。`, { reason: "请填写重新报送的原因" });
    if (last) await tx.annex6Submission.update({ where: { id: last.id }, data: { supersededAt: now } });
    const sub = await tx.annex6Submission.create({
      data: {
        vocationalSchoolId: schoolId, year, version: (last?.version ?? 0) + 1, reason: last ? reason : null,
        rows: rows as unknown as Prisma.InputJsonValue, rowCount: rows.length, submittedById: actor.userId, submittedAt: now,
      },
    });
    await audit(tx, actor, "annex6.submit", { type: "Annex6Submission", id: sub.id }, { year, version: sub.version, rowCount: rows.length, reason: reason ?? null });
    return sub;
  });
}

/** 接收: the prefecture confirms receipt of a school's latest 附件6. */
export async function receiveAnnex6(actor: Actor, input: { submissionId: string }, now: Date) {
  assertCan(actor, "annex6.receive");
  return db().$transaction(async (tx) => {
    const sub = await tx.annex6Submission.findFirst({ where: { id: input.submissionId, vocationalSchool: { prefectureId: actor.prefectureId } } });
    if (!sub) throw notFound("附件6");
    await tx.$queryRaw`SELECT id FROM "VocationalSchool" WHERE id = ${sub.vocationalSchoolId} FOR UPDATE`;
    const fresh = await tx.annex6Submission.findUniqueOrThrow({ where: { id: sub.id } });
    if (fresh.supersededAt) throw new AppError("INVALID_STATE", "该附件6已被学校重新报送的新版本取代，请刷新页面后接收最新版本。");
    if (fresh.receivedAt) return fresh;
    const after = await tx.annex6Submission.update({ where: { id: sub.id }, data: { receivedAt: now, receivedById: actor.userId } });
    await audit(tx, actor, "annex6.receive", { type: "Annex6Submission", id: sub.id }, { year: sub.year, version: sub.version });
    return after;
  });
}

/** Each vocational school's latest 附件6 of the year (the prefecture's and a county's board). */
export async function annex6Board(actor: Actor, year: number) {
  assertCan(actor, "annex6.read");
  const schools = await db().vocationalSchool.findMany({
    where: { prefectureId: actor.prefectureId, active: true, ...(actor.role === "VOCATIONAL_SCHOOL" ? { id: actor.vocationalSchoolId } : {}) },
    orderBy: { sortOrder: "asc" },
    include: { annex6Submissions: { where: { year }, orderBy: { version: "desc" }, take: 1 } },
  });
  return schools.map((s) => {
    const sub = s.annex6Submissions[0] ?? null;
    let rows = sub ? (sub.rows as unknown as Annex6SnapshotRow[]) : [];
    if (actor.role === "COUNTY") rows = rows.filter((r) => r.countyId === actor.countyId);
    const left = rows.filter((r) => r.lossReason);
    return {
      schoolId: s.id, schoolName: s.name,
      submission: sub && {
        id: sub.id, version: sub.version, submittedAt: sub.submittedAt, receivedAt: sub.receivedAt, reason: sub.reason,
        rowCount: rows.length, leftCount: left.length, withProof: left.filter((r) => r.lossProof === "有").length,
        registered: rows.filter((r) => r.registration === REGISTRATION_LABELS.REGISTERED).length,
      },
    };
  });
}

/** Sheets for a 附件6 export: a school its own (live or submitted), a county its part of each submission, the prefecture any. */
export async function annex6Sheets(actor: Actor, input: { year: number; schoolId?: string; source: "live" | "submitted" }) {
  assertCan(actor, "annex6.export");
  const schools = await exportSchools(actor, input.schoolId);
  const sheets: { schoolName: string; rows: Annex6Row[] }[] = [];
  for (const s of schools) {
    if (input.source === "live" && actor.role !== "COUNTY") {
      const rows = await annex6Rows(db(), s.id, input.year);
      if (rows.length || input.schoolId || actor.role === "VOCATIONAL_SCHOOL") sheets.push({ schoolName: s.fullName, rows });
      continue;
    }
    const sub = await db().annex6Submission.findFirst({ where: { vocationalSchoolId: s.id, year: input.year, supersededAt: null } });
    if (!sub) continue;
    let rows = sub.rows as unknown as Annex6SnapshotRow[];
    if (actor.role === "COUNTY") rows = rows.filter((r) => r.countyId === actor.countyId);
    if (actor.role === "COUNTY" && rows.length === 0) continue;
    sheets.push({ schoolName: s.fullName, rows });
  }
  return sheets;
}
