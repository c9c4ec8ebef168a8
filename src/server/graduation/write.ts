import "server-only";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { loadCalendar } from "@/server/calendar/calendar";
import { enrolmentScope } from "@/server/send-off/scope";
import { checkDate, lockEnrolment } from "@/server/student-status/write";
import { getPhase } from "@/lib/calendar";
import { chinaDateOf, formatChineseDate } from "@/lib/china-date";
import { CONTINUATION_LABELS, registrationFor, type ContinuationPath } from "@/lib/graduation";
import { EVENT_TYPE_LABELS, REGISTRATION_LABELS } from "@/lib/student-status";

/**
 * 毕业 (policy 五（四）, decision 024): 完成义务教育, the grades and files sent back to the original middle
 * school, the 义务教育证书 (middle school) and the 职业技能等级证书 (vocational school); 升学去向 (五（三）, 025).
 * Every record is a StatusEvent on the student's timeline, written after locking the enrolment; a wrong one
 * is voided with a reason (CORRECTION event), never deleted.
 */

type Locked = Awaited<ReturnType<typeof lockEnrolment>>;

/** Certificates and the file transfer exist only for a student who completed the 职教班 stage (GRADUATED). */
function assertGraduated(e: Locked, verb: string) {
  if (e.status === "GRADUATED") return;
  const why = e.status === "LEFT" ? "已离校，没有在职业学校完成义务教育" : "尚未完成义务教育（仍为在读）";
  throw new AppError("INVALID_STATE", `${e.application.studentName}${why}，不能${verb}。只有完成义务教育的学生才登记证书和档案移交；在读学生请先由职业学校登记“完成义务教育”。`);
}

const liveOf = (tx: Tx, enrolmentId: string, type: "GRADES_SENT" | "COMPULSORY_CERTIFICATE" | "SKILL_CERTIFICATE") =>
  tx.statusEvent.findMany({ where: { enrolmentId, type, revokedAt: null }, orderBy: { createdAt: "asc" } });

/**
 * 登记完成义务教育: the vocational school ends the 职教班 stage for students still enrolled, on a date after
 * the year's 确认期 (the roster has been confirmed) and not in the future. Leavers never graduate.
 */
export async function completeProgramme(caller: Actor, input: { enrolmentIds: string[]; completedOn: string }, now: Date) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "graduation.vocational");
  return db().$transaction(async (tx) => {
    const ids = [...new Set(input.enrolmentIds)];
    await tx.$queryRaw`SELECT id FROM "Enrolment" WHERE id = ANY(${ids}::text[]) AND "vocationalSchoolId" = ${actor.vocationalSchoolId} ORDER BY id FOR UPDATE`;
    const rows = await tx.enrolment.findMany({ where: { id: { in: ids }, vocationalSchoolId: actor.vocationalSchoolId }, include: { application: { select: { studentName: true } } } });
    if (rows.length !== ids.length) throw notFound("学生");
    for (const e of rows) {
      if (e.arrivalStatus !== "ARRIVED") throw new AppError("INVALID_STATE", `${e.application.studentName}未报到，不能登记完成义务教育。`);
      if (e.status === "LEFT") throw new AppError("INVALID_STATE", `${e.application.studentName}已离校，没有在本校完成义务教育。如离校登记有误，请先在学生页面更正。`);
      if (e.status === "GRADUATED") throw new AppError("CONFLICT", `${e.application.studentName}已登记完成义务教育${e.graduatedOn ? `（${formatChineseDate(e.graduatedOn)}）` : ""}，不能重复登记。`);
      const calendar = await loadCalendar(tx, e.year);
      const confirmationEnd = calendar ? getPhase(calendar, "confirmation").end : null;
      if (confirmationEnd && input.completedOn <= confirmationEnd) {
        throw new AppError("VALIDATION", `完成义务教育的日期（${formatChineseDate(input.completedOn)}）须在${e.year}年确认期结束（${formatChineseDate(confirmationEnd)}）之后：职教班学生在确认名单之后、初中毕业时完成义务教育。`, { completedOn: "须在确认期结束之后" });
      }
      checkDate(input.completedOn, e, now, "completedOn", "完成义务教育的日期");
    }
    for (const e of rows) {
      await tx.statusEvent.create({ data: { enrolmentId: e.id, type: "COMPLETED", occurredOn: input.completedOn, recordedById: actor.userId, createdAt: now } });
    }
    await tx.enrolment.updateMany({ where: { id: { in: ids } }, data: { status: "GRADUATED", graduatedOn: input.completedOn } });
    await audit(tx, actor, "graduation.complete", { type: "VocationalSchool", id: actor.vocationalSchoolId }, { completedOn: input.completedOn, students: rows.map((e) => e.application.studentName) });
    return rows.length;
  });
}

/** 成绩和档案送回原初中 (one live record per student). */
export async function sendGrades(actor: Actor, input: { enrolmentId: string; sentOn: string; comment?: string }, now: Date) {
  assertCan(actor, "graduation.vocational");
  return db().$transaction(async (tx) => {
    const e = await lockEnrolment(tx, actor, input.enrolmentId);
    assertGraduated(e, "登记成绩和档案送回");
    const [live] = await liveOf(tx, e.id, "GRADES_SENT");
    if (live) throw new AppError("CONFLICT", `${e.application.studentName}的成绩和档案已于${formatChineseDate(live.occurredOn)}登记送回原初中。如有误，请先作废原记录。`);
    checkDate(input.sentOn, e, now, "sentOn", "送回日期");
    const ev = await tx.statusEvent.create({ data: { enrolmentId: e.id, type: "GRADES_SENT", occurredOn: input.sentOn, comment: input.comment?.trim() || null, recordedById: actor.userId, createdAt: now } });
    await audit(tx, actor, "graduation.sendGrades", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, eventId: ev.id, sentOn: input.sentOn });
    return ev;
  });
}

/** The original middle school records that it received the grades and files. */
export async function receiveGrades(actor: Actor, input: { eventId: string; receivedOn: string }, now: Date) {
  assertCan(actor, "graduation.middle");
  return db().$transaction(async (tx) => {
    const found = await tx.statusEvent.findFirst({ where: { id: input.eventId, type: "GRADES_SENT", enrolment: enrolmentScope(actor) }, select: { enrolmentId: true } });
    if (!found) throw notFound("档案移交记录");
    const e = await lockEnrolment(tx, actor, found.enrolmentId);
    const ev = await tx.statusEvent.findUniqueOrThrow({ where: { id: input.eventId } });
    if (ev.revokedAt) throw new AppError("INVALID_STATE", "职业学校已作废这条档案移交记录，请刷新页面。");
    if (ev.receivedOn) throw new AppError("CONFLICT", `已于${formatChineseDate(ev.receivedOn)}登记接收，不能重复登记。`);
    if (input.receivedOn < ev.occurredOn) throw new AppError("VALIDATION", `接收日期不能早于职业学校送回的日期（${formatChineseDate(ev.occurredOn)}）。`, { receivedOn: "不能早于送回日期" });
    checkDate(input.receivedOn, e, now, "receivedOn", "接收日期");
    const after = await tx.statusEvent.update({ where: { id: ev.id }, data: { receivedOn: input.receivedOn, receivedById: actor.userId } });
    await audit(tx, actor, "graduation.receiveGrades", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, eventId: ev.id, receivedOn: input.receivedOn });
    return after;
  });
}

/** 义务教育证书, issued by the original middle school (one live certificate per student). */
export async function recordCompulsoryCertificate(actor: Actor, input: { enrolmentId: string; number: string; issuedOn: string }, now: Date) {
  assertCan(actor, "graduation.middle");
  return db().$transaction(async (tx) => {
    const e = await lockEnrolment(tx, actor, input.enrolmentId);
    assertGraduated(e, "登记义务教育证书");
    const [live] = await liveOf(tx, e.id, "COMPULSORY_CERTIFICATE");
    if (live) throw new AppError("CONFLICT", `${e.application.studentName}已登记义务教育证书（编号 ${live.certificateNo}）。如有误，请先作废原记录再重新登记。`);
    checkDate(input.issuedOn, e, now, "issuedOn", "发证日期");
    const ev = await tx.statusEvent.create({ data: { enrolmentId: e.id, type: "COMPULSORY_CERTIFICATE", occurredOn: input.issuedOn, certificateNo: input.number.trim(), recordedById: actor.userId, createdAt: now } });
    await audit(tx, actor, "graduation.compulsoryCertificate", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, eventId: ev.id, number: ev.certificateNo, issuedOn: input.issuedOn });
    return ev;
  });
}

/** 职业技能等级证书, issued by the vocational school (a student may hold several; the same number once). */
export async function recordSkillCertificate(actor: Actor, input: { enrolmentId: string; name: string; level: string; number: string; issuedOn: string }, now: Date) {
  assertCan(actor, "graduation.vocational");
  return db().$transaction(async (tx) => {
    const e = await lockEnrolment(tx, actor, input.enrolmentId);
    assertGraduated(e, "登记职业技能等级证书");
    const number = input.number.trim();
    if ((await liveOf(tx, e.id, "SKILL_CERTIFICATE")).some((c) => c.certificateNo === number)) {
      throw new AppError("CONFLICT", `${e.application.studentName}已登记编号为 ${number} 的职业技能等级证书，不能重复登记。`, { number: "该编号已登记" });
    }
    checkDate(input.issuedOn, e, now, "issuedOn", "发证日期");
    const ev = await tx.statusEvent.create({
      data: { enrolmentId: e.id, type: "SKILL_CERTIFICATE", occurredOn: input.issuedOn, certificateNo: number, certificateName: input.name.trim(), certificateLevel: input.level.trim(), recordedById: actor.userId, createdAt: now },
    });
    await audit(tx, actor, "graduation.skillCertificate", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, eventId: ev.id, name: ev.certificateName, level: ev.certificateLevel, number, issuedOn: input.issuedOn });
    return ev;
  });
}

/** Voids a wrong record with a reason: the vocational school its files-sent and skill certificates, the middle school its 义务教育证书. */
export async function voidGraduationRecord(actor: Actor, input: { eventId: string; reason: string }, now: Date) {
  assertCan(actor, "graduation.void");
  const types = actor.role === "MIDDLE_SCHOOL" ? (["COMPULSORY_CERTIFICATE"] as const) : (["GRADES_SENT", "SKILL_CERTIFICATE"] as const);
  return db().$transaction(async (tx) => {
    const found = await tx.statusEvent.findFirst({ where: { id: input.eventId, type: { in: [...types] }, enrolment: enrolmentScope(actor) }, select: { enrolmentId: true } });
    if (!found) throw notFound("记录");
    const e = await lockEnrolment(tx, actor, found.enrolmentId);
    const ev = await tx.statusEvent.findUniqueOrThrow({ where: { id: input.eventId } });
    if (ev.revokedAt) throw new AppError("CONFLICT", "该记录已经作废，不能重复作废。");
    const correction = await tx.statusEvent.create({ data: { enrolmentId: e.id, type: "CORRECTION", occurredOn: chinaDateOf(now), correctsEventId: ev.id, comment: input.reason.trim(), recordedById: actor.userId, createdAt: now } });
    await tx.statusEvent.update({ where: { id: ev.id }, data: { revokedAt: now, revokedById: actor.userId } });
    await audit(tx, actor, "graduation.void", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, eventId: ev.id, what: EVENT_TYPE_LABELS[ev.type], number: ev.certificateNo, reason: input.reason.trim(), correctionId: correction.id });
    return correction;
  });
}

/**
 * 升学去向 of a graduate (decision 025). It feeds the autumn registration list; once the school has
 * registered the student, the path must agree with that decision.
 */
export async function setContinuation(actor: Actor, input: { enrolmentId: string; path: ContinuationPath; note?: string }) {
  assertCan(actor, "graduation.vocational");
  return db().$transaction(async (tx) => {
    const e = await lockEnrolment(tx, actor, input.enrolmentId);
    assertGraduated(e, "登记升学去向");
    if (e.registrationDecision && registrationFor(input.path) !== e.registrationDecision) {
      throw new AppError("INVALID_STATE", `${e.application.studentName}已办理秋季注册“${REGISTRATION_LABELS[e.registrationDecision]}”，与升学去向“${CONTINUATION_LABELS[input.path]}”不符。请在注册期内先更改秋季注册，再修改升学去向。`, { path: "与已办理的秋季注册不符" });
    }
    const note = input.path === "OTHER" || input.path === "OTHER_HIGH_SCHOOL" ? input.note?.trim() || null : null;
    if (input.path === "OTHER" && !note) throw new AppError("VALIDATION", "升学去向为“其他”时请写明去向（如就业、参军）。", { note: "请写明去向" });
    await tx.enrolment.update({ where: { id: e.id }, data: { continuationPath: input.path, continuationNote: note } });
    await audit(tx, actor, "graduation.continuation", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, from: e.continuationPath ? CONTINUATION_LABELS[e.continuationPath] : null, to: CONTINUATION_LABELS[input.path], note });
  });
}
