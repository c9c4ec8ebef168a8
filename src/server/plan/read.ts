import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, can } from "@/server/auth/permissions";
import { AppError, notFound } from "@/server/errors";
import { planTotals, type PlanTotals } from "@/lib/plan-rules";
import {
  importReportOf, versionContent, versionState, type Client,
  type ImportReport, type VersionContent, type VersionState,
} from "./content";
import { allocationScope, planVersionScope } from "./scope";

// ───── for other domains (send-off): the issued plan of a year ─────

export type IssuedPlan = {
  planId: string;
  year: number;
  cohortBaseYear: number;
  versionId: string;
  version: number;
  issuedAt: Date;
  counties: { countyId: string; cohortBase: number; sendOffCap: number; shanghaiTask: number }[];
  vocationalSchools: { vocationalSchoolId: string; enrolCap: number; shanghaiTask: number }[];
  /** 落实到校: one row per middle school that has been given an allocation (per plan, survives amendments). */
  allocations: { middleSchoolId: string; allocation: number }[];
  countyById: Map<string, { cohortBase: number; sendOffCap: number; shanghaiTask: number }>;
  vocationalById: Map<string, { enrolCap: number; shanghaiTask: number }>;
  allocationBySchool: Map<string, number>;
};

/**
 * The issued (现行) version of a year's plan with its quota rows and the middle-school allocations, or
 * null when nothing is issued. Not scoped: callers are domain functions that have already authorised
 * the actor (e.g. send-off); pass the transaction to read inside it.
 */
export async function getIssuedPlan(client: Client, year: number): Promise<IssuedPlan | null> {
  const version = await client.planVersion.findFirst({
    where: { status: "ISSUED", plan: { year } },
    include: { plan: true, countyQuotas: true, vocationalQuotas: true },
  });
  if (!version) return null;
  const allocations = await client.middleSchoolAllocation.findMany({
    where: { planId: version.planId },
    select: { middleSchoolId: true, allocation: true },
  });
  const counties = version.countyQuotas.map((q) => ({
    countyId: q.countyId, cohortBase: q.cohortBase, sendOffCap: q.sendOffCap, shanghaiTask: q.shanghaiTask,
  }));
  const vocationalSchools = version.vocationalQuotas.map((q) => ({
    vocationalSchoolId: q.vocationalSchoolId, enrolCap: q.enrolCap, shanghaiTask: q.shanghaiTask,
  }));
  return {
    planId: version.planId,
    year: version.plan.year,
    cohortBaseYear: version.plan.cohortBaseYear,
    versionId: version.id,
    version: version.version,
    issuedAt: version.issuedAt!,
    counties,
    vocationalSchools,
    allocations,
    countyById: new Map(counties.map((c) => [c.countyId, c])),
    vocationalById: new Map(vocationalSchools.map((s) => [s.vocationalSchoolId, s])),
    allocationBySchool: new Map(allocations.map((a) => [a.middleSchoolId, a.allocation])),
  };
}

// ───── helpers ─────

export function contentTotals(content: VersionContent): PlanTotals {
  return planTotals(
    content.counties.map((c) => ({ countyName: c.countyName, cohortBase: c.cohortBase ?? 0, sendOffCap: c.sendOffCap ?? 0, shanghaiTask: c.shanghaiTask ?? 0 })),
    content.vocationalSchools.map((s) => ({ schoolName: s.schoolName, enrolCap: s.enrolCap ?? 0, shanghaiTask: s.shanghaiTask ?? 0 })),
  );
}

async function userNames(client: Client, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const users = await client.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

export type VersionSummary = {
  id: string;
  version: number;
  state: VersionState;
  source: string;
  importFileName: string | null;
  problemCount: number;
  amendReason: string | null;
  createdAt: Date;
  createdBy: string;
  issuedAt: Date | null;
  issuedBy: string | null;
};

function summarize(
  v: { id: string; version: number; status: "DRAFT" | "ISSUED" | "SUPERSEDED"; source: string; importFileName: string | null; importProblems: unknown; amendReason: string | null; createdAt: Date; createdById: string; issuedAt: Date | null; issuedById: string | null },
  names: Map<string, string>,
): VersionSummary {
  return {
    id: v.id,
    version: v.version,
    state: versionState(v),
    source: v.source,
    importFileName: v.importFileName,
    problemCount: importReportOf(v.importProblems)?.problems.length ?? 0,
    amendReason: v.amendReason,
    createdAt: v.createdAt,
    createdBy: names.get(v.createdById) ?? "",
    issuedAt: v.issuedAt,
    issuedBy: v.issuedById ? names.get(v.issuedById) ?? "" : null,
  };
}

// ───── pages ─────

export type PlanListItem = { year: number; cohortBaseYear: number; issued: VersionSummary | null; versions: number; openDraft: number | null };

/** Years with a plan the actor may see: all for the prefecture, issued ones for everybody else. */
export async function listPlans(actor: Actor): Promise<PlanListItem[]> {
  assertCan(actor, "plan.read");
  const plans = await db().quotaPlan.findMany({
    where: { versions: { some: planVersionScope(actor) } },
    orderBy: { year: "desc" },
    include: { versions: { where: planVersionScope(actor), orderBy: { version: "asc" } } },
  });
  const names = await userNames(db(), plans.flatMap((p) => p.versions.flatMap((v) => [v.createdById, v.issuedById])));
  return plans.map((p) => {
    const summaries = p.versions.map((v) => summarize(v, names));
    return {
      year: p.year,
      cohortBaseYear: p.cohortBaseYear,
      issued: summaries.find((v) => v.state === "ISSUED") ?? null,
      versions: summaries.length,
      openDraft: summaries.find((v) => v.state === "DRAFT")?.version ?? null,
    };
  });
}

export type AllocationSummary = { countyId: string; countyName: string; sendOffCap: number; allocated: number; schools: number };

export type PlanOverview = {
  planId: string;
  year: number;
  cohortBaseYear: number;
  versions: VersionSummary[];
  issued: (VersionSummary & { content: VersionContent; totals: PlanTotals }) | null;
  /** the open (editable) draft, prefecture only */
  openDraft: VersionSummary | null;
  /** per county: S and what the county bureau has split among its schools (prefecture: all; county: own) */
  allocation: AllocationSummary[];
  /** a middle school's own allocation */
  ownAllocation: { schoolName: string; allocation: number | null } | null;
};

export async function getPlanOverview(actor: Actor, year: number): Promise<PlanOverview> {
  assertCan(actor, "plan.read");
  const plan = await db().quotaPlan.findFirst({
    where: { year, versions: { some: planVersionScope(actor) } },
    include: { versions: { where: planVersionScope(actor), orderBy: { version: "asc" } } },
  });
  if (!plan) throw notFound(`${year}年已下达的送读招生计划`);
  const names = await userNames(db(), plan.versions.flatMap((v) => [v.createdById, v.issuedById]));
  const versions = plan.versions.map((v) => summarize(v, names));
  const issuedRow = plan.versions.find((v) => v.status === "ISSUED");
  let issued: PlanOverview["issued"] = null;
  const allocation: AllocationSummary[] = [];
  if (issuedRow) {
    const content = await versionContent(db(), actor.prefectureId, issuedRow);
    issued = { ...summarize(issuedRow, names), content, totals: contentTotals(content) };
    if (actor.role === "PREFECTURE" || actor.role === "COUNTY") {
      const rows = await db().middleSchoolAllocation.findMany({
        where: { AND: [allocationScope(actor), { planId: plan.id }] },
        include: { middleSchool: { select: { countyId: true } } },
      });
      for (const c of content.counties) {
        if (actor.role === "COUNTY" && c.countyId !== actor.countyId) continue;
        const mine = rows.filter((r) => r.middleSchool.countyId === c.countyId);
        allocation.push({
          countyId: c.countyId, countyName: c.countyName, sendOffCap: c.sendOffCap ?? 0,
          allocated: mine.reduce((s, r) => s + r.allocation, 0), schools: mine.filter((r) => r.allocation > 0).length,
        });
      }
    }
  }
  let ownAllocation: PlanOverview["ownAllocation"] = null;
  if (actor.role === "MIDDLE_SCHOOL") {
    const school = await db().middleSchool.findUniqueOrThrow({ where: { id: actor.middleSchoolId } });
    const row = issuedRow
      ? await db().middleSchoolAllocation.findFirst({ where: { AND: [allocationScope(actor), { planId: plan.id }] } })
      : null;
    ownAllocation = { schoolName: school.name, allocation: row?.allocation ?? null };
  }
  return {
    planId: plan.id,
    year: plan.year,
    cohortBaseYear: plan.cohortBaseYear,
    versions,
    issued,
    openDraft: versions.find((v) => v.state === "DRAFT") ?? null,
    allocation,
    ownAllocation,
  };
}

export type VersionDetail = VersionSummary & {
  planId: string;
  year: number;
  cohortBaseYear: number;
  content: VersionContent;
  totals: PlanTotals;
  report: ImportReport | null;
  isLatest: boolean;
  /** another draft is open: no new version can be started */
  openDraftVersion: number | null;
};

export async function getVersionDetail(actor: Actor, year: number, versionNo: number): Promise<VersionDetail> {
  assertCan(actor, "plan.read");
  const v = await db().planVersion.findFirst({
    where: { AND: [planVersionScope(actor), { version: versionNo, plan: { year } }] },
    include: { plan: { include: { versions: { select: { version: true, status: true, issuedAt: true, importProblems: true } } } } },
  });
  if (!v) throw notFound(`${year}年计划第${versionNo}版`);
  const names = await userNames(db(), [v.createdById, v.issuedById]);
  const content = await versionContent(db(), actor.prefectureId, v);
  const latest = Math.max(...v.plan.versions.map((x) => x.version));
  const open = v.plan.versions.find((x) => versionState(x) === "DRAFT");
  return {
    ...summarize(v, names),
    planId: v.planId,
    year: v.plan.year,
    cohortBaseYear: v.plan.cohortBaseYear,
    content,
    totals: contentTotals(content),
    report: importReportOf(v.importProblems),
    isLatest: v.version === latest,
    openDraftVersion: actor.role === "PREFECTURE" && open ? open.version : null,
  };
}

// ───── county split (落实到校) ─────

export type SplitView = {
  year: number;
  countyId: string;
  countyName: string;
  version: number;
  issuedAt: Date;
  sendOffCap: number;
  shanghaiTask: number;
  schools: { id: string; name: string; prefectureOwned: boolean; active: boolean; allocation: number; sentOff: number }[];
  allocated: number;
  unallocated: number;
  canEdit: boolean;
};

/**
 * A county's split of its send-off cap: the county bureau its own, the prefecture any county of its
 * prefecture (read only). Middle schools and vocational schools have no split page.
 */
export async function getSplit(actor: Actor, year: number, countyIdParam?: string): Promise<SplitView> {
  assertCan(actor, "plan.read");
  if (actor.role !== "COUNTY" && actor.role !== "PREFECTURE") throw notFound("县市分解情况");
  const countyId = actor.role === "COUNTY" ? actor.countyId : countyIdParam;
  if (!countyId) throw notFound("县市");
  const county = await db().county.findFirst({ where: { id: countyId, prefectureId: actor.prefectureId } });
  if (!county) throw notFound("县市");
  const issued = await getIssuedPlan(db(), year);
  if (!issued) throw new AppError("INVALID_STATE", `${year}年送读招生计划尚未下达，下达后才能分解到学校。`);
  const quota = issued.countyById.get(county.id);
  if (!quota) throw new AppError("INVALID_STATE", `${year}年已下达的计划中没有${county.name}，请联系州教育体育局。`);
  const [schools, allocations, sent] = await Promise.all([
    db().middleSchool.findMany({ where: { countyId: county.id } }),
    db().middleSchoolAllocation.findMany({ where: { AND: [allocationScope(actor), { planId: issued.planId, middleSchool: { countyId: county.id } }] } }),
    db().enrolment.groupBy({ by: ["middleSchoolId"], where: { year, countyId: county.id }, _count: { _all: true } }),
  ]);
  const alloc = new Map(allocations.map((a) => [a.middleSchoolId, a.allocation]));
  const sentBy = new Map(sent.map((s) => [s.middleSchoolId, s._count._all]));
  const rows = schools
    .sort((a, b) => Number(a.prefectureOwned) - Number(b.prefectureOwned) || a.name.localeCompare(b.name, "zh-CN"))
    .filter((s) => s.active || (alloc.get(s.id) ?? 0) > 0)
    .map((s) => ({ id: s.id, name: s.name, prefectureOwned: s.prefectureOwned, active: s.active, allocation: alloc.get(s.id) ?? 0, sentOff: sentBy.get(s.id) ?? 0 }));
  const allocated = rows.reduce((sum, r) => sum + r.allocation, 0);
  return {
    year,
    countyId: county.id,
    countyName: county.name,
    version: issued.version,
    issuedAt: issued.issuedAt,
    sendOffCap: quota.sendOffCap,
    shanghaiTask: quota.shanghaiTask,
    schools: rows,
    allocated,
    unallocated: quota.sendOffCap - allocated,
    canEdit: can(actor.role, "allocation.edit"),
  };
}

// ───── editor ─────

export type EditorRows = {
  counties: { countyId: string; countyName: string; cohortBase: number | null; sendOffCap: number | null; shanghaiTask: number | null }[];
  vocationalSchools: { vocationalSchoolId: string; schoolName: string; enrolCap: number | null; shanghaiTask: number | null }[];
};

/**
 * Rows for the plan editor: every active county and vocational school in official order, filled from
 * a version (the draft being edited, the issued version being amended, the imported file being
 * corrected) or from a previous year's issued plan, else empty.
 */
export async function getEditorRows(actor: Actor, from?: { year: number; version?: number }): Promise<EditorRows> {
  assertCan(actor, "plan.edit");
  let content: VersionContent | null = null;
  if (from) {
    const v = await db().planVersion.findFirst({
      where: { AND: [planVersionScope(actor), { plan: { year: from.year } }, from.version ? { version: from.version } : { status: "ISSUED" }] },
    });
    if (!v) throw notFound(from.version ? `${from.year}年计划第${from.version}版` : `${from.year}年已下达的计划`);
    content = await versionContent(db(), actor.prefectureId, v);
  }
  const [counties, schools] = await Promise.all([
    db().county.findMany({ where: { prefectureId: actor.prefectureId, active: true }, orderBy: { sortOrder: "asc" } }),
    db().vocationalSchool.findMany({ where: { prefectureId: actor.prefectureId, active: true }, orderBy: { sortOrder: "asc" } }),
  ]);
  return {
    counties: counties.map((c) => {
      const row = content?.counties.find((x) => x.countyId === c.id);
      return { countyId: c.id, countyName: c.name, cohortBase: row?.cohortBase ?? null, sendOffCap: row?.sendOffCap ?? null, shanghaiTask: row?.shanghaiTask ?? null };
    }),
    vocationalSchools: schools.map((s) => {
      const row = content?.vocationalSchools.find((x) => x.vocationalSchoolId === s.id);
      return { vocationalSchoolId: s.id, schoolName: s.name, enrolCap: row?.enrolCap ?? null, shanghaiTask: row?.shanghaiTask ?? null };
    }),
  };
}

/** Years that exist, for the "new plan" form (prefecture). */
export async function planYears(actor: Actor) {
  assertCan(actor, "plan.edit");
  const plans = await db().quotaPlan.findMany({ orderBy: { year: "desc" }, include: { versions: { where: { status: "ISSUED" }, select: { version: true } } } });
  return plans.map((p) => ({ year: p.year, issued: p.versions.length > 0 }));
}
