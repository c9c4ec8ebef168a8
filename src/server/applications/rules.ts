import "server-only";
import type { Application, Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";
import { db, type Db, type Tx } from "@/server/db";
import { audit } from "@/server/audit";
import { AppError, forbidden, notFound } from "@/server/errors";
import { chinaDateOf } from "@/lib/china-date";
import { maskIdNumber, validateIdNumber } from "@/lib/validators/id-number";
import { validateApplication, type ApplicationInput } from "@/lib/schemas/application";
import { GUARDIAN_RELATION_CODES } from "@/lib/schemas/application-fields";
import { APPLICATION_STATUS_LABELS, LIVE_STATUSES, type ApplicationStatus } from "@/lib/schemas/application-workflow";
import { applicationScope } from "./scope";

/** 初中学校名 as the form wants it: "县市名+学校名" (without repeating a county already in the name). */
export function schoolLabel(countyName: string, schoolName: string): string {
  return schoolName.startsWith(countyName) ? schoolName : countyName + schoolName;
}

/** Parses the 附件3 fields with the shared schema, "today" being the injected clock's China date. */
export function parseApplicationInput(raw: unknown, now: Date): ApplicationInput {
  const r = validateApplication(raw, { today: chinaDateOf(now) });
  if (!r.ok) {
    const n = Object.keys(r.errors).length;
    throw new AppError("VALIDATION", `申请表有 ${n} 处填写有误，请按红字提示逐项修改后再提交。`, r.errors);
  }
  return r.data;
}

/** The flat database columns of a parsed application. */
export function applicationColumns(input: ApplicationInput, now: Date) {
  const id = validateIdNumber(input.idNumber, chinaDateOf(now));
  if (!id.ok) throw new AppError("VALIDATION", id.message, { idNumber: id.message });
  return {
    className: input.className,
    headTeacherName: input.headTeacherName,
    headTeacherPhone: input.headTeacherPhone,
    studentName: input.studentName,
    sex: input.sex,
    studentPhone: input.studentPhone,
    addressCounty: input.address.county,
    addressTownship: input.address.township,
    addressVillage: input.address.village,
    addressStreet: input.address.street,
    studentNumber: input.studentNumber,
    idNumber: id.value,
    birthDate: id.birthDate,
    guardianName: input.guardianName,
    guardianRelation: GUARDIAN_RELATION_CODES[input.guardianRelation],
    guardianPhone: input.guardianPhone,
    reason: input.reason ?? null,
    vocationalSchoolId: input.vocationalSchoolId,
    major: input.major ?? null,
    eligibilityGround: input.eligibilityGround,
    shanghaiFlag: input.shanghaiFlag,
  } satisfies Partial<Prisma.ApplicationUncheckedCreateInput>;
}

export type LiveDuplicate = { id: string; idNumber: string; middleSchoolId: string; schoolLabel: string; studentName: string };

/** Live applications (not withdrawn, not rejected) of the year for these ID numbers, anywhere in the prefecture. */
export async function findLiveDuplicates(
  tx: Tx | Db,
  prefectureId: string,
  year: number,
  idNumbers: string[],
  excludeId?: string,
): Promise<Map<string, LiveDuplicate>> {
  const out = new Map<string, LiveDuplicate>();
  if (idNumbers.length === 0) return out;
  const rows = await tx.application.findMany({
    where: {
      year,
      idNumber: { in: idNumbers },
      status: { in: [...LIVE_STATUSES] },
      county: { prefectureId },
      ...(excludeId ? { id: { not: excludeId } } : {}),
    },
    select: {
      id: true, idNumber: true, middleSchoolId: true, studentName: true,
      middleSchool: { select: { name: true, county: { select: { name: true } } } },
    },
  });
  for (const r of rows) {
    out.set(r.idNumber, {
      id: r.id, idNumber: r.idNumber, middleSchoolId: r.middleSchoolId, studentName: r.studentName,
      schoolLabel: schoolLabel(r.middleSchool.county.name, r.middleSchool.name),
    });
  }
  return out;
}

/**
 * "Another live application" message, never with the full ID. Single entry names the other school
 * (so the teacher knows whom to call); a bulk import does not (`nameSchool: false`): a file of ID
 * numbers must not tell which school every student applied at (issue 10 §11).
 */
export function duplicateMessage(actor: Actor, dup: LiveDuplicate, opts: { nameSchool?: boolean } = {}): string {
  const masked = maskIdNumber(dup.idNumber);
  if (opts.nameSchool === false && dup.middleSchoolId !== actor.middleSchoolId) {
    return `身份证号码为 ${masked} 的学生本年度已在其他学校报名（有效申请），同一学生每年只能有一份有效申请。请删除该行；如学生确要改在本校报名，请联系县市教育体育局核实后由原学校撤回。`;
  }
  if (dup.middleSchoolId === actor.middleSchoolId) {
    return `本校已录入身份证号码为 ${masked} 的学生（${dup.studentName}）本年度的报名申请，同一学生每年只能有一份有效申请。请在列表中找到该申请修改，不要重复录入。`;
  }
  return `身份证号码为 ${masked} 的学生本年度已在“${dup.schoolLabel}”报名（有效申请），同一学生每年只能有一份有效申请。如学生改在本校报名，请先联系“${dup.schoolLabel}”撤回原申请。`;
}

/** Refuses a second live application of the same person in the year (the unique index is the last word: `refuseDuplicate`). */
export async function assertNoLiveDuplicate(tx: Tx, actor: Actor, year: number, idNumber: string, excludeId?: string): Promise<void> {
  const dup = (await findLiveDuplicates(tx, actor.prefectureId, year, [idNumber], excludeId)).get(idNumber);
  if (dup) {
    const message = duplicateMessage(actor, dup);
    throw new AppError("CONFLICT", message, { idNumber: message });
  }
}

/** After a unique violation on (year, ID number): the same message as `assertNoLiveDuplicate`, read outside the failed transaction. */
export async function refuseDuplicate(actor: Actor, year: number, idNumber: string, excludeId?: string): Promise<never> {
  const dups = await findLiveDuplicates(db(), actor.prefectureId, year, [idNumber], excludeId);
  const dup = dups.get(idNumber);
  const message = dup
    ? duplicateMessage(actor, dup)
    : `身份证号码为 ${maskIdNumber(idNumber)} 的学生本年度已有有效报名申请，同一学生每年只能有一份有效申请。`;
  throw new AppError("CONFLICT", message, { idNumber: message });
}

export async function assertChosenSchool(tx: Tx, actor: Actor, vocationalSchoolId: string) {
  const school = await tx.vocationalSchool.findFirst({
    where: { id: vocationalSchoolId, prefectureId: actor.prefectureId, active: true },
    select: { id: true, name: true },
  });
  if (!school) {
    throw new AppError("VALIDATION", "所选的报名就读学校不存在或已停用，请重新选择一所职业学校。", {
      vocationalSchoolId: "请重新选择报名就读学校",
    });
  }
  return school;
}

export async function ownMiddleSchool(tx: Tx | Db, actor: Actor) {
  if (actor.role !== "MIDDLE_SCHOOL" || !actor.middleSchoolId) throw forbidden();
  // Share lock: a move to another county (orgs.ts assertMovable) waits for this write, and vice versa.
  await tx.$queryRaw`SELECT id FROM "MiddleSchool" WHERE id = ${actor.middleSchoolId} FOR SHARE`;
  const school = await tx.middleSchool.findFirst({
    where: { id: actor.middleSchoolId, active: true },
    select: { id: true, name: true, countyId: true, county: { select: { name: true } } },
  });
  if (!school) throw forbidden();
  return school;
}

export function auditSummary(a: { studentName: string; idNumber: string }, extra: Record<string, Prisma.InputJsonValue | null> = {}) {
  return { studentName: a.studentName, idNumber: maskIdNumber(a.idNumber), ...extra };
}

export const CHANGE_LABEL_FIELDS = [
  "className", "headTeacherName", "headTeacherPhone", "studentName", "sex", "studentPhone", "addressCounty", "addressTownship",
  "addressVillage", "addressStreet", "studentNumber", "idNumber", "guardianName", "guardianRelation", "guardianPhone", "reason",
  "vocationalSchoolId", "major", "eligibilityGround", "shanghaiFlag",
] as const;

/** What is still missing before the school may review (both signatures and the scan). */
export function missingConsent(a: { studentSigned: boolean; guardianSigned: boolean; consentDocumentId: string | null }): string[] {
  const missing: string[] = [];
  if (!a.studentSigned) missing.push("学生本人签字（按手印）");
  if (!a.guardianSigned) missing.push("法定监护人签字（按手印）");
  if (!a.consentDocumentId) missing.push("签字后申请表的扫描件或照片");
  return missing;
}

/** "该申请当前状态为“…”，…": refuses a use case in the application's present state, in the list's wording of the status. */
export function refuseInState(status: ApplicationStatus, then: string): never {
  throw new AppError("INVALID_STATE", `该申请当前状态为“${APPLICATION_STATUS_LABELS[status]}”，${then}`);
}

/** What a write decided, applied by `changeApplication`. */
export type ApplicationChange<R> =
  | {
      /** conditions the row must still meet at update time (default: the status it was loaded with) */
      guard?: Prisma.ApplicationWhereInput;
      data: Prisma.ApplicationUncheckedUpdateManyInput;
      audit: { action: string; summary: Record<string, Prisma.InputJsonValue | null> };
      result: R;
    }
  | { unchanged: R };

/**
 * The shape every write on one existing application follows: load it in scope (out of scope =
 * not found) → `decide` checks the state and says what to write → guarded update (the row still
 * as loaded, else `conflict`) → audit in the same transaction.
 */
export async function changeApplication<R>(
  tx: Tx,
  actor: Actor,
  id: string,
  conflict: string,
  decide: (before: Application) => Promise<ApplicationChange<R>> | ApplicationChange<R>,
): Promise<R> {
  const before = await tx.application.findFirst({ where: { AND: [applicationScope(actor), { id }] } });
  if (!before) throw notFound("报名申请");
  const change = await decide(before);
  if ("unchanged" in change) return change.unchanged;
  const res = await tx.application.updateMany({ where: { id: before.id, status: before.status, ...change.guard }, data: change.data });
  if (res.count !== 1) throw new AppError("CONFLICT", conflict);
  await audit(tx, actor, change.audit.action, { type: "Application", id: before.id }, auditSummary(before, change.audit.summary));
  return change.result;
}
