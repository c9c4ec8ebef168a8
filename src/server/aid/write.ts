import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { enrolmentScope } from "@/server/send-off/scope";
import { chinaDateOf, formatChineseDate } from "@/lib/china-date";
import { formatYuan } from "@/lib/money";
import { AID_KIND_LABELS, type AidKind } from "@/lib/schemas/aid";

/**
 * 经费保障 (policy 七, decision 026): the county records each payment to a student (义务教育阶段资助 kept,
 * 生活费、往返交通费补助) and its subsidy to a vocational school. Amounts are integers of fen (CHECK > 0 in the
 * database too); a wrong payment is voided with a reason, never deleted or edited.
 */

function assertPaidOn(paidOn: string, now: Date, field = "paidOn") {
  const today = chinaDateOf(now);
  if (paidOn > today) throw new AppError("VALIDATION", `发放日期（${formatChineseDate(paidOn)}）不能晚于今天（${formatChineseDate(today)}）。`, { [field]: "不能晚于今天" });
}

/** Vocational schools a county may subsidise: its own 县市职中, and prefecture-level schools teaching its students. */
export function subsidyScope(actor: Actor): Prisma.VocationalSchoolWhereInput {
  if (actor.role !== "COUNTY") return { id: "-" };
  return { prefectureId: actor.prefectureId, active: true, OR: [{ countyId: actor.countyId }, { countyId: null, enrolments: { some: { countyId: actor.countyId } } }] };
}

export async function recordStudentAid(actor: Actor, input: { enrolmentId: string; kind: AidKind; amount: number; period: string; paidOn: string; comment?: string }, now: Date) {
  assertCan(actor, "aid.record");
  return db().$transaction(async (tx) => {
    const e = await tx.enrolment.findFirst({ where: { AND: [enrolmentScope(actor), { id: input.enrolmentId }] }, include: { application: { select: { studentName: true } } } });
    if (!e) throw notFound("学生");
    if (e.arrivalStatus !== "ARRIVED") throw new AppError("INVALID_STATE", `${e.application.studentName}没有到职业学校报到，不是职教班在读学生，不登记职教班资助。`);
    assertPaidOn(input.paidOn, now);
    const row = await tx.studentAid.create({
      data: { enrolmentId: e.id, countyId: e.countyId, kind: input.kind, amountFen: input.amount, period: input.period.trim(), paidOn: input.paidOn, comment: input.comment?.trim() || null, recordedById: actor.userId, createdAt: now },
    });
    await audit(tx, actor, "aid.student", { type: "Enrolment", id: e.id }, { studentName: e.application.studentName, aidId: row.id, kind: AID_KIND_LABELS[input.kind], yuan: formatYuan(input.amount), period: row.period, paidOn: input.paidOn });
    return row;
  });
}

export async function recordSchoolSubsidy(caller: Actor, input: { vocationalSchoolId: string; year: number; amount: number; purpose?: string; paidOn: string }, now: Date) {
  const actor = actorAs(caller, "COUNTY");
  assertCan(actor, "aid.record");
  return db().$transaction(async (tx) => {
    const school = await tx.vocationalSchool.findFirst({ where: { ...subsidyScope(actor), id: input.vocationalSchoolId } });
    if (!school) throw notFound("职业学校");
    assertPaidOn(input.paidOn, now);
    const row = await tx.schoolSubsidy.create({
      data: { countyId: actor.countyId, vocationalSchoolId: school.id, year: input.year, amountFen: input.amount, purpose: input.purpose?.trim() || null, paidOn: input.paidOn, recordedById: actor.userId, createdAt: now },
    });
    await audit(tx, actor, "aid.school", { type: "VocationalSchool", id: school.id }, { subsidyId: row.id, year: input.year, yuan: formatYuan(input.amount), purpose: row.purpose, paidOn: input.paidOn });
    return row;
  });
}

/** Voids one of the county's own payments with a reason (it stays listed as 已作废). */
export async function voidAid(actor: Actor, input: { id: string; target: "STUDENT" | "SCHOOL"; reason: string }, now: Date) {
  assertCan(actor, "aid.record");
  return db().$transaction(async (tx) => {
    const where = { id: input.id, countyId: actor.countyId ?? "-" };
    const row = input.target === "STUDENT" ? await tx.studentAid.findFirst({ where }) : await tx.schoolSubsidy.findFirst({ where });
    if (!row) throw notFound("资助记录");
    const data = { voidedAt: now, voidedById: actor.userId, voidReason: input.reason.trim() };
    // Conditional update: two clicks cannot void twice (the second finds no live row).
    const { count } = input.target === "STUDENT"
      ? await tx.studentAid.updateMany({ where: { id: row.id, voidedAt: null }, data })
      : await tx.schoolSubsidy.updateMany({ where: { id: row.id, voidedAt: null }, data });
    if (count === 0) throw new AppError("CONFLICT", "该记录已经作废，不能重复作废。");
    await audit(tx, actor, "aid.void", { type: input.target === "STUDENT" ? "StudentAid" : "SchoolSubsidy", id: row.id }, { yuan: formatYuan(row.amountFen), reason: data.voidReason });
  });
}
