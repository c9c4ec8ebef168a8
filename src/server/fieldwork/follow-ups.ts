import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, notFound, isUniqueViolation } from "@/server/errors";
import { enrolmentScope } from "@/server/send-off/scope";
import { userLabels } from "@/server/user-labels";
import { chinaDateOf } from "@/lib/china-date";
import { FOLLOW_UP_KIND_LABELS, followUpDateProblem, participantsLine } from "@/lib/fieldwork";
import type { RecordFollowUpInput } from "@/lib/schemas/fieldwork";
import { followUpScope, OPEN_FLAG, riskFlagScope, yearWindows } from "./rules";

/**
 * 稳定期/巩固期 follow-ups and home visits (《方案》四（二）3、5 "原初级中学要定期向职业学校了解学生学习情况，
 * 并牵头协商职业学校共同做好家访等工作"), recorded by the original middle school or the vocational school,
 * and the 流失风险 flag a follow-up may raise. Notes are sensitive: only `openFollowUp` returns them,
 * and it audits every opening.
 */

export async function recordFollowUp(actor: Actor, input: RecordFollowUpInput, now: Date) {
  assertCan(actor, "followUp.record");
  try {
    return await db().$transaction(async (tx) => {
      const scoped = await tx.enrolment.findFirst({ where: { AND: [enrolmentScope(actor), { id: input.enrolmentId }] }, select: { id: true } });
      if (!scoped) throw notFound("学生");
      // Serialises follow-ups of one student: the "one open flag" rule below holds under concurrency.
      await tx.$queryRaw`SELECT id FROM "Enrolment" WHERE id = ${scoped.id} FOR UPDATE`;
      const e = await tx.enrolment.findUniqueOrThrow({ where: { id: scoped.id }, include: { application: { select: { studentName: true } } } });
      const name = e.application.studentName;
      if (e.status === "LEFT") throw new AppError("INVALID_STATE", `${name}已登记离校，不再登记跟踪回访。如离校登记有误，请职业学校先在学生页面“更正”。`);
      if (e.status === "GRADUATED" || e.registrationDecision) throw new AppError("INVALID_STATE", `${name}已完成义务教育职教班阶段（已办理秋季中职学籍注册），不再登记跟踪回访。`);
      const windows = await yearWindows(tx, e.year);
      const problem = followUpDateProblem(input.occurredOn, {
        year: e.year, startsOn: e.arrivedOn ?? chinaDateOf(e.sentOffAt), consolidationEnd: windows.consolidationEnd, today: chinaDateOf(now),
      });
      if (problem) throw new AppError("VALIDATION", problem, { occurredOn: "日期不在该生本年度职教班阶段内" });
      const followUp = await tx.followUp.create({
        data: {
          enrolmentId: e.id, kind: input.kind, occurredOn: input.occurredOn, recorderRole: actor.role,
          middleSchoolParticipants: input.middleSchoolParticipants || null, vocationalParticipants: input.vocationalParticipants || null,
          otherParticipants: input.otherParticipants || null, notes: input.notes, riskRaised: input.risk,
          recordedById: actor.userId, createdAt: now,
        },
      });
      // A flag raised while one is open adds nothing: the open flag stays (its reason and date unchanged).
      const open = input.risk ? await tx.riskFlag.findFirst({ where: { enrolmentId: e.id, clearedAt: null } }) : null;
      const flag = input.risk && !open
        ? await tx.riskFlag.create({ data: { enrolmentId: e.id, followUpId: followUp.id, reason: input.riskReason, raisedOn: input.occurredOn, raisedById: actor.userId, createdAt: now } })
        : null;
      // The notes are not written to the log (they are sensitive); who, what kind, when, and the flag are.
      await audit(tx, actor, "followUp.record", { type: "Enrolment", id: e.id }, {
        studentName: name, followUpId: followUp.id, kind: FOLLOW_UP_KIND_LABELS[input.kind], occurredOn: input.occurredOn,
        riskFlag: flag?.id ?? (open ? `已有标记 ${open.id}` : null),
      });
      return { followUp, flag, alreadyFlagged: !!open, studentName: name };
    });
  } catch (err) {
    // The partial unique index (one open flag per student) as the last word.
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", "该生已有未解除的流失风险标记。请刷新页面查看。");
    throw err;
  }
}

/** 解除风险标记: either school involved with the student clears the flag, with a reason. */
export async function clearRiskFlag(actor: Actor, input: { flagId: string; reason: string }, now: Date) {
  assertCan(actor, "riskFlag.clear");
  return db().$transaction(async (tx) => {
    const flag = await tx.riskFlag.findFirst({
      where: { AND: [riskFlagScope(actor), { id: input.flagId }] },
      include: { enrolment: { select: { id: true, application: { select: { studentName: true } } } } },
    });
    if (!flag) throw notFound("流失风险标记");
    const { count } = await tx.riskFlag.updateMany({
      where: { id: flag.id, clearedAt: null },
      data: { clearedAt: now, clearedById: actor.userId, clearReason: input.reason.trim() },
    });
    if (count === 0) throw new AppError("CONFLICT", "该流失风险标记已经解除。请刷新页面。");
    await audit(tx, actor, "riskFlag.clear", { type: "Enrolment", id: flag.enrolmentId }, {
      studentName: flag.enrolment.application.studentName, flagId: flag.id, raisedOn: flag.raisedOn, reason: input.reason.trim(),
    });
    return flag;
  });
}

/** A student's follow-ups for the student page: who, when, how, with whom, the flag — never the notes. */
export async function studentFollowUps(actor: Actor, enrolmentId: string) {
  assertCan(actor, "followUp.read");
  const [rows, flags] = await Promise.all([
    db().followUp.findMany({
      where: { AND: [followUpScope(actor), { enrolmentId }] },
      select: {
        id: true, kind: true, occurredOn: true, recorderRole: true, middleSchoolParticipants: true, vocationalParticipants: true,
        otherParticipants: true, riskRaised: true, recordedById: true, createdAt: true,
      },
      orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }],
    }),
    db().riskFlag.findMany({ where: { AND: [riskFlagScope(actor), { enrolmentId }] }, include: { enrolment: { select: { status: true } } }, orderBy: { createdAt: "desc" } }),
  ]);
  const who = await userLabels(db(), [...rows.map((r) => r.recordedById), ...flags.flatMap((f) => [f.raisedById, f.clearedById])]);
  return {
    followUps: rows.map((r) => ({
      id: r.id, kind: FOLLOW_UP_KIND_LABELS[r.kind], occurredOn: r.occurredOn, participants: participantsLine(r),
      riskRaised: r.riskRaised, recordedBy: who(r.recordedById), side: r.recorderRole === "MIDDLE_SCHOOL" ? "原初中" : "职业学校",
    })),
    flags: flags.map((f) => ({
      id: f.id, reason: f.reason, raisedOn: f.raisedOn, raisedBy: who(f.raisedById),
      state: flagState(f, f.enrolment.status), clearedAt: f.clearedAt, clearedBy: who(f.clearedById), clearReason: f.clearReason,
    })),
  };
}

function flagState(f: { clearedAt: Date | null }, status: string): "OPEN" | "CLEARED" | "LEFT" {
  return f.clearedAt ? "CLEARED" : status === "ENROLLED" ? "OPEN" : "LEFT";
}

/** Opens one follow-up with its notes (sensitive): writes `followUp.open` to the log in the same transaction. */
export async function openFollowUp(actor: Actor, followUpId: string) {
  assertCan(actor, "followUp.read");
  return db().$transaction(async (tx) => {
    const f = await tx.followUp.findFirst({
      where: { AND: [followUpScope(actor), { id: followUpId }] },
      include: { enrolment: { select: { id: true, application: { select: { studentName: true } } } }, riskFlag: true },
    });
    if (!f) throw notFound("回访记录");
    await audit(tx, actor, "followUp.open", { type: "FollowUp", id: f.id }, { studentName: f.enrolment.application.studentName, enrolmentId: f.enrolmentId });
    const who = await userLabels(tx, [f.recordedById]);
    return {
      id: f.id, enrolmentId: f.enrolmentId, studentName: f.enrolment.application.studentName, kind: FOLLOW_UP_KIND_LABELS[f.kind],
      occurredOn: f.occurredOn, participants: participantsLine(f), notes: f.notes, recordedBy: who(f.recordedById), createdAt: f.createdAt,
      riskReason: f.riskFlag?.reason ?? null,
    };
  });
}

/** Open flags in the actor's scope (students still 在读, flag not cleared), oldest first. No notes, no reasons. */
export async function listOpenFlags(actor: Actor) {
  assertCan(actor, "followUp.read");
  const rows = await db().riskFlag.findMany({
    where: { AND: [riskFlagScope(actor), OPEN_FLAG] },
    include: {
      enrolment: {
        select: {
          id: true, year: true, application: { select: { studentName: true } }, county: { select: { name: true } },
          middleSchool: { select: { name: true } }, vocationalSchool: { select: { name: true } }, class: { select: { name: true } },
        },
      },
    },
    orderBy: [{ raisedOn: "asc" }, { createdAt: "asc" }],
  });
  const who = await userLabels(db(), rows.map((r) => r.raisedById));
  return rows.map((r) => ({
    flagId: r.id, enrolmentId: r.enrolment.id, year: r.enrolment.year, studentName: r.enrolment.application.studentName,
    countyName: r.enrolment.county.name, middleSchoolName: r.enrolment.middleSchool.name, vocationalSchoolName: r.enrolment.vocationalSchool.name,
    className: r.enrolment.class?.name ?? null, raisedOn: r.raisedOn, raisedBy: who(r.raisedById),
  }));
}
export type OpenFlagRow = Awaited<ReturnType<typeof listOpenFlags>>[number];
