import "server-only";
import type { Db, Tx } from "@/server/db";
import type { Annex2Problem } from "@/server/imports/annex2";
import type { PlanVersionStatus } from "@/generated/prisma/enums";

/** Either the app's client or a transaction: reads work on both. */
export type Client = Db | Tx;

/**
 * What an accepted 附件2 import leaves on its version (PlanVersion.importProblems): the file's name,
 * every problem found, and the figures as read. A file with problems breaks rules the database itself
 * enforces (CHECK sendOffCap*10 <= cohortBase*3), so its figures can only live here, never as quota
 * rows: such a version stays a draft that cannot be issued (docs/decisions/003-plan-2020-demo.md).
 */
export type ImportReport = {
  fileName: string;
  fileYear: number | null;
  problems: Annex2Problem[];
  counties: { countyId: string; countyName: string; cohortBase: number; sendOffCap: number; shanghaiTask: number }[];
  vocationalSchools: { vocationalSchoolId: string; schoolName: string; enrolCap: number; shanghaiTask: number }[];
};

export function importReportOf(json: unknown): ImportReport | null {
  if (!json || typeof json !== "object" || !Array.isArray((json as ImportReport).problems)) return null;
  const r = json as Partial<ImportReport>;
  return {
    fileName: r.fileName ?? "",
    fileYear: r.fileYear ?? null,
    problems: r.problems ?? [],
    counties: r.counties ?? [],
    vocationalSchools: r.vocationalSchools ?? [],
  };
}

/** A version built from a file with problems: kept as the record of that file, never editable or issuable. */
export function isProblemImport(version: { importProblems: unknown }): boolean {
  const report = importReportOf(version.importProblems);
  return report !== null && report.problems.length > 0;
}

export type ContentCounty = {
  countyId: string;
  countyName: string;
  sortOrder: number;
  cohortBase: number | null;
  sendOffCap: number | null;
  shanghaiTask: number | null;
};
export type ContentSchool = {
  vocationalSchoolId: string;
  schoolName: string;
  fullName: string;
  sortOrder: number;
  enrolCap: number | null;
  shanghaiTask: number | null;
};
export type VersionContent = { counties: ContentCounty[]; vocationalSchools: ContentSchool[]; complete: boolean };

/**
 * The figures of one version, one row per county / vocational school of the prefecture in official
 * order. Versions with quota rows read them; a problem import reads its report (figures the file did
 * not give are null). Organisations the version does not mention are listed only when active.
 */
export async function versionContent(
  client: Client,
  prefectureId: string,
  version: { id: string; importProblems: unknown },
): Promise<VersionContent> {
  const [counties, schools, cq, vq] = await Promise.all([
    client.county.findMany({ where: { prefectureId }, orderBy: { sortOrder: "asc" } }),
    client.vocationalSchool.findMany({ where: { prefectureId }, orderBy: { sortOrder: "asc" } }),
    client.countyQuota.findMany({ where: { versionId: version.id } }),
    client.vocationalQuota.findMany({ where: { versionId: version.id } }),
  ]);
  const report = isProblemImport(version) ? importReportOf(version.importProblems) : null;
  const cRows = new Map<string, { cohortBase: number; sendOffCap: number; shanghaiTask: number }>(
    report ? report.counties.map((c) => [c.countyId, c]) : cq.map((c) => [c.countyId, c]),
  );
  const vRows = new Map<string, { enrolCap: number; shanghaiTask: number }>(
    report ? report.vocationalSchools.map((s) => [s.vocationalSchoolId, s]) : vq.map((s) => [s.vocationalSchoolId, s]),
  );
  const outCounties: ContentCounty[] = counties
    .filter((c) => c.active || cRows.has(c.id))
    .map((c) => {
      const row = cRows.get(c.id);
      return {
        countyId: c.id, countyName: c.name, sortOrder: c.sortOrder,
        cohortBase: row?.cohortBase ?? null, sendOffCap: row?.sendOffCap ?? null, shanghaiTask: row?.shanghaiTask ?? null,
      };
    });
  const outSchools: ContentSchool[] = schools
    .filter((s) => s.active || vRows.has(s.id))
    .map((s) => {
      const row = vRows.get(s.id);
      return {
        vocationalSchoolId: s.id, schoolName: s.name, fullName: s.fullName, sortOrder: s.sortOrder,
        enrolCap: row?.enrolCap ?? null, shanghaiTask: row?.shanghaiTask ?? null,
      };
    });
  const complete =
    outCounties.every((c) => c.cohortBase !== null && c.sendOffCap !== null && c.shanghaiTask !== null) &&
    outSchools.every((s) => s.enrolCap !== null && s.shanghaiTask !== null);
  return { counties: outCounties, vocationalSchools: outSchools, complete };
}

export type VersionState = "DRAFT" | "PROBLEM_IMPORT" | "ISSUED" | "SUPERSEDED" | "DISCARDED";

/** The status a person reads: a superseded version that was never issued was discarded (作废). */
export function versionState(v: { status: PlanVersionStatus; issuedAt: Date | null; importProblems: unknown }): VersionState {
  if (v.status === "ISSUED") return "ISSUED";
  if (v.status === "SUPERSEDED") return v.issuedAt ? "SUPERSEDED" : "DISCARDED";
  return isProblemImport(v) ? "PROBLEM_IMPORT" : "DRAFT";
}

export const VERSION_STATE_LABELS: Record<VersionState, string> = {
  DRAFT: "草稿（未下达）",
  PROBLEM_IMPORT: "导入草稿（有问题，不能下达）",
  ISSUED: "现行（已下达）",
  SUPERSEDED: "已被新版本取代",
  DISCARDED: "已作废（未下达）",
};
