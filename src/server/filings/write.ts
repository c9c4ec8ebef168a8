import "server-only";
import { db, type Tx } from "@/server/db";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, isUniqueViolation, notFound } from "@/server/errors";
import { storeDocument, type UploadRules, type UploadedFile } from "@/server/documents/documents";
import { DOCX_MIME, XLSX_MIME } from "@/server/documents/file-type";
import { fieldErrorsFromZod } from "@/lib/form";
import { chinaDateOf } from "@/lib/china-date";
import {
  APPROVE_VERB, FILING_CONTENT, FILING_LABELS, FILING_MAX_UPLOAD_BYTES, FILING_UPLOAD_LABEL, filingStatusLabel, submitProblems,
  type FilingKind,
} from "@/lib/schemas/filings";
import { filerOf, filingReadScope, filingReviewScope, isOwnFiling, type Filer } from "./rules";
import { reportFigures } from "./figures";

export const FILING_UPLOAD_RULES: UploadRules = {
  mimeTypes: ["application/pdf", DOCX_MIME, XLSX_MIME],
  maxBytes: FILING_MAX_UPLOAD_BYTES,
  kindsLabel: FILING_UPLOAD_LABEL,
  hint: "请上传方案或总结的 PDF、Word 或 Excel 文件（不超过 20 MB）。",
};

type FilingRow = { id: string; version: number; status: "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED"; documentId: string | null };

/** The filer's versions of (kind, year), newest first, locked for the rest of the transaction. */
async function lockVersions(tx: Tx, kind: FilingKind, year: number, key: string): Promise<FilingRow[]> {
  return tx.$queryRaw<FilingRow[]>`
    SELECT id, version, status::text AS status, "documentId" FROM "Filing"
     WHERE kind = ${kind}::"FilingKind" AND year = ${year} AND "filerKey" = ${key}
     ORDER BY version DESC FOR UPDATE`;
}

/** Parses the kind's content; a refusal names the field ("classes.0.size" → 班额…). */
function parseContent(kind: FilingKind, content: unknown): Prisma.InputJsonObject {
  const parsed = FILING_CONTENT[kind].safeParse(content);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "填写内容有误，请按提示修改后再保存。", fieldErrorsFromZod(parsed.error));
  }
  return parsed.data as Prisma.InputJsonObject;
}

/** A report needs a year with data: an issued quota plan (no plan, no send-off, nothing to report). */
async function assertYearHasData(tx: Tx, year: number) {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "PlanVersion" pv JOIN "QuotaPlan" p ON p.id = pv."planId"
     WHERE p.year = ${year} AND pv.status IN ('ISSUED', 'SUPERSEDED')`;
  if (row.n === 0) {
    throw new AppError("INVALID_STATE", `${year}年没有下达送读招生计划，也没有送读数据，不能报送该年度的招生情况及工作总结。请核对年度。`);
  }
}

async function recordTime(tx: Tx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ t: Date }[]>`SELECT now() AS t`;
  return row.t;
}

/**
 * Saves the filer's current version of (kind, year), and with `submit` submits it.
 * - none yet, or the last one returned → a new version (the returned one stays as it was);
 * - the last one a draft → that draft is updated;
 * - the last one submitted or approved → refused (nothing stored).
 * At submission the version must be complete (`submitProblems`) and the September report's
 * figures are computed from the data and frozen into it.
 */
export async function saveFiling(
  actor: Actor,
  input: { kind: FilingKind; year: number; content: unknown; file?: UploadedFile; submit: boolean },
  now: Date,
) {
  assertCan(actor, "filing.submit");
  const filer = filerOf(actor, input.kind);
  const label = FILING_LABELS[input.kind];
  const content = parseContent(input.kind, input.content);
  try {
    return await db().$transaction(async (tx) => {
      if (input.kind === "ANNUAL_REPORT") await assertYearHasData(tx, input.year);
      const [last] = await lockVersions(tx, input.kind, input.year, filer.key);
      if (last?.status === "SUBMITTED") {
        throw new AppError("INVALID_STATE", `${input.year}年${label}第 ${last.version} 版已提交，正在等待审核，不能修改或重复提交。如需修改，请联系审核单位退回。`);
      }
      if (last?.status === "APPROVED") {
        throw new AppError("INVALID_STATE", `${input.year}年${label}第 ${last.version} 版已${filingStatusLabel(input.kind, "APPROVED")}，不能再修改或提交。`);
      }
      const doc = input.file
        ? await storeDocument(tx, actor, { kind: DOCUMENT_KIND[input.kind], file: input.file, owner: owner(filer), rules: FILING_UPLOAD_RULES })
        : null;
      const documentId = doc?.id ?? last?.documentId ?? null;
      let data: Prisma.FilingUncheckedCreateInput = {
        kind: input.kind, year: input.year, version: last?.status === "DRAFT" ? last.version : (last?.version ?? 0) + 1,
        filerKey: filer.key, countyId: filer.countyId, vocationalSchoolId: filer.vocationalSchoolId, reviewerCountyId: filer.reviewerCountyId,
        status: "DRAFT", content, documentId, createdById: actor.userId,
      };
      if (input.submit) {
        const missing = submitProblems(input.kind, content, documentId !== null);
        if (missing.length) {
          throw new AppError("VALIDATION", `还不能提交，请先填写：${missing.join("、")}。可以先保存为草稿。`);
        }
        const figures = input.kind === "ANNUAL_REPORT" ? await reportFigures(tx, input.year, filer) : undefined;
        data = {
          ...data, status: "SUBMITTED", content: figures ? { ...content, figures } : content,
          submittedOn: chinaDateOf(now), submittedAt: await recordTime(tx), submittedById: actor.userId,
        };
      }
      const row = last?.status === "DRAFT"
        ? await tx.filing.update({ where: { id: last.id }, data })
        : await tx.filing.create({ data });
      await audit(tx, actor, input.submit ? "filing.submit" : "filing.save", { type: "Filing", id: row.id }, {
        kind: input.kind, label, year: input.year, version: row.version, newVersion: last?.status !== "DRAFT",
        ...(doc ? { documentId: doc.id, fileName: doc.fileName } : {}),
        ...(input.submit && input.kind === "ANNUAL_REPORT" ? { figures: (data.content as { figures: Prisma.InputJsonValue }).figures } : {}),
      });
      return { id: row.id, version: row.version, status: row.status };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("CONFLICT", `${label}刚刚已被本单位其他人保存，请刷新页面，核对最新内容后再修改。`);
    }
    throw err;
  }
}

const DOCUMENT_KIND = {
  IMPLEMENTATION_PLAN: "COUNTY_PLAN", TEACHING_PLAN: "TEACHING_PLAN", ANNUAL_REPORT: "REPORT", PLANNED_FIGURES: "OTHER",
} as const;

const owner = (f: Filer) => ({ countyId: f.countyId, vocationalSchoolId: f.vocationalSchoolId });

/**
 * The reviewer approves (备案 for teaching plans) or returns a submitted version with a comment.
 * Nobody reviews their own organisation's filing; a filing outside the reviewer's scope is "not found".
 */
export async function reviewFiling(actor: Actor, input: { id: string; decision: "APPROVE" | "RETURN"; comment: string }) {
  assertCan(actor, "filing.review");
  return db().$transaction(async (tx) => {
    const visible = await tx.filing.findFirst({ where: { AND: [filingReadScope(actor), { id: input.id }] }, select: { id: true, countyId: true, vocationalSchoolId: true } });
    if (!visible) throw notFound("报送材料");
    if (isOwnFiling(actor, visible)) {
      throw new AppError("FORBIDDEN", "不能审核本单位自己报送的材料，须由上级教育体育局审核。");
    }
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Filing" WHERE id = ${input.id} FOR UPDATE`;
    const f = locked ? await tx.filing.findFirst({ where: { AND: [filingReviewScope(actor), { id: input.id }] } }) : null;
    if (!f) throw notFound("报送材料");
    const kind = f.kind as FilingKind;
    const label = FILING_LABELS[kind];
    if (f.status !== "SUBMITTED") {
      throw new AppError("INVALID_STATE", `该${label}（第 ${f.version} 版）目前为“${filingStatusLabel(kind, f.status)}”，只有已提交的材料可以审核。请刷新页面。`);
    }
    const comment = input.comment.trim();
    if (input.decision === "RETURN" && comment.length < 2) {
      throw new AppError("VALIDATION", "退回修改时请填写意见（至少 2 个字），说明需要修改什么。", { comment: "请填写退回意见" });
    }
    const updated = await tx.filing.update({
      where: { id: f.id },
      data: { status: input.decision === "APPROVE" ? "APPROVED" : "RETURNED", reviewedById: actor.userId, reviewedAt: await recordTime(tx), reviewComment: comment || null },
    });
    await audit(tx, actor, input.decision === "APPROVE" ? "filing.approve" : "filing.return", { type: "Filing", id: f.id }, {
      kind, label, year: f.year, version: f.version, filerKey: f.filerKey, comment: comment || null,
    });
    return { status: updated.status, message: input.decision === "APPROVE" ? `已${APPROVE_VERB[kind]}（第 ${f.version} 版）。` : `已退回修改（第 ${f.version} 版），报送单位修改后重新提交。` };
  });
}

/**
 * The prefecture lets a county (or a prefecture-level school) send off without an approved 实施方案
 * for one year, with a recorded reason. Audited; kept (a later approval makes it moot).
 */
export async function waiveSendOffGate(actor: Actor, input: { year: number; filerKey: string; reason: string }) {
  assertCan(actor, "filing.waive");
  return db().$transaction(async (tx) => {
    const [target] = await tx.$queryRaw<{ name: string }[]>`
      SELECT c.name FROM "County" c WHERE 'county:' || c.id = ${input.filerKey} AND c."prefectureId" = ${actor.prefectureId}
      UNION ALL
      SELECT v."fullName" FROM "VocationalSchool" v
       WHERE 'voc:' || v.id = ${input.filerKey} AND v."prefectureId" = ${actor.prefectureId} AND v."countyId" IS NULL`;
    if (!target) throw notFound("县市或州属职业学校");
    // Serialises two bureau staff waiving at once (one live waiver per filer and year).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`waiver:${input.year}:${input.filerKey}`}))`;
    const live = await tx.filingWaiver.findFirst({ where: { year: input.year, filerKey: input.filerKey, revokedAt: null } });
    if (live) throw new AppError("INVALID_STATE", `${target.name}${input.year}年的送读已豁免实施方案审核，无需重复豁免。`);
    const approved = await tx.filing.count({ where: { kind: "IMPLEMENTATION_PLAN", year: input.year, filerKey: input.filerKey, status: "APPROVED" } });
    if (approved) throw new AppError("INVALID_STATE", `${target.name}${input.year}年实施方案已审核通过，无需豁免。`);
    const w = await tx.filingWaiver.create({ data: { year: input.year, filerKey: input.filerKey, reason: input.reason.trim(), createdById: actor.userId } });
    await audit(tx, actor, "filing.waive", { type: "FilingWaiver", id: w.id }, { year: input.year, filerKey: input.filerKey, name: target.name, reason: w.reason });
    return { message: `已豁免${target.name}${input.year}年送读前的实施方案审核。原因：${w.reason}` };
  });
}
