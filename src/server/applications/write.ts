import "server-only";
import { assertCan } from "@/server/auth/permissions";
import type { Actor } from "@/server/auth/load-actor";
import { db } from "@/server/db";
import { audit } from "@/server/audit";
import { AppError, isUniqueViolation } from "@/server/errors";
import { assertInPhase, programmeYear } from "@/server/calendar/calendar";
import { storeDocument, checkUpload, type UploadedFile } from "@/server/documents/documents";
import { APPLICATION_ENTRY_WINDOW } from "@/lib/calendar-settings";
import { chinaDateOf, isIsoDate } from "@/lib/china-date";
import { EDITABLE_STATUSES, WITHDRAWABLE_STATUSES, type ReviewInput, type WithdrawInput } from "@/lib/schemas/application-workflow";
import {
  CHANGE_LABEL_FIELDS, applicationColumns, assertChosenSchool, assertNoLiveDuplicate, auditSummary, changeApplication,
  missingConsent, ownMiddleSchool, parseApplicationInput, refuseDuplicate, refuseInState,
} from "./rules";

// ───── writes (middle school) ─────

const isOneOf = <S extends string>(statuses: readonly S[], status: string): status is S => (statuses as readonly string[]).includes(status);

/** 录入报名: a new application (草稿) of the actor's school, inside the entry window. */
export async function createApplication(actor: Actor, raw: unknown, now: Date) {
  assertCan(actor, "application.edit");
  const input = parseApplicationInput(raw, now);
  const year = programmeYear(now);
  const data = applicationColumns(input, now);
  try {
    return await db().$transaction(async (tx) => {
      await assertInPhase(tx, { now, phase: APPLICATION_ENTRY_WINDOW, verb: "录入报名" });
      const school = await ownMiddleSchool(tx, actor);
      const voc = await assertChosenSchool(tx, actor, data.vocationalSchoolId);
      await assertNoLiveDuplicate(tx, actor, year, data.idNumber);
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
      type Updated = { id: string; changed: (typeof CHANGE_LABEL_FIELDS)[number][]; consentReset: boolean };
      return await changeApplication<Updated>(tx, actor, id, "该申请刚被其他人修改过，请刷新页面后重新修改。", async (before) => {
        year = before.year;
        if (!isOneOf(EDITABLE_STATUSES, before.status)) {
          refuseInState(before.status, "不能再修改。只有草稿或已签字（未审核）的申请可以修改。");
        }
        await assertChosenSchool(tx, actor, data.vocationalSchoolId);
        if (data.idNumber !== before.idNumber) await assertNoLiveDuplicate(tx, actor, before.year, data.idNumber, before.id);
        const changed = CHANGE_LABEL_FIELDS.filter((f) => (before[f] ?? null) !== (data[f] ?? null));
        if (changed.length === 0) return { unchanged: { id: before.id, changed, consentReset: false } };
        const consentReset = before.status === "SIGNED";
        const reset = { status: "DRAFT", studentSigned: false, guardianSigned: false, consentDocumentId: null } as const;
        return {
          data: { ...data, ...(consentReset ? reset : {}) },
          audit: {
            action: "application.update",
            summary: { changed: [...changed], consentReset, previousConsentDocumentId: consentReset ? before.consentDocumentId : null },
          },
          result: { id: before.id, changed, consentReset },
        };
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) return refuseDuplicate(actor, year, data.idNumber, id);
    throw err;
  }
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
    return changeApplication(tx, actor, input.id, "该申请刚被其他人修改过，请刷新页面后重试。", async (before) => {
      if (!isOneOf(EDITABLE_STATUSES, before.status)) refuseInState(before.status, "签字情况已不能更改。");
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
      const status = missing.length === 0 ? ("SIGNED" as const) : ("DRAFT" as const);
      return {
        data: { ...after, status },
        audit: {
          action: "application.consent",
          summary: {
            studentSigned: input.studentSigned, guardianSigned: input.guardianSigned, documentId: consentDocumentId,
            newDocument: doc !== null, status,
          },
        },
        result: { status, missing },
      };
    });
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
    return changeApplication(tx, actor, input.id, "该申请刚被其他人修改过，请刷新页面后重新审核。", (before) => {
      if (input.reviewDate < `${before.year}-01-01`) {
        throw new AppError("VALIDATION", `盖章日期应在${before.year}年内，请核对。`, { reviewDate: `盖章日期应在${before.year}年内` });
      }
      if (before.status !== "SIGNED") {
        const missing = missingConsent(before);
        if (before.status === "DRAFT" || missing.length > 0) {
          throw new AppError("INVALID_STATE", `该申请还不能审核：还缺${missing.join("、")}。请先在“签字确认”中登记并上传扫描件。`);
        }
        refuseInState(before.status, "不能再审核。");
      }
      const approve = input.decision === "APPROVE";
      const status = approve ? ("APPROVED" as const) : ("REJECTED" as const);
      return {
        guard: { status: "SIGNED", studentSigned: true, guardianSigned: true, consentDocumentId: { not: null } },
        data: { status, reviewDecision: approve, reviewDate: input.reviewDate, reviewComment: input.comment ?? null, reviewedById: actor.userId },
        audit: {
          action: "application.review",
          summary: { decision: approve ? "同意" : "不同意", reviewDate: input.reviewDate, comment: input.comment ?? null },
        },
        result: { status },
      };
    });
  });
}

/** 自愿撤回: at any time before send-off; everything entered stays (status 已撤回, who, when, why). */
export async function withdrawApplication(actor: Actor, input: WithdrawInput, now: Date) {
  assertCan(actor, "application.edit");
  return db().$transaction(async (tx) => {
    await ownMiddleSchool(tx, actor);
    return changeApplication(tx, actor, input.id, "该申请刚被办理过（可能已送读），请刷新页面查看最新状态。", (before) => {
      if (before.status === "SENT_OFF") {
        throw new AppError("INVALID_STATE", "该学生已送读，报名申请不能撤回。如学生离开职教班，请由职业学校登记离校情况。");
      }
      if (!isOneOf(WITHDRAWABLE_STATUSES, before.status)) refuseInState(before.status, "无需撤回。");
      return {
        guard: { status: { in: [...WITHDRAWABLE_STATUSES] }, enrolment: { is: null } },
        data: { status: "WITHDRAWN", withdrawnAt: now, withdrawReason: input.reason },
        audit: { action: "application.withdraw", summary: { previousStatus: before.status, reason: input.reason } },
        result: { status: "WITHDRAWN" as const },
      };
    });
  });
}
