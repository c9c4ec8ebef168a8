import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { db, type Db, type Tx } from "@/server/db";
import { audit } from "@/server/audit";
import { renderAudit } from "@/lib/audit-render";
import { AppError, isUniqueViolation, forbidden, notFound } from "@/server/errors";
import { assertInPhase, loadCalendar, programmeYear } from "@/server/calendar/calendar";
import { pageArgs, toPage } from "@/server/pagination";
import { storeDocument, checkUpload, type UploadedFile } from "@/server/documents/documents";
import { APPLICATION_ENTRY_WINDOW, checkWindow, chinaDateOf, formatChineseRange, isIsoDate, windowRange } from "@/lib/calendar";
import { maskIdNumber, validateIdNumber } from "@/lib/validators/id-number";
import {
  GUARDIAN_RELATION_CODES,
  guardianRelationFromCode,
  validateApplication,
  type ApplicationInput,
  type GuardianRelation,
} from "@/lib/schemas/application";
import {
  EDITABLE_STATUSES,
  WITHDRAWABLE_STATUSES,
  type ApplicationListQuery,
  type ApplicationStatus,
  type ReviewInput,
  type WithdrawInput,
} from "@/lib/schemas/application-workflow";
import { applicationScope, contactVisible, limitedView } from "./scope";
import { idNumberSearch } from "@/server/id-search";

// ───── helpers ─────

/** 初中学校名 as the form wants it: "县市名+学校名" (without repeating a county already in the name). */
export function schoolLabel(countyName: string, schoolName: string): string {
  return schoolName.startsWith(countyName) ? schoolName : countyName + schoolName;
}

const ENTRY_VERB = "录入报名";

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
      status: { notIn: ["WITHDRAWN", "REJECTED"] },
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

async function refuseDuplicate(actor: Actor, year: number, idNumber: string, excludeId?: string): Promise<never> {
  const dups = await findLiveDuplicates(db(), actor.prefectureId, year, [idNumber], excludeId);
  const dup = dups.get(idNumber);
  const message = dup
    ? duplicateMessage(actor, dup)
    : `身份证号码为 ${maskIdNumber(idNumber)} 的学生本年度已有有效报名申请，同一学生每年只能有一份有效申请。`;
  throw new AppError("CONFLICT", message, { idNumber: message });
}

async function assertChosenSchool(tx: Tx, actor: Actor, vocationalSchoolId: string) {
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

async function ownMiddleSchool(tx: Tx | Db, actor: Actor) {
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

function auditSummary(a: { studentName: string; idNumber: string }, extra: Record<string, Prisma.InputJsonValue | null> = {}) {
  return { studentName: a.studentName, idNumber: maskIdNumber(a.idNumber), ...extra };
}

// ───── reads ─────

/** The application entry window of the current year, for the pages (the guard itself is assertInPhase). */
export async function entryWindowInfo(now: Date): Promise<{ open: boolean; text: string }> {
  const year = programmeYear(now);
  const calendar = await loadCalendar(db(), year);
  if (!calendar) {
    return { open: false, text: `${year}年的工作日历尚未设置，暂时不能录入报名。请联系州教育体育局在“工作日历”中设置。` };
  }
  const range = windowRange(calendar, APPLICATION_ENTRY_WINDOW);
  const check = checkWindow(calendar, APPLICATION_ENTRY_WINDOW, now, "录入报名");
  return check.ok
    ? { open: true, text: `${APPLICATION_ENTRY_WINDOW.label}：${formatChineseRange(range)}` }
    : { open: false, text: check.message };
}

/** Number of applications per status (in scope, one year), for the list header. */
export async function statusCounts(actor: Actor, year: number): Promise<Partial<Record<ApplicationStatus, number>>> {
  const rows = await db().application.groupBy({ by: ["status"], where: { AND: [applicationScope(actor), { year }] }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/** Vocational schools in the order of the paper form: prefecture-level schools first, then by official order. */
export async function listVocationalSchoolChoices(actor: Actor) {
  const rows = await db().vocationalSchool.findMany({
    where: { prefectureId: actor.prefectureId, active: true },
    select: { id: true, name: true, fullName: true, countyId: true, sortOrder: true },
    orderBy: { sortOrder: "asc" },
  });
  return [...rows.filter((r) => r.countyId === null), ...rows.filter((r) => r.countyId !== null)].map(
    ({ id, name, fullName }) => ({ id, name, fullName }),
  );
}

/** The preset "初中学校名" of a middle-school actor. */
export async function ownSchoolLabel(actor: Actor): Promise<string> {
  const school = await ownMiddleSchool(db(), actor);
  return schoolLabel(school.county.name, school.name);
}

export type ApplicationListItem = {
  id: string;
  studentName: string;
  sex: "MALE" | "FEMALE";
  idNumberMasked: string;
  className: string;
  middleSchoolLabel: string;
  vocationalSchoolName: string;
  status: ApplicationStatus;
  shanghaiFlag: boolean;
  createdAt: Date;
};

function searchFilter(q: string): Prisma.ApplicationWhereInput {
  const t = q.normalize("NFKC").replace(/\s+/g, "");
  if (!t) return {};
  const byId = idNumberSearch(t);
  if (byId === "none") return { id: "__no_match__" };
  if (byId) return byId;
  return { studentName: { contains: t } };
}

/** One page of applications in scope, filtered; ID numbers masked (SPEC §10). */
export async function listApplications(actor: Actor, query: ApplicationListQuery, now: Date) {
  assertCan(actor, "application.read");
  const year = query.year ?? programmeYear(now);
  const where: Prisma.ApplicationWhereInput = {
    AND: [
      applicationScope(actor),
      { year },
      searchFilter(query.q),
      query.status ? { status: query.status } : {},
      query.className ? { className: query.className } : {},
      query.vocationalSchoolId ? { vocationalSchoolId: query.vocationalSchoolId } : {},
      query.middleSchoolId ? { middleSchoolId: query.middleSchoolId } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db().application.findMany({
      where,
      select: {
        id: true, studentName: true, sex: true, idNumber: true, className: true, status: true, shanghaiFlag: true, createdAt: true, vocationalSchoolId: true,
        middleSchool: { select: { name: true, county: { select: { name: true } } } },
        vocationalSchool: { select: { name: true } },
      },
      orderBy: [{ className: "asc" }, { createdAt: "desc" }, { id: "asc" }],
      ...pageArgs(query.page),
    }),
    db().application.count({ where }),
  ]);
  const items: ApplicationListItem[] = rows.map((r) => ({
    id: r.id,
    studentName: r.studentName,
    sex: r.sex,
    // A vocational school plans classes before send-off without the ID number or the 建档立卡 flag.
    idNumberMasked: limitedView(actor, r) ? "（送读后可见）" : maskIdNumber(r.idNumber),
    className: r.className,
    middleSchoolLabel: schoolLabel(r.middleSchool.county.name, r.middleSchool.name),
    vocationalSchoolName: r.vocationalSchool.name,
    status: r.status,
    shanghaiFlag: limitedView(actor, r) ? false : r.shanghaiFlag,
    createdAt: r.createdAt,
  }));
  return { ...toPage(items, total, query.page), year };
}

/** Options for the list filters, all within the actor's scope. */
export async function listFilterOptions(actor: Actor, year: number) {
  const scope = applicationScope(actor);
  const [classes, schools, middleSchools] = await Promise.all([
    db().application.findMany({
      where: { AND: [scope, { year }] },
      distinct: ["className"],
      select: { className: true },
      orderBy: { className: "asc" },
    }),
    listVocationalSchoolChoices(actor),
    actor.role === "COUNTY" || actor.role === "PREFECTURE" || actor.role === "VOCATIONAL_SCHOOL"
      ? db().middleSchool.findMany({
          where: { applications: { some: { AND: [scope, { year }] } } },
          select: { id: true, name: true, county: { select: { name: true, sortOrder: true } } },
          orderBy: [{ county: { sortOrder: "asc" } }, { name: "asc" }],
        })
      : Promise.resolve([]),
  ]);
  return {
    classNames: classes.map((c) => c.className),
    vocationalSchools: schools,
    middleSchools: middleSchools.map((m) => ({ id: m.id, label: schoolLabel(m.county.name, m.name) })),
  };
}

export type ApplicationView = {
  id: string;
  year: number;
  status: ApplicationStatus;
  middleSchoolId: string;
  middleSchoolLabel: string;
  countyName: string;
  className: string;
  headTeacherName: string;
  studentName: string;
  sex: "MALE" | "FEMALE";
  studentNumber: string;
  idNumber: string;
  idNumberMasked: string;
  birthDate: string;
  guardianName: string;
  guardianRelation: GuardianRelation;
  /** null when the actor may not see contact details (vocational school before send-off) */
  contact: {
    headTeacherPhone: string;
    studentPhone: string;
    guardianPhone: string;
    address: { county: string; township: string; village: string; street: string };
  } | null;
  reason: string | null;
  vocationalSchoolId: string;
  vocationalSchoolName: string;
  vocationalSchoolFullName: string;
  major: string | null;
  eligibilityGround: "LEARNING_DIFFICULTY" | "RETURNED_DROPOUT";
  shanghaiFlag: boolean;
  /** a vocational school before send-off: only name, sex, middle school, class and major are filled */
  limited: boolean;
  studentSigned: boolean;
  guardianSigned: boolean;
  consentDocument: { id: string; fileName: string; mimeType: string; size: number; createdAt: Date } | null;
  reviewDecision: boolean | null;
  reviewDate: string | null;
  reviewComment: string | null;
  reviewedByName: string | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  enteredByName: string;
  imported: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * One application for its own page, the edit form or the printout. The page ("page") gets the ID
 * number masked only: the full number comes from the "显示完整身份证号" click (reveal.ts, audited as
 * `idNumber.reveal`), never with the page. The printout and the edit form need the full number:
 * "print" / "edit" write `application.print` / `application.reveal` in the same transaction (SPEC §10).
 */
export async function getApplication(actor: Actor, id: string, purpose: "page" | "print" | "edit"): Promise<ApplicationView> {
  assertCan(actor, "application.read");
  return db().$transaction(async (tx) => {
    const a = await tx.application.findFirst({
      where: { AND: [applicationScope(actor), { id }] },
      include: {
        middleSchool: { select: { name: true, county: { select: { name: true } } } },
        vocationalSchool: { select: { name: true, fullName: true } },
        consentDocument: { select: { id: true, fileName: true, mimeType: true, size: true, createdAt: true } },
      },
    });
    if (!a) throw notFound("报名申请");
    const showContact = contactVisible(actor, a);
    const limited = limitedView(actor, a);
    const hide = <T,>(v: T, blank: T): T => (limited ? blank : v);
    if (purpose === "print" && !showContact) throw notFound("报名申请");
    if (purpose === "edit" && (actor.role !== "MIDDLE_SCHOOL" || !(EDITABLE_STATUSES as readonly string[]).includes(a.status))) {
      throw notFound("可修改的报名申请");
    }
    const userIds = [a.enteredById, a.reviewedById].filter((x): x is string => !!x);
    const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
    const nameOf = (uid: string | null) => (uid ? (users.find((u) => u.id === uid)?.displayName ?? "（未知）") : null);
    const full = showContact && purpose !== "page";
    if (full) await audit(tx, actor, purpose === "print" ? "application.print" : "application.reveal", { type: "Application", id: a.id }, auditSummary(a, { purpose }));
    return {
      id: a.id,
      year: a.year,
      status: a.status,
      middleSchoolId: a.middleSchoolId,
      middleSchoolLabel: schoolLabel(a.middleSchool.county.name, a.middleSchool.name),
      countyName: a.middleSchool.county.name,
      className: a.className,
      headTeacherName: hide(a.headTeacherName, ""),
      studentName: a.studentName,
      sex: a.sex,
      studentNumber: hide(a.studentNumber, ""),
      // The full ID number (and birth date) only for the printout and the edit form; a vocational school only of students sent off to it.
      idNumber: full ? a.idNumber : "",
      idNumberMasked: hide(maskIdNumber(a.idNumber), ""),
      birthDate: full ? a.birthDate : "",
      guardianName: hide(a.guardianName, ""),
      guardianRelation: guardianRelationFromCode(a.guardianRelation),
      contact: showContact
        ? {
            headTeacherPhone: a.headTeacherPhone,
            studentPhone: a.studentPhone,
            guardianPhone: a.guardianPhone,
            address: { county: a.addressCounty, township: a.addressTownship, village: a.addressVillage, street: a.addressStreet },
          }
        : null,
      reason: hide(a.reason, null),
      vocationalSchoolId: a.vocationalSchoolId,
      vocationalSchoolName: a.vocationalSchool.name,
      vocationalSchoolFullName: a.vocationalSchool.fullName,
      major: a.major,
      eligibilityGround: a.eligibilityGround,
      shanghaiFlag: hide(a.shanghaiFlag, false),
      limited,
      studentSigned: a.studentSigned,
      guardianSigned: a.guardianSigned,
      // the signed paper holds phones and address: same visibility as the contact details
      consentDocument: showContact ? a.consentDocument : null,
      reviewDecision: a.reviewDecision,
      reviewDate: a.reviewDate,
      reviewComment: hide(a.reviewComment, null),
      reviewedByName: nameOf(a.reviewedById),
      withdrawnAt: a.withdrawnAt,
      withdrawReason: hide(a.withdrawReason, null),
      enteredByName: nameOf(a.enteredById) ?? "（未知）",
      imported: a.importBatchId !== null,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    };
  });
}

/** The audit trail of one application (its history is never deleted). */
export async function applicationHistory(actor: Actor, id: string) {
  assertCan(actor, "application.read");
  const a = await db().application.findFirst({ where: { AND: [applicationScope(actor), { id }] }, select: { id: true, status: true, vocationalSchoolId: true } });
  if (!a) throw notFound("报名申请");
  if (limitedView(actor, a)) return []; // the middle school's steps are not the vocational school's business before send-off
  const rows = await db().auditLog.findMany({
    where: { entityType: "Application", entityId: id, action: { notIn: ["application.reveal", "application.print", "idNumber.reveal"] } },
    orderBy: { at: "asc" },
    select: { id: true, at: true, action: true, orgLabel: true, actorId: true, summary: true },
  });
  const users = await db().user.findMany({
    where: { id: { in: rows.map((r) => r.actorId).filter((x): x is string => !!x) } },
    select: { id: true, displayName: true },
  });
  return rows.map((r) => {
    const actorName = users.find((u) => u.id === r.actorId)?.displayName ?? null;
    return {
      id: String(r.id),
      at: r.at,
      action: r.action,
      actorName,
      // the same sentence as in 操作日志 (decision 070)
      text: renderAudit({ action: r.action, orgLabel: r.orgLabel, actorName, entityLabel: null, summary: r.summary }),
    };
  });
}

// ───── writes (middle school) ─────

/** 录入报名: a new application (草稿) of the actor's school, inside the entry window. */
export async function createApplication(actor: Actor, raw: unknown, now: Date) {
  assertCan(actor, "application.edit");
  const input = parseApplicationInput(raw, now);
  const year = programmeYear(now);
  const data = applicationColumns(input, now);
  try {
    return await db().$transaction(async (tx) => {
      await assertInPhase(tx, { now, phase: APPLICATION_ENTRY_WINDOW, verb: ENTRY_VERB });
      const school = await ownMiddleSchool(tx, actor);
      const voc = await assertChosenSchool(tx, actor, data.vocationalSchoolId);
      const dup = (await findLiveDuplicates(tx, actor.prefectureId, year, [data.idNumber])).get(data.idNumber);
      if (dup) {
        const message = duplicateMessage(actor, dup);
        throw new AppError("CONFLICT", message, { idNumber: message });
      }
      const created = await tx.application.create({
        data: { ...data, year, countyId: school.countyId, middleSchoolId: school.id, enteredById: actor.userId, status: "DRAFT" },
        select: { id: true, studentName: true, idNumber: true },
      });
      await audit(tx, actor, "application.create", { type: "Application", id: created.id }, auditSummary(created, { year, vocationalSchool: voc.name }));
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return refuseDuplicate(actor, year, data.idNumber);
    throw err;
  }
}

const CHANGE_LABEL_FIELDS = [
  "className", "headTeacherName", "headTeacherPhone", "studentName", "sex", "studentPhone", "addressCounty", "addressTownship",
  "addressVillage", "addressStreet", "studentNumber", "idNumber", "guardianName", "guardianRelation", "guardianPhone", "reason",
  "vocationalSchoolId", "major", "eligibilityGround", "shanghaiFlag",
] as const;

/**
 * 修改报名: only 草稿 or 已签字. Changing a signed application sends it back to 草稿 and clears the
 * signatures: the paper the family signed no longer matches, it must be printed and signed again.
 */
export async function updateApplication(actor: Actor, id: string, raw: unknown, now: Date) {
  assertCan(actor, "application.edit");
  const input = parseApplicationInput(raw, now);
  const data = applicationColumns(input, now);
  let year = programmeYear(now);
  try {
    return await db().$transaction(async (tx) => {
      await assertInPhase(tx, { now, phase: APPLICATION_ENTRY_WINDOW, verb: "修改报名" });
      await ownMiddleSchool(tx, actor);
      const before = await tx.application.findFirst({ where: { AND: [applicationScope(actor), { id }] } });
      if (!before) throw notFound("报名申请");
      year = before.year;
      if (!(EDITABLE_STATUSES as readonly string[]).includes(before.status)) {
        throw new AppError("INVALID_STATE", `该申请当前状态为“${statusLabel(before.status)}”，不能再修改。只有草稿或已签字（未审核）的申请可以修改。`);
      }
      await assertChosenSchool(tx, actor, data.vocationalSchoolId);
      if (data.idNumber !== before.idNumber) {
        const dup = (await findLiveDuplicates(tx, actor.prefectureId, before.year, [data.idNumber], before.id)).get(data.idNumber);
        if (dup) {
          const message = duplicateMessage(actor, dup);
          throw new AppError("CONFLICT", message, { idNumber: message });
        }
      }
      const changed = CHANGE_LABEL_FIELDS.filter((f) => (before[f] ?? null) !== (data[f] ?? null));
      if (changed.length === 0) return { id: before.id, changed, consentReset: false };
      const consentReset = before.status === "SIGNED";
      const res = await tx.application.updateMany({
        where: { id: before.id, status: before.status },
        data: {
          ...data,
          ...(consentReset ? { status: "DRAFT", studentSigned: false, guardianSigned: false, consentDocumentId: null } : {}),
        },
      });
      if (res.count !== 1) throw new AppError("CONFLICT", "该申请刚被其他人修改过，请刷新页面后重新修改。");
      await audit(tx, actor, "application.update", { type: "Application", id: before.id }, auditSummary(before, {
        changed: [...changed],
        consentReset,
        previousConsentDocumentId: consentReset ? before.consentDocumentId : null,
      }));
      return { id: before.id, changed, consentReset };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return refuseDuplicate(actor, year, data.idNumber, id);
    throw err;
  }
}

function statusLabel(s: string) {
  return (
    { DRAFT: "草稿", SIGNED: "已签字", APPROVED: "审核同意", REJECTED: "审核不同意", SENT_OFF: "已送读", WITHDRAWN: "已撤回" } as Record<string, string>
  )[s] ?? s;
}

/** What is still missing before the school may review (both signatures and the scan). */
export function missingConsent(a: { studentSigned: boolean; guardianSigned: boolean; consentDocumentId: string | null }): string[] {
  const missing: string[] = [];
  if (!a.studentSigned) missing.push("学生本人签字（按手印）");
  if (!a.guardianSigned) missing.push("法定监护人签字（按手印）");
  if (!a.consentDocumentId) missing.push("签字后申请表的扫描件或照片");
  return missing;
}

/**
 * 签字确认: records that the student and the guardian signed the paper form and stores its scan.
 * All three present → 已签字 (ready for review); otherwise it stays (or goes back to) 草稿.
 */
export async function recordConsent(
  actor: Actor,
  input: { id: string; studentSigned: boolean; guardianSigned: boolean; file?: UploadedFile },
  now: Date,
) {
  assertCan(actor, "application.edit");
  if (input.file) checkUpload(input.file);
  return db().$transaction(async (tx) => {
    await assertInPhase(tx, { now, phase: APPLICATION_ENTRY_WINDOW, verb: "登记签字" });
    await ownMiddleSchool(tx, actor);
    const before = await tx.application.findFirst({ where: { AND: [applicationScope(actor), { id: input.id }] } });
    if (!before) throw notFound("报名申请");
    if (!(EDITABLE_STATUSES as readonly string[]).includes(before.status)) {
      throw new AppError("INVALID_STATE", `该申请当前状态为“${statusLabel(before.status)}”，签字情况已不能更改。`);
    }
    const doc = input.file
      ? await storeDocument(tx, actor, {
          kind: "CONSENT_SCAN",
          file: input.file,
          owner: { countyId: before.countyId, middleSchoolId: before.middleSchoolId },
          entity: { type: "Application", id: before.id },
        })
      : null;
    const consentDocumentId = doc?.id ?? before.consentDocumentId;
    const after = { studentSigned: input.studentSigned, guardianSigned: input.guardianSigned, consentDocumentId };
    const missing = missingConsent(after);
    const status = missing.length === 0 ? "SIGNED" : "DRAFT";
    const res = await tx.application.updateMany({ where: { id: before.id, status: before.status }, data: { ...after, status } });
    if (res.count !== 1) throw new AppError("CONFLICT", "该申请刚被其他人修改过，请刷新页面后重试。");
    await audit(tx, actor, "application.consent", { type: "Application", id: before.id }, auditSummary(before, {
      studentSigned: input.studentSigned, guardianSigned: input.guardianSigned, documentId: consentDocumentId,
      newDocument: doc !== null, status,
    }));
    return { status, missing };
  });
}

/**
 * 初中学校审核意见: 同意 or 不同意 with the seal date; only for a signed application
 * (both signatures and the scan present). The database CHECK refuses 同意 without them too.
 */
export async function reviewApplication(actor: Actor, input: Omit<ReviewInput, "comment"> & { comment?: string }, now: Date) {
  assertCan(actor, "application.review");
  const today = chinaDateOf(now);
  if (!isIsoDate(input.reviewDate)) {
    throw new AppError("VALIDATION", "盖章日期不是有效日期，请按“年-月-日”填写。", { reviewDate: "请填写有效的盖章日期" });
  }
  if (input.reviewDate > today) {
    throw new AppError("VALIDATION", `盖章日期 ${input.reviewDate} 晚于今天（${today}），请填写实际盖章的日期。`, { reviewDate: "盖章日期不能晚于今天" });
  }
  return db().$transaction(async (tx) => {
    await ownMiddleSchool(tx, actor);
    const before = await tx.application.findFirst({ where: { AND: [applicationScope(actor), { id: input.id }] } });
    if (!before) throw notFound("报名申请");
    if (input.reviewDate < `${before.year}-01-01`) {
      throw new AppError("VALIDATION", `盖章日期应在${before.year}年内，请核对。`, { reviewDate: `盖章日期应在${before.year}年内` });
    }
    if (before.status !== "SIGNED") {
      const missing = missingConsent(before);
      if (before.status === "DRAFT" || missing.length > 0) {
        throw new AppError("INVALID_STATE", `该申请还不能审核：还缺${missing.join("、")}。请先在“签字确认”中登记并上传扫描件。`);
      }
      throw new AppError("INVALID_STATE", `该申请当前状态为“${statusLabel(before.status)}”，不能再审核。`);
    }
    const approve = input.decision === "APPROVE";
    const res = await tx.application.updateMany({
      where: { id: before.id, status: "SIGNED", studentSigned: true, guardianSigned: true, consentDocumentId: { not: null } },
      data: {
        status: approve ? "APPROVED" : "REJECTED",
        reviewDecision: approve,
        reviewDate: input.reviewDate,
        reviewComment: input.comment ?? null,
        reviewedById: actor.userId,
      },
    });
    if (res.count !== 1) throw new AppError("CONFLICT", "该申请刚被其他人修改过，请刷新页面后重新审核。");
    await audit(tx, actor, "application.review", { type: "Application", id: before.id }, auditSummary(before, {
      decision: approve ? "同意" : "不同意", reviewDate: input.reviewDate, comment: input.comment ?? null,
    }));
    return { status: approve ? ("APPROVED" as const) : ("REJECTED" as const) };
  });
}

/** 自愿撤回: at any time before send-off; everything entered stays (status 已撤回, who, when, why). */
export async function withdrawApplication(actor: Actor, input: WithdrawInput, now: Date) {
  assertCan(actor, "application.edit");
  return db().$transaction(async (tx) => {
    await ownMiddleSchool(tx, actor);
    const before = await tx.application.findFirst({ where: { AND: [applicationScope(actor), { id: input.id }] } });
    if (!before) throw notFound("报名申请");
    if (before.status === "SENT_OFF") {
      throw new AppError("INVALID_STATE", "该学生已送读，报名申请不能撤回。如学生离开职教班，请由职业学校登记离校情况。");
    }
    if (!(WITHDRAWABLE_STATUSES as readonly string[]).includes(before.status)) {
      throw new AppError("INVALID_STATE", `该申请当前状态为“${statusLabel(before.status)}”，无需撤回。`);
    }
    const res = await tx.application.updateMany({
      where: { id: before.id, status: { in: [...WITHDRAWABLE_STATUSES] }, enrolment: { is: null } },
      data: { status: "WITHDRAWN", withdrawnAt: now, withdrawReason: input.reason },
    });
    if (res.count !== 1) throw new AppError("CONFLICT", "该申请刚被办理过（可能已送读），请刷新页面查看最新状态。");
    await audit(tx, actor, "application.withdraw", { type: "Application", id: before.id }, auditSummary(before, {
      previousStatus: before.status, reason: input.reason,
    }));
    return { status: "WITHDRAWN" as const };
  });
}
