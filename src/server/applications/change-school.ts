import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { db } from "@/server/db";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { assertInPhase } from "@/server/calendar/calendar";
import { checkUpload, storeDocument, type UploadedFile } from "@/server/documents/documents";
import { APPLICATION_ENTRY_WINDOW } from "@/lib/calendar-settings";
import { applicationScope } from "./scope";

/** Statuses in which the chosen school can still change (a draft is simply edited). */
export const CHOICE_CHANGE_STATUSES = ["SIGNED", "APPROVED"] as const;

/**
 * 更改报名就读学校: after signing, the chosen vocational school changes only with the student's new
 * signed choice (a scan), which is kept with a SchoolChoiceChange row. The review stays valid.
 */
export async function changeChosenSchool(
  actor: Actor,
  input: { id: string; toVocationalSchoolId: string; file?: UploadedFile },
  now: Date,
) {
  assertCan(actor, "application.edit");
  if (!input.file) throw new AppError("VALIDATION", "更改报名学校须上传学生和监护人重新签字的选择说明（扫描件或照片）。", { file: "请上传重新签字的扫描件或照片" });
  checkUpload(input.file);
  return db().$transaction(async (tx) => {
    await assertInPhase(tx, { now, phase: APPLICATION_ENTRY_WINDOW, verb: "更改报名学校" });
    const before = await tx.application.findFirst({
      where: { AND: [applicationScope(actor), { id: input.id }] },
      include: { vocationalSchool: { select: { name: true } } },
    });
    if (!before || actor.role !== "MIDDLE_SCHOOL" || before.middleSchoolId !== actor.middleSchoolId) throw notFound("报名申请");
    if (!(CHOICE_CHANGE_STATUSES as readonly string[]).includes(before.status)) {
      throw new AppError("INVALID_STATE", before.status === "DRAFT"
        ? "草稿状态的申请请直接点“修改”更改报名学校。"
        : "该申请已送读、已撤回或审核不同意，不能再更改报名学校。");
    }
    if (before.vocationalSchoolId === input.toVocationalSchoolId) {
      throw new AppError("VALIDATION", `学生已报名${before.vocationalSchool.name}，请选择另一所学校。`, { toVocationalSchoolId: "请选择另一所学校" });
    }
    const target = await tx.vocationalSchool.findFirst({ where: { id: input.toVocationalSchoolId, prefectureId: actor.prefectureId, active: true } });
    if (!target) throw new AppError("VALIDATION", "所选职业学校不存在或已停用，请重新选择。", { toVocationalSchoolId: "请重新选择" });
    const doc = await storeDocument(tx, actor, {
      kind: "SCHOOL_CHOICE", file: input.file!,
      owner: { countyId: before.countyId, middleSchoolId: before.middleSchoolId },
      entity: { type: "Application", id: before.id },
    });
    // Optimistic check: nobody sent the student off or changed the choice meanwhile.
    const res = await tx.application.updateMany({
      where: { id: before.id, status: before.status, vocationalSchoolId: before.vocationalSchoolId },
      data: { vocationalSchoolId: target.id },
    });
    if (res.count !== 1) throw new AppError("CONFLICT", "该申请刚被其他人修改或已送读，请刷新页面后重试。");
    await tx.schoolChoiceChange.create({
      data: { applicationId: before.id, fromVocationalSchoolId: before.vocationalSchoolId, toVocationalSchoolId: target.id, documentId: doc.id, recordedById: actor.userId },
    });
    await audit(tx, actor, "application.changeSchool", { type: "Application", id: before.id }, {
      from: before.vocationalSchool.name, to: target.name, documentId: doc.id,
    });
    return { from: before.vocationalSchool.name, to: target.name };
  });
}
