import "server-only";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { enrolmentScope } from "@/server/send-off/scope";
import { storeDocument, type UploadedFile } from "@/server/documents/documents";
import { chinaDateOf, formatChineseDate } from "@/lib/china-date";
import {
  LEAVE_TYPE_LABELS, LEAVE_TYPES, isExempt, isLeaveType, proofName, takesProof, type LeaveType,
} from "@/lib/student-status";

/**
 * Leaving (离校), proofs, the provincial-exam return and corrections (SPEC §8). Every write locks the
 * enrolment row first (FOR UPDATE): two clicks, or two app servers, cannot record two leaves.
 * Nothing is deleted: a wrong event is voided by a CORRECTION event that names it.
 */

/** Locks the enrolment (scoped: out of scope = not found) and returns it with what the rules need. */
export async function lockEnrolment(tx: Tx, actor: Actor, enrolmentId: string) {
  const scoped = await tx.enrolment.findFirst({ where: { AND: [enrolmentScope(actor), { id: enrolmentId }] }, select: { id: true } });
  if (!scoped) throw notFound("学生");
  await tx.$queryRaw`SELECT id FROM "Enrolment" WHERE id = ${enrolmentId} FOR UPDATE`;
  return tx.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    include: { application: { select: { studentName: true } } },
  });
}

/** The live (not corrected) leave of an enrolment, if any. */
function liveLeave(tx: Tx, enrolmentId: string) {
  return tx.statusEvent.findFirst({
    where: { enrolmentId, type: { in: [...LEAVE_TYPES] }, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
}

/** The student must be between 报到 and the end of the 职教班 stage (graduation / autumn registration). */
function assertInProgramme(e: { arrivalStatus: string; arrivedOn: string | null; status: string; registrationDecision: string | null; application: { studentName: string } }, verb: string) {
  if (e.arrivalStatus !== "ARRIVED" || !e.arrivedOn) {
    throw new AppError("INVALID_STATE", `${e.application.studentName}尚未登记报到，不能${verb}。${verb}只能在学生报到之后、完成义务教育之前办理；请先在“接收与编班”中登记报到。`);
  }
  if (e.status === "GRADUATED" || e.registrationDecision) {
    throw new AppError("INVALID_STATE", `${e.application.studentName}已完成义务教育阶段（职教班阶段已结束：已登记完成义务教育或已办理秋季注册），不能再${verb}。`);
  }
}

export function checkDate(date: string, e: { arrivedOn: string | null }, now: Date, field: string, what: string) {
  const today = chinaDateOf(now);
  if (date > today) throw new AppError("VALIDATION", `${what}（${formatChineseDate(date)}）不能晚于今天（${formatChineseDate(today)}）。`, { [field]: "不能晚于今天" });
  if (e.arrivedOn && date < e.arrivedOn) {
    throw new AppError("VALIDATION", `${what}（${formatChineseDate(date)}）不能早于报到日期（${formatChineseDate(e.arrivedOn)}）。`, { [field]: "不能早于报到日期" });
  }
}

function proofOwner(e: { countyId: string; middleSchoolId: string; vocationalSchoolId: string }) {
  // The vocational school, the original middle school and its county bureau (and the prefecture) may open it.
  return { countyId: e.countyId, middleSchoolId: e.middleSchoolId, vocationalSchoolId: e.vocationalSchoolId };
}

function refuseProofForType(type: LeaveType): never {
  throw new AppError(
    "VALIDATION",
    `离校类型为“${LEAVE_TYPE_LABELS[type]}”的学生没有有效证明：只有回原初中就读（回校就读证明）或到其他高中阶段学校就读（在读证明）的才上传证明。请不要选择文件，或更改离校类型。`,
    { file: "该离校类型不上传证明" },
  );
}

export type RecordLeave = {
  enrolmentId: string;
  type: LeaveType;
  occurredOn: string;
  otherSchoolName?: string;
  comment?: string;
  file?: UploadedFile;
};

/** 登记离校 by the vocational school that received the student, with the proof now or later. */
export async function recordLeave(actor: Actor, input: RecordLeave, now: Date) {
  assertCan(actor, "student.leave");
  if (!isLeaveType(input.type)) throw new AppError("VALIDATION", "请选择离校类型。", { type: "请选择离校类型" });
  if (input.file && !takesProof(input.type)) refuseProofForType(input.type);
  return db().$transaction(async (tx) => {
    const e = await lockEnrolment(tx, actor, input.enrolmentId);
    const existing = await liveLeave(tx, e.id);
    if (existing || e.status === "LEFT") {
      const what = existing ? `（${formatChineseDate(existing.occurredOn)}，${LEAVE_TYPE_LABELS[existing.type as LeaveType]}）` : "";
      throw new AppError("CONFLICT", `${e.application.studentName}已登记离校${what}，不能重复登记。如原登记有误，请先在学生页面“更正”原记录，再重新登记。`);
    }
    assertInProgramme(e, "登记离校");
    checkDate(input.occurredOn, e, now, "occurredOn", "离校日期");
    const doc = input.file
      ? await storeDocument(tx, actor, { kind: "LEAVE_PROOF", file: input.file, owner: proofOwner(e), entity: { type: "Enrolment", id: e.id } })
      : null;
    const event = await tx.statusEvent.create({
      data: {
        enrolmentId: e.id, type: input.type, occurredOn: input.occurredOn,
        exempt: isExempt(input.type, doc !== null), proofDocumentId: doc?.id ?? null,
        otherSchoolName: input.type === "LEFT_OTHER_HIGH_SCHOOL" ? input.otherSchoolName?.trim() || null : null,
        comment: input.comment?.trim() || null, recordedById: actor.userId, createdAt: now,
      },
    });
    await tx.enrolment.update({ where: { id: e.id }, data: { status: "LEFT" } });
    await audit(tx, actor, "student.leave", { type: "Enrolment", id: e.id }, {
      studentName: e.application.studentName, eventId: event.id, type: LEAVE_TYPE_LABELS[input.type], occurredOn: input.occurredOn,
      otherSchoolName: event.otherSchoolName, comment: event.comment, proof: doc?.id ?? null, exempt: event.exempt,
    });
    return event;
  });
}

/** Uploads (or replaces) the 有效证明 of a leave: by the vocational school, or by the middle school for its returner. */
export async function attachProof(actor: Actor, input: { eventId: string; file: UploadedFile }) {
  assertCan(actor, "student.proof");
  return db().$transaction(async (tx) => {
    const found = await tx.statusEvent.findFirst({
      where: {
        id: input.eventId, enrolment: enrolmentScope(actor),
        // A middle school issues only the 回校就读证明 of its own returners.
        ...(actor.role === "MIDDLE_SCHOOL" ? { type: "LEFT_RETURN_MIDDLE_SCHOOL" as const } : {}),
      },
      select: { enrolmentId: true },
    });
    if (!found) throw notFound("离校记录");
    const e = await lockEnrolment(tx, actor, found.enrolmentId);
    const event = await tx.statusEvent.findUniqueOrThrow({ where: { id: input.eventId } });
    if (!isLeaveType(event.type)) throw notFound("离校记录");
    if (event.revokedAt) throw new AppError("INVALID_STATE", "该离校记录已被更正作废，不能再上传证明。请在有效的离校记录上上传。");
    if (!takesProof(event.type)) refuseProofForType(event.type);
    const doc = await storeDocument(tx, actor, { kind: "LEAVE_PROOF", file: input.file, owner: proofOwner(e), entity: { type: "StatusEvent", id: event.id } });
    const after = await tx.statusEvent.update({ where: { id: event.id }, data: { proofDocumentId: doc.id, exempt: isExempt(event.type, true) } });
    await audit(tx, actor, "student.proof", { type: "Enrolment", id: e.id }, {
      studentName: e.application.studentName, eventId: event.id, proof: doc.id, replaced: event.proofDocumentId, proofName: proofName(event.type), exempt: after.exempt,
    });
    return after;
  });
}

/** 确认回校: the original middle school confirms its returner is back. */
export async function confirmReturn(caller: Actor, input: { eventId: string }, now: Date) {
  const actor = actorAs(caller, "MIDDLE_SCHOOL");
  assertCan(actor, "student.confirmReturn");
  return db().$transaction(async (tx) => {
    const event = await tx.statusEvent.findFirst({
      where: { id: input.eventId, type: "LEFT_RETURN_MIDDLE_SCHOOL", enrolment: { middleSchoolId: actor.middleSchoolId } },
      include: { enrolment: { include: { application: { select: { studentName: true } } } } },
    });
    if (!event) throw notFound("回校学生");
    await tx.$queryRaw`SELECT id FROM "StatusEvent" WHERE id = ${event.id} FOR UPDATE`;
    const fresh = await tx.statusEvent.findUniqueOrThrow({ where: { id: event.id } });
    if (fresh.revokedAt) throw new AppError("INVALID_STATE", "职业学校已更正作废这条离校记录，无需确认。请刷新页面。");
    if (fresh.returnConfirmedAt) return fresh;
    const after = await tx.statusEvent.update({ where: { id: event.id }, data: { returnConfirmedAt: now, returnConfirmedById: actor.userId } });
    await audit(tx, actor, "student.confirmReturn", { type: "Enrolment", id: event.enrolmentId }, { studentName: event.enrolment.application.studentName, eventId: event.id });
    return after;
  });
}

/** 返回原初中参加全省初中学业水平考试: recorded, the student stays enrolled (not attrition). */
export async function recordExamReturn(actor: Actor, input: { enrolmentId: string; occurredOn: string; examUntil: string; comment?: string }, now: Date) {
  assertCan(actor, "student.leave");
  return db().$transaction(async (tx) => {
    const e = await lockEnrolment(tx, actor, input.enrolmentId);
    if (e.status === "LEFT") throw new AppError("INVALID_STATE", `${e.application.studentName}已登记离校，不能登记考试返校。如离校登记有误，请先更正。`);
    assertInProgramme(e, "登记考试返校");
    checkDate(input.occurredOn, e, now, "occurredOn", "离开职业学校的日期");
    const event = await tx.statusEvent.create({
      data: {
        enrolmentId: e.id, type: "EXAM_RETURN", occurredOn: input.occurredOn, examUntil: input.examUntil,
        comment: input.comment?.trim() || null, recordedById: actor.userId, createdAt: now,
      },
    });
    await audit(tx, actor, "student.examReturn", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, eventId: event.id, occurredOn: input.occurredOn, examUntil: input.examUntil });
    return event;
  });
}

/** The student is back at the vocational school after the exam. */
export async function recordExamBack(actor: Actor, input: { eventId: string; examBackOn: string }, now: Date) {
  assertCan(actor, "student.leave");
  return db().$transaction(async (tx) => {
    const found = await tx.statusEvent.findFirst({ where: { id: input.eventId, type: "EXAM_RETURN", enrolment: enrolmentScope(actor) }, select: { enrolmentId: true } });
    if (!found) throw notFound("考试返校记录");
    const e = await lockEnrolment(tx, actor, found.enrolmentId);
    const event = await tx.statusEvent.findUniqueOrThrow({ where: { id: input.eventId } });
    if (event.revokedAt) throw new AppError("INVALID_STATE", "该考试返校记录已被更正作废。");
    if (event.examBackOn) throw new AppError("CONFLICT", `已登记该生于${formatChineseDate(event.examBackOn)}返回职业学校。如有误，请更正原记录后重新登记。`);
    if (input.examBackOn < event.occurredOn) {
      throw new AppError("VALIDATION", `返回日期不能早于离开日期（${formatChineseDate(event.occurredOn)}）。`, { examBackOn: "不能早于离开日期" });
    }
    checkDate(input.examBackOn, e, now, "examBackOn", "返回职业学校的日期");
    const after = await tx.statusEvent.update({ where: { id: event.id }, data: { examBackOn: input.examBackOn } });
    await audit(tx, actor, "student.examBack", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, eventId: event.id, examBackOn: input.examBackOn });
    return after;
  });
}

/**
 * 更正: a wrong leave or exam-return record is voided by a new CORRECTION event naming it, with a
 * reason. Both stay on the timeline. Voiding the live leave puts the student back to 在读.
 */
export async function correctEvent(actor: Actor, input: { eventId: string; reason: string }, now: Date) {
  assertCan(actor, "student.leave");
  const reason = input.reason.trim();
  if (reason.length < 2) throw new AppError("VALIDATION", "请填写更正原因。", { reason: "请填写更正原因" });
  return db().$transaction(async (tx) => {
    const found = await tx.statusEvent.findFirst({ where: { id: input.eventId, enrolment: enrolmentScope(actor) }, select: { enrolmentId: true } });
    if (!found) throw notFound("记录");
    const e = await lockEnrolment(tx, actor, found.enrolmentId);
    const event = await tx.statusEvent.findUniqueOrThrow({ where: { id: input.eventId } });
    if (!isLeaveType(event.type) && event.type !== "EXAM_RETURN") {
      throw new AppError("INVALID_STATE", "只能更正离校和考试返校记录。秋季注册的结果请在注册期内重新选择。");
    }
    if (event.revokedAt) throw new AppError("CONFLICT", "该记录已经更正过，不能重复更正。");
    const correction = await tx.statusEvent.create({
      data: {
        enrolmentId: e.id, type: "CORRECTION", occurredOn: chinaDateOf(now), correctsEventId: event.id,
        comment: reason, recordedById: actor.userId, createdAt: now,
      },
    });
    await tx.statusEvent.update({ where: { id: event.id }, data: { revokedAt: now, revokedById: actor.userId } });
    if (isLeaveType(event.type) && e.status === "LEFT" && !(await liveLeave(tx, e.id))) {
      await tx.enrolment.update({ where: { id: e.id }, data: { status: "ENROLLED" } });
    }
    await audit(tx, actor, "student.correct", { type: "Enrolment", id: e.id }, {
      studentName: e.application.studentName, correctedEventId: event.id, correctionId: correction.id, reason,
    });
    return correction;
  });
}
