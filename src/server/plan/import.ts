import "server-only";
import { db, type Db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { audit, auditAlone } from "@/server/audit";
import { AppError } from "@/server/errors";
import { planTotals, type PlanTotals } from "@/lib/plan-rules";
import { parseAnnex2Workbook, type Annex2KnownNames, type Annex2Problem } from "@/server/imports/annex2";
import type { Prisma } from "@/generated/prisma/client";
import { isProblemImport, type Client, type ImportReport } from "./content";
import { checkPlanRows, openNewVersion, type PlanWriteOpts } from "./write";

export type Annex2Upload = { fileName: string; bytes: Buffer };

async function knownNames(client: Client, prefectureId: string) {
  const [counties, schools] = await Promise.all([
    client.county.findMany({ where: { prefectureId, active: true }, orderBy: { sortOrder: "asc" } }),
    client.vocationalSchool.findMany({ where: { prefectureId, active: true }, orderBy: { sortOrder: "asc" } }),
  ]);
  const known: Annex2KnownNames = {
    counties: counties.map((c) => c.name),
    vocationalSchools: schools.map((s) => ({ name: s.name, aliases: s.fullName !== s.name ? [s.fullName] : [] })),
  };
  return { counties, schools, known };
}

/** Reads the file into a report (figures keyed by organisation id), or the fatal message. */
async function readUpload(client: Client, prefectureId: string, upload: Annex2Upload): Promise<ImportReport | { fatal: string }> {
  if (!/\.xlsx$/i.test(upload.fileName.trim())) {
    return { fatal: `“${upload.fileName}”不是 .xlsx 文件：请在 WPS 或 Excel 中把附件2另存为 .xlsx 格式后再上传。` };
  }
  const { counties, schools, known } = await knownNames(client, prefectureId);
  const parsed = await parseAnnex2Workbook(upload.bytes, known);
  if ("fatal" in parsed) return parsed;
  const countyId = new Map(counties.map((c) => [c.name, c.id]));
  const schoolId = new Map(schools.map((s) => [s.name, s.id]));
  return {
    fileName: upload.fileName,
    fileYear: parsed.year,
    problems: parsed.problems,
    counties: parsed.counties.map((c) => ({ countyId: countyId.get(c.countyName)!, ...c })),
    vocationalSchools: parsed.vocationalSchools.map((s) => ({ vocationalSchoolId: schoolId.get(s.schoolName)!, ...s })),
  };
}

export type ImportPreview = {
  fileName: string;
  fileYear: number | null;
  problems: Annex2Problem[];
  counties: ImportReport["counties"];
  vocationalSchools: ImportReport["vocationalSchools"];
  totals: PlanTotals;
  /** what accepting would create for the file's year */
  target: { year: number; nextVersion: number; openDraft: number | null; issuedVersion: number | null } | null;
};

/** A file the import cannot read is refused — and audited (who tried which file, and why), like the 报名 import. */
async function refuseImport(actor: Actor, fileName: string, message: string, fieldErrors: Record<string, string>): Promise<never> {
  await auditAlone(actor, "plan.importRefused", {}, { fileName, message });
  throw new AppError("VALIDATION", message, fieldErrors);
}

/** Step 1: read the uploaded file and report every problem. Nothing is stored but the refusal of an unreadable file (audited). */
export async function previewAnnex2Import(actor: Actor, upload: Annex2Upload): Promise<ImportPreview> {
  assertCan(actor, "plan.edit");
  const report = await readUpload(db(), actor.prefectureId, upload);
  if ("fatal" in report) return refuseImport(actor, upload.fileName, report.fatal, { file: report.fatal });
  let target: ImportPreview["target"] = null;
  if (report.fileYear) {
    const plan = await db().quotaPlan.findUnique({ where: { year: report.fileYear }, include: { versions: true } });
    const versions = plan?.versions ?? [];
    const open = versions.find((v) => v.status === "DRAFT" && !isProblemImport(v));
    target = {
      year: report.fileYear,
      nextVersion: Math.max(0, ...versions.map((v) => v.version)) + 1,
      openDraft: open?.version ?? null,
      issuedVersion: versions.find((v) => v.status === "ISSUED")?.version ?? null,
    };
  }
  return {
    ...report,
    totals: planTotals(report.counties, report.vocationalSchools),
    target,
  };
}

/**
 * Step 2: the user accepts the file. It is read again (the same bytes give the same report) and kept
 * as a new draft version of the year's plan. A file without problems becomes an ordinary draft with
 * quota rows, ready to issue; a file with problems is kept only as a draft that lists them and cannot
 * be issued — its figures stay in the report (the database would refuse them as quota rows).
 */
export async function acceptAnnex2Import(
  actor: Actor,
  input: Annex2Upload & { year: number; amendReason?: string },
  now: Date,
  opts: PlanWriteOpts = {},
) {
  assertCan(actor, "plan.edit");
  const client: Db = opts.client ?? db();
  const report = await readUpload(client, actor.prefectureId, input);
  if ("fatal" in report) return refuseImport(actor, input.fileName, report.fatal, { file: report.fatal });
  if (report.fileYear && report.fileYear !== input.year) {
    return refuseImport(actor, input.fileName, `文件标题中的年度是${report.fileYear}年，与所选的${input.year}年不一致。请确认文件或所选年度。`, { year: "与文件年度不一致" });
  }
  const clean = report.problems.length === 0;
  return client.$transaction(async (tx) => {
    const { plan, version } = await openNewVersion(tx, input, "导入的新版本");
    if (clean) {
      // The parser found nothing; the database-side rules are checked once more before rows are written.
      const errors = await checkPlanRows(tx, actor.prefectureId, report);
      if (Object.keys(errors).length) throw new AppError("VALIDATION", `文件不符合规则：${Object.values(errors)[0]}`);
    }
    const created = await tx.planVersion.create({
      data: {
        planId: plan.id,
        version,
        status: "DRAFT",
        source: "IMPORT",
        importFileName: input.fileName,
        importProblems: report as unknown as Prisma.InputJsonValue,
        amendReason: input.amendReason ?? null,
        createdById: actor.userId,
        createdAt: now,
      },
    });
    if (clean) {
      await tx.countyQuota.createMany({
        data: report.counties.map((c) => ({ versionId: created.id, countyId: c.countyId, cohortBase: c.cohortBase, sendOffCap: c.sendOffCap, shanghaiTask: c.shanghaiTask })),
      });
      await tx.vocationalQuota.createMany({
        data: report.vocationalSchools.map((s) => ({ versionId: created.id, vocationalSchoolId: s.vocationalSchoolId, enrolCap: s.enrolCap, shanghaiTask: s.shanghaiTask })),
      });
    }
    await audit(tx, actor, "plan.import", { type: "PlanVersion", id: created.id }, {
      year: input.year, version, fileName: input.fileName, problems: report.problems.length,
    });
    return { year: input.year, version, versionId: created.id, problems: report.problems.length };
  });
}
