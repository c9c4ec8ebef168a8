import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { percent } from "@/lib/retention";
import { storeDocument, type UploadedFile } from "@/server/documents/documents";
import { assessScope, schoolRetention } from "./read";

/** 未达 95%，须说明原因: the school records why; refused when its figure meets the target. */
export async function recordExplanation(caller: Actor, input: { year: number; text: string; file?: UploadedFile }, now: Date) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "retention.explain");
  const schoolId = actor.vocationalSchoolId;
  return db().$transaction(async (tx) => {
    const f = await schoolRetention(tx, schoolId, input.year);
    if (f.retention.meetsTarget !== false) {
      throw new AppError("INVALID_STATE", `本校${input.year}年巩固率为 ${percent(f.retention.rate)}，${f.retention.rate === null ? "无法计算" : "已达 95%"}，无需说明原因。`);
    }
    // The optional document: owned by the school and, for a 县市职中, by its county (the assessor); the prefecture sees all.
    const school = await tx.vocationalSchool.findUniqueOrThrow({ where: { id: schoolId }, select: { countyId: true } });
    const doc = input.file
      ? await storeDocument(tx, actor, { kind: "RETENTION_EXPLANATION", file: input.file, owner: { vocationalSchoolId: schoolId, countyId: school.countyId }, entity: { type: "VocationalSchool", id: schoolId } })
      : null;
    const row = await tx.retentionExplanation.create({ data: { vocationalSchoolId: schoolId, year: input.year, text: input.text, documentId: doc?.id ?? null, recordedById: actor.userId, createdAt: now } });
    await audit(tx, actor, "retention.explain", { type: "VocationalSchool", id: schoolId }, { year: input.year, rate: percent(f.retention.rate), document: doc?.fileName ?? null });
    return row;
  });
}

/**
 * 考核 sign-off (policy 六): the prefecture for its prefecture-level schools (standard: ≥ 95 %), a county
 * for its own schools with its own method. Only on the final figure (after autumn registration). The
 * signed version is frozen with its figures; a correction is a new version with a reason.
 */
export async function signAssessment(
  actor: Actor,
  input: { vocationalSchoolId: string; year: number; result: "PASS" | "FAIL"; comment: string; method?: string; reason?: string },
  now: Date,
) {
  assertCan(actor, "retention.assess");
  return db().$transaction(async (tx) => {
    const school = await tx.vocationalSchool.findFirst({ where: { ...assessScope(actor), id: input.vocationalSchoolId } });
    if (!school) throw notFound("职业学校");
    // Serialise sign-offs of one school (two clicks must not create two "version 2").
    await tx.$queryRaw`SELECT id FROM "VocationalSchool" WHERE id = ${school.id} FOR UPDATE`;
    const f = await schoolRetention(tx, school.id, input.year);
    if (!f.final) throw new AppError("INVALID_STATE", `${school.name}还有学生未办理秋季注册，巩固率尚未最终确定。请在秋季注册完成后再签署考核。`);
    if (actor.role === "PREFECTURE" && input.result === "PASS" && f.retention.meetsTarget === false) {
      throw new AppError("VALIDATION", `${school.name}巩固率为 ${percent(f.retention.rate)}，低于考核标准 95%，不能评为达标。`, { result: "巩固率未达 95%，请选择“未达标”" });
    }
    if (actor.role === "COUNTY" && !input.method) {
      throw new AppError("VALIDATION", "请填写本县市对县市职中的考核办法。", { method: "请填写考核办法" });
    }
    const last = await tx.retentionAssessment.findFirst({ where: { vocationalSchoolId: school.id, year: input.year }, orderBy: { version: "desc" } });
    if (last && !input.reason) {
      throw new AppError("VALIDATION", `第 ${last.version} 版考核已签署，不能修改；如需更正，请填写更正原因后签署新版本。`, { reason: "请填写更正原因" });
    }
    if (last) await tx.retentionAssessment.update({ where: { id: last.id }, data: { supersededAt: now } });
    const row = await tx.retentionAssessment.create({
      data: {
        vocationalSchoolId: school.id, year: input.year, version: (last?.version ?? 0) + 1, assessorCountyId: actor.role === "COUNTY" ? actor.countyId : null,
        method: input.method ?? null, result: input.result, comment: input.comment, reason: last ? input.reason! : null,
        figures: JSON.parse(JSON.stringify({ retention: f.retention, exempt: f.exempt, lost: f.lost, counties: f.prefectureLevel ? f.counties : [] })),
        signedById: actor.userId, signedAt: now,
      },
    });
    await audit(tx, actor, "retention.assess", { type: "VocationalSchool", id: school.id }, {
      year: input.year, version: row.version, result: input.result === "PASS" ? "达标" : "未达标", rate: percent(f.retention.rate), reason: row.reason,
    });
    return row;
  });
}
