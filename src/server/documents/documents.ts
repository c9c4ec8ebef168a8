import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { DocumentKind } from "@/generated/prisma/enums";
import type { Actor } from "@/server/auth/load-actor";
import { db, type Tx } from "@/server/db";
import { audit } from "@/server/audit";
import { AppError } from "@/server/errors";
import { applicationContactScope } from "@/server/applications/scope";
import { filingReadScope } from "@/server/filings/rules";
import { MAX_UPLOAD_BYTES, UPLOAD_KINDS_LABEL } from "@/lib/schemas/application-workflow";
import { detectFileType, type DetectedFileType } from "./file-type";

/**
 * Uploaded documents (scans, photos, proofs). The bytes live in PostgreSQL (`DocumentBlob`) so
 * that every app server sees them; nothing goes under `public/`. A document is served only
 * through `/api/documents/[id]`, to users inside `documentAccessScope`.
 */

export type UploadedFile = { name: string; bytes: Uint8Array };

/** Turns a browser File into bytes (the server action receives a File). */
export async function fileToUpload(file: File): Promise<UploadedFile> {
  return { name: file.name || "未命名文件", bytes: new Uint8Array(await file.arrayBuffer()) };
}

function formatMb(bytes: number) {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** What an upload may be: accepted types (from the bytes), size limit and the words for both. */
export type UploadRules = { mimeTypes: readonly DetectedFileType["mimeType"][]; maxBytes: number; kindsLabel: string; hint: string };

/** The signed paper form (附件3) and proofs: a scan or photo, ≤ 10 MB. */
export const SCAN_UPLOAD_RULES: UploadRules = {
  mimeTypes: ["image/jpeg", "image/png", "application/pdf"],
  maxBytes: MAX_UPLOAD_BYTES,
  kindsLabel: UPLOAD_KINDS_LABEL,
  hint: "请上传签字后申请表的扫描件或照片。",
};

/**
 * Checks size and type (from the bytes) of an upload; throws a VALIDATION error on `field`
 * that tells the user what to upload instead.
 */
export function checkUpload(file: UploadedFile, field = "file", rules: UploadRules = SCAN_UPLOAD_RULES): DetectedFileType {
  if (rules !== SCAN_UPLOAD_RULES) return checkUploadWith(file, field, rules);
  const name = file.name;
  if (file.bytes.length === 0) {
    throw new AppError("VALIDATION", `文件“${name}”是空的，请重新选择${UPLOAD_KINDS_LABEL}。`, { [field]: "文件是空的，请重新选择" });
  }
  if (file.bytes.length > MAX_UPLOAD_BYTES) {
    const msg = `文件“${name}”有 ${formatMb(file.bytes.length)} MB，超过 10 MB 的上限。请用手机拍照或把扫描分辨率调低后重新上传。`;
    throw new AppError("VALIDATION", msg, { [field]: `文件超过 10 MB（当前 ${formatMb(file.bytes.length)} MB）` });
  }
  const type = detectFileType(file.bytes);
  if (!type || !rules.mimeTypes.includes(type.mimeType)) {
    const msg = `文件“${name}”不是${UPLOAD_KINDS_LABEL}（按文件内容判断，与文件名无关）。请上传签字后申请表的扫描件或照片。`;
    throw new AppError("VALIDATION", msg, { [field]: `只能上传${UPLOAD_KINDS_LABEL}` });
  }
  return type;
}

function checkUploadWith(file: UploadedFile, field: string, rules: UploadRules): DetectedFileType {
  const name = file.name;
  const mb = formatMb(rules.maxBytes).replace(/\.0$/, "");
  if (file.bytes.length === 0) {
    throw new AppError("VALIDATION", `文件“${name}”是空的，请重新选择${rules.kindsLabel}。`, { [field]: "文件是空的，请重新选择" });
  }
  if (file.bytes.length > rules.maxBytes) {
    throw new AppError("VALIDATION", `文件“${name}”有 ${formatMb(file.bytes.length)} MB，超过 ${mb} MB 的上限。${rules.hint}`,
      { [field]: `文件超过 ${mb} MB（当前 ${formatMb(file.bytes.length)} MB）` });
  }
  const type = detectFileType(file.bytes);
  if (!type || !rules.mimeTypes.includes(type.mimeType)) {
    throw new AppError("VALIDATION", `文件“${name}”不是${rules.kindsLabel}（按文件内容判断，与文件名无关）。${rules.hint}`,
      { [field]: `只能上传${rules.kindsLabel}` });
  }
  return type;
}

/** Keeps the user's file name readable but safe for headers and listings. */
function cleanFileName(name: string, type: DetectedFileType): string {
  const base = name.replace(/[\u0000-\u001f\u007f/\\"]/g, "_").trim().slice(-120) || `文件.${type.extension}`;
  return base;
}

/** Stores a checked upload inside the caller's transaction and audits it. */
export async function storeDocument(
  tx: Tx,
  actor: Actor,
  input: {
    kind: DocumentKind;
    file: UploadedFile;
    owner: { countyId?: string | null; middleSchoolId?: string | null; vocationalSchoolId?: string | null };
    entity?: { type: string; id: string };
    rules?: UploadRules;
  },
) {
  const type = checkUpload(input.file, "file", input.rules);
  const sha256 = createHash("sha256").update(input.file.bytes).digest("hex");
  const doc = await tx.document.create({
    data: {
      kind: input.kind,
      fileName: cleanFileName(input.file.name, type),
      mimeType: type.mimeType,
      size: input.file.bytes.length,
      sha256,
      countyId: input.owner.countyId ?? null,
      middleSchoolId: input.owner.middleSchoolId ?? null,
      vocationalSchoolId: input.owner.vocationalSchoolId ?? null,
      uploadedById: actor.userId,
      blob: { create: { bytes: Buffer.from(input.file.bytes) } },
    },
    select: { id: true, fileName: true, mimeType: true, size: true, sha256: true, createdAt: true },
  });
  await audit(tx, actor, "document.upload", { type: "Document", id: doc.id }, {
    kind: input.kind, fileName: doc.fileName, mimeType: doc.mimeType, size: doc.size, sha256: doc.sha256,
    ...(input.entity ? { for: input.entity } : {}),
  });
  return doc;
}

/** Documents owned by the actor's organisation (or, for bureaus, by organisations under it). */
export function documentOwnerScope(actor: Actor): Prisma.DocumentWhereInput {
  switch (actor.role) {
    case "PREFECTURE":
      return {
        OR: [
          { county: { prefectureId: actor.prefectureId } },
          { middleSchool: { county: { prefectureId: actor.prefectureId } } },
          { vocationalSchool: { prefectureId: actor.prefectureId } },
        ],
      };
    case "COUNTY":
      return { OR: [{ countyId: actor.countyId }, { middleSchool: { countyId: actor.countyId } }] };
    case "MIDDLE_SCHOOL":
      return { middleSchoolId: actor.middleSchoolId };
    case "VOCATIONAL_SCHOOL":
      return { vocationalSchoolId: actor.vocationalSchoolId };
  }
}

/**
 * Who may open a document: its owners, and whoever may see the student's full application
 * (a vocational school sees the signed form of a student sent off to it).
 */
export function documentAccessScope(actor: Actor): Prisma.DocumentWhereInput {
  return {
    OR: [
      documentOwnerScope(actor),
      { consentFor: { some: applicationContactScope(actor) } },
      // A filing's attachment: whoever may read the filing (its filer and its reviewer).
      { filings: { some: filingReadScope(actor) } },
    ],
  };
}

/** The document with its bytes for download, audited; "not found" when outside the actor's scope. */
export async function getDocumentForDownload(actor: Actor, id: string) {
  return db().$transaction(async (tx) => {
    const doc = await tx.document.findFirst({
      where: { AND: [documentAccessScope(actor), { id }] },
      include: { blob: true },
    });
    if (!doc || !doc.blob) throw new AppError("NOT_FOUND", "未找到该文件，或您无权查看。请返回页面刷新后重试。");
    await audit(tx, actor, "document.download", { type: "Document", id: doc.id }, { kind: doc.kind, fileName: doc.fileName });
    return { id: doc.id, fileName: doc.fileName, mimeType: doc.mimeType, size: doc.size, sha256: doc.sha256, bytes: doc.blob.bytes };
  });
}
