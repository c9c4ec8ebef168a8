import "server-only";
import { capKey, lockCaps } from "@/server/send-off/cap-lock";
import { db, type Db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, isUniqueViolation, notFound } from "@/server/errors";
import { validateCountyQuota, validateVocationalQuota } from "@/lib/plan-rules";
import { countyFieldKey, schoolFieldKey, type PlanDraftInput } from "@/lib/schemas/plan";
import { isProblemImport, versionState } from "./content";

export type PlanWriteOpts = { client?: Db };

export const COHORT_YEARS_BEFORE = 3; // 初一入学 three years before graduation (附件2 备注 1)

/** Serialises every change of a plan's versions (new draft, save, issue, discard) across app servers. */
export async function lockPlan(tx: Tx, planId: string) {
  await tx.$queryRaw`SELECT id FROM "QuotaPlan" WHERE id = ${planId} FOR UPDATE`;
}

/** The open (editable) draft of a plan, read after `lockPlan`. */
export async function openDraftOf(tx: Tx, planId: string) {
  const drafts = await tx.planVersion.findMany({ where: { planId, status: "DRAFT" }, orderBy: { version: "asc" } });
  return drafts.find((d) => !isProblemImport(d)) ?? null;
}

export function openDraftConflict(version: number) {
  return new AppError(
    "CONFLICT",
    `第 ${version} 版草稿还没有下达。一个年度同时只能有一份草稿：请先打开第 ${version} 版继续修改并下达，或将其作废后再新建。`,
  );
}

/**
 * Opens a new version of the year's plan, for the editor and the import alike: the plan (created for a
 * year that has none) is locked, no other editable draft may be open, the number is the next one, and
 * from version 2 on a reason is required (`what` names the new version in that message).
 */
export async function openNewVersion(tx: Tx, input: { year: number; amendReason?: string }, what = "新版本") {
  let plan = await tx.quotaPlan.findUnique({ where: { year: input.year } });
  if (!plan) plan = await tx.quotaPlan.create({ data: { year: input.year, cohortBaseYear: input.year - COHORT_YEARS_BEFORE } });
  await lockPlan(tx, plan.id);
  const open = await openDraftOf(tx, plan.id);
  if (open) throw openDraftConflict(open.version);
  const last = await tx.planVersion.aggregate({ where: { planId: plan.id }, _max: { version: true } });
  const version = (last._max.version ?? 0) + 1;
  if (version > 1 && !input.amendReason) {
    throw new AppError("VALIDATION", `${input.year}年计划已有第 ${version - 1} 版，${what}须写明调整原因。`, { amendReason: "请填写调整原因" });
  }
  return { plan, version };
}

type PlanRows = Pick<PlanDraftInput, "counties" | "vocationalSchools">;

/**
 * Checks a whole plan against the organisations of the prefecture and every rule of SPEC §3.
 * Returns per-cell messages keyed like the editor's fields (counties.3.sendOffCap).
 */
export async function checkPlanRows(tx: Tx, prefectureId: string, rows: PlanRows): Promise<Record<string, string>> {
  const [counties, schools] = await Promise.all([
    tx.county.findMany({ where: { prefectureId }, orderBy: { sortOrder: "asc" } }),
    tx.vocationalSchool.findMany({ where: { prefectureId }, orderBy: { sortOrder: "asc" } }),
  ]);
  const countyById = new Map(counties.map((c) => [c.id, c]));
  const schoolById = new Map(schools.map((s) => [s.id, s]));
  const errors: Record<string, string> = {};
  const seenC = new Set<string>();
  rows.counties.forEach((row, i) => {
    const county = countyById.get(row.countyId);
    if (!county || seenC.has(row.countyId)) throw notFound("县市");
    seenC.add(row.countyId);
    for (const issue of validateCountyQuota({ countyName: county.name, ...row })) {
      errors[countyFieldKey(i, issue.field)] ??= issue.message;
    }
  });
  const seenS = new Set<string>();
  rows.vocationalSchools.forEach((row, i) => {
    const school = schoolById.get(row.vocationalSchoolId);
    if (!school || seenS.has(row.vocationalSchoolId)) throw notFound("职业学校");
    seenS.add(row.vocationalSchoolId);
    for (const issue of validateVocationalQuota({ schoolName: school.name, ...row })) {
      errors[schoolFieldKey(i, issue.field)] ??= issue.message;
    }
  });
  const missingC = counties.filter((c) => c.active && !seenC.has(c.id)).map((c) => c.name);
  const missingS = schools.filter((s) => s.active && !seenS.has(s.id)).map((s) => s.name);
  if (missingC.length || missingS.length) {
    errors._form = `计划缺少${[...missingC, ...missingS].join("、")}，请刷新页面后重新填写。`;
  }
  return errors;
}

export function rulesError(errors: Record<string, string>): AppError {
  const messages = Object.values(errors);
  return new AppError(
    "VALIDATION",
    messages.length === 1
      ? `${messages[0]}。请修改后再保存。`
      : `有 ${messages.length} 处不符合规则，请按各栏提示修改后再保存。第一处：${messages[0]}`,
    errors,
  );
}

async function writeRows(tx: Tx, versionId: string, rows: PlanRows) {
  for (const r of rows.counties) {
    const data = { cohortBase: r.cohortBase, sendOffCap: r.sendOffCap, shanghaiTask: r.shanghaiTask };
    await tx.countyQuota.upsert({
      where: { versionId_countyId: { versionId, countyId: r.countyId } },
      create: { versionId, countyId: r.countyId, ...data },
      update: data,
    });
  }
  for (const r of rows.vocationalSchools) {
    const data = { enrolCap: r.enrolCap, shanghaiTask: r.shanghaiTask };
    await tx.vocationalQuota.upsert({
      where: { versionId_vocationalSchoolId: { versionId, vocationalSchoolId: r.vocationalSchoolId } },
      create: { versionId, vocationalSchoolId: r.vocationalSchoolId, ...data },
      update: data,
    });
  }
}

export type SavedDraft = { planId: string; year: number; versionId: string; version: number; created: boolean };

/**
 * Saves the plan editor: edits the open draft in place (versionId), or starts a new draft version —
 * version 1 of a new year, or the next version of an existing plan (an amendment after issue or the
 * correction of an imported file), which needs a reason. Every rule is checked again here, in the
 * same transaction as the write; a plan that breaks one is not saved.
 */
export async function saveDraft(actor: Actor, input: PlanDraftInput, now: Date, opts: PlanWriteOpts = {}): Promise<SavedDraft> {
  assertCan(actor, "plan.edit");
  const client = opts.client ?? db();
  try {
    return await client.$transaction(async (tx) => {
      const errors = await checkPlanRows(tx, actor.prefectureId, input);
      if (Object.keys(errors).length) throw rulesError(errors);

      if (input.versionId) {
        const found = await tx.planVersion.findFirst({ where: { id: input.versionId, plan: { year: input.year } } });
        if (!found) throw notFound("计划草稿");
        await lockPlan(tx, found.planId);
        const v = await tx.planVersion.findUniqueOrThrow({ where: { id: found.id } });
        const state = versionState(v);
        if (state === "PROBLEM_IMPORT") {
          throw new AppError("INVALID_STATE", `第 ${v.version} 版是导入的文件，有问题的文件只保留原样，不能直接修改。请点“修正为新草稿”，修正后另存为新版本。`);
        }
        if (state !== "DRAFT") throw new AppError("INVALID_STATE", `第 ${v.version} 版已下达或已作废，不能再修改。如需调整，请在现行版本上点“调整计划”。`);
        if (v.version > 1 && !input.amendReason && !v.amendReason) {
          throw new AppError("VALIDATION", "请填写调整原因。", { amendReason: "第 2 版起须写明调整原因" });
        }
        await writeRows(tx, v.id, input);
        if (input.amendReason !== undefined && input.amendReason !== v.amendReason) {
          await tx.planVersion.update({ where: { id: v.id }, data: { amendReason: input.amendReason } });
        }
        await audit(tx, actor, "plan.saveDraft", { type: "PlanVersion", id: v.id }, { year: input.year, version: v.version });
        return { planId: v.planId, year: input.year, versionId: v.id, version: v.version, created: false };
      }

      const { plan, version } = await openNewVersion(tx, input);
      const created = await tx.planVersion.create({
        data: { planId: plan.id, version, status: "DRAFT", source: "MANUAL", amendReason: input.amendReason ?? null, createdById: actor.userId, createdAt: now },
      });
      await writeRows(tx, created.id, input);
      await audit(tx, actor, version === 1 ? "plan.create" : "plan.amend", { type: "PlanVersion", id: created.id }, {
        year: input.year, version, reason: input.amendReason ?? null,
      });
      return { planId: plan.id, year: input.year, versionId: created.id, version, created: true };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("CONFLICT", `${input.year}年计划刚刚由他人新建或修改，请刷新页面后再试。`);
    }
    throw err;
  }
}

/** 作废: a draft (editable or a problem import) that will never be issued. Kept, marked as discarded. */
export async function discardDraft(actor: Actor, input: { versionId: string }, now: Date, opts: PlanWriteOpts = {}) {
  assertCan(actor, "plan.edit");
  const client = opts.client ?? db();
  return client.$transaction(async (tx) => {
    const found = await tx.planVersion.findFirst({ where: { id: input.versionId }, include: { plan: true } });
    if (!found) throw notFound("计划草稿");
    await lockPlan(tx, found.planId);
    const v = await tx.planVersion.findUniqueOrThrow({ where: { id: found.id } });
    if (v.status !== "DRAFT") throw new AppError("INVALID_STATE", `第 ${v.version} 版不是草稿，不能作废。`);
    await tx.planVersion.update({ where: { id: v.id }, data: { status: "SUPERSEDED" } });
    await audit(tx, actor, "plan.discard", { type: "PlanVersion", id: v.id }, { year: found.plan.year, version: v.version, at: now.toISOString() });
    return { year: found.plan.year, version: v.version };
  });
}

type CapConflict = { name: string; newCap: number; allocated: number; sentOff: number; schools: string[] };

/**
 * 下达: the open draft becomes the issued (现行) version and the previous one is superseded, in one
 * transaction that re-checks every rule and refuses to lower a county's S below what the county has
 * already split among its schools (or sent off), naming the schools. It locks the previous version's
 * county quota rows, the rows the county split locks, so no allocation can slip in meanwhile.
 */
export async function issueVersion(actor: Actor, input: { versionId: string }, now: Date, opts: PlanWriteOpts = {}) {
  assertCan(actor, "plan.issue");
  const client = opts.client ?? db();
  return client.$transaction(async (tx) => {
    const found = await tx.planVersion.findFirst({ where: { id: input.versionId }, include: { plan: true } });
    if (!found) throw notFound("计划草稿");
    const year = found.plan.year;
    await lockPlan(tx, found.planId);
    const v = await tx.planVersion.findUniqueOrThrow({ where: { id: found.id }, include: { countyQuotas: true, vocationalQuotas: true } });
    const state = versionState(v);
    if (state === "PROBLEM_IMPORT") {
      const n = (v.importProblems as { problems: unknown[] }).problems.length;
      throw new AppError("INVALID_STATE", `第 ${v.version} 版是有 ${n} 处问题的导入文件，不能下达。请点“修正为新草稿”，修正全部问题后再下达。`);
    }
    if (state !== "DRAFT") throw new AppError("INVALID_STATE", `第 ${v.version} 版已下达或已作废，不能再次下达。`);
    if (v.version > 1 && !v.amendReason?.trim()) {
      throw new AppError("VALIDATION", `第 ${v.version} 版须写明调整原因后才能下达：请打开草稿填写调整原因并保存。`);
    }

    // Every rule again, against the organisations as they are now.
    const rows: PlanRows = {
      counties: v.countyQuotas.map((q) => ({ countyId: q.countyId, cohortBase: q.cohortBase, sendOffCap: q.sendOffCap, shanghaiTask: q.shanghaiTask })),
      vocationalSchools: v.vocationalQuotas.map((q) => ({ vocationalSchoolId: q.vocationalSchoolId, enrolCap: q.enrolCap, shanghaiTask: q.shanghaiTask })),
    };
    const errors = await checkPlanRows(tx, actor.prefectureId, rows);
    if (Object.keys(errors).length) {
      throw new AppError("VALIDATION", `第 ${v.version} 版不符合规则，不能下达：${Object.values(errors)[0]}。请打开草稿修改。`);
    }

    const previous = await tx.planVersion.findFirst({ where: { planId: v.planId, status: "ISSUED" } });
    if (previous && previous.version > v.version) {
      throw new AppError("INVALID_STATE", `第 ${v.version} 版早于现行的第 ${previous.version} 版，不能下达。`);
    }
    if (previous) {
      // Same rows (and order) the county split locks: no allocation can commit between check and switch.
      await tx.$queryRaw`SELECT id FROM "CountyQuota" WHERE "versionId" = ${previous.id} ORDER BY "countyId" FOR UPDATE`;
    }
    // Send-offs count under the same CapLock rows: none can commit between this check and the switch.
    await lockCaps(tx, year, [...rows.counties.map((c) => capKey.county(c.countyId)), ...rows.vocationalSchools.map((s) => capKey.voc(s.vocationalSchoolId))]);
    const conflicts = await capConflicts(tx, v.planId, year, rows);
    if (conflicts.length) {
      // Students already sent off cannot be taken back: below that number only a higher S helps.
      const sentOver = conflicts.filter((c) => c.sentOff > c.newCap);
      const parts = conflicts.map((c) => c.sentOff > c.newCap
        ? `${c.name}送读计划调为 ${c.newCap} 人，少于已送读的 ${c.sentOff} 人`
        : `${c.name}送读计划调为 ${c.newCap} 人，少于已分解到校的 ${c.allocated} 人（${c.schools.join("、")}）`);
      throw new AppError(
        "CONFLICT",
        `不能下达第 ${v.version} 版：${parts.join("；")}。` + (sentOver.length === conflicts.length
          ? `已送读的学生不能撤回，请将送读计划调为不少于已送读人数（${sentOver.map((c) => `${c.name} ${c.sentOff} 人`).join("、")}）。`
          : "请先由该县市教育体育局调减学校的分配名额，或提高该县市的送读计划。"),
      );
    }
    const vocConflicts = await enrolConflicts(tx, year, rows);
    if (vocConflicts.length) {
      throw new AppError("CONFLICT", `不能下达第 ${v.version} 版：${vocConflicts.join("；")}。请提高该校的招生计划。`);
    }

    if (previous) await tx.planVersion.update({ where: { id: previous.id }, data: { status: "SUPERSEDED" } });
    await tx.planVersion.update({ where: { id: v.id }, data: { status: "ISSUED", issuedAt: now, issuedById: actor.userId } });
    await audit(tx, actor, "plan.issue", { type: "PlanVersion", id: v.id }, {
      year, version: v.version, supersedes: previous?.version ?? null, reason: v.amendReason ?? null,
    });
    return { year, version: v.version, supersedes: previous?.version ?? null };
  });
}

async function capConflicts(tx: Tx, planId: string, year: number, rows: PlanRows): Promise<CapConflict[]> {
  const countyIds = rows.counties.map((c) => c.countyId);
  const [counties, allocations, sent] = await Promise.all([
    tx.county.findMany({ where: { id: { in: countyIds } }, orderBy: { sortOrder: "asc" } }),
    tx.middleSchoolAllocation.findMany({
      where: { planId, allocation: { gt: 0 }, middleSchool: { countyId: { in: countyIds } } },
      include: { middleSchool: { select: { name: true, countyId: true } } },
    }),
    tx.enrolment.groupBy({ by: ["countyId"], where: { year, countyId: { in: countyIds } }, _count: { _all: true } }),
  ]);
  const out: CapConflict[] = [];
  for (const county of counties) {
    const newCap = rows.counties.find((c) => c.countyId === county.id)!.sendOffCap;
    const mine = allocations
      .filter((a) => a.middleSchool.countyId === county.id)
      .sort((x, y) => x.middleSchool.name.localeCompare(y.middleSchool.name, "zh-CN"));
    const allocated = mine.reduce((s, a) => s + a.allocation, 0);
    const sentOff = sent.find((s) => s.countyId === county.id)?._count._all ?? 0;
    if (allocated > newCap || sentOff > newCap) {
      out.push({ name: county.name, newCap, allocated, sentOff, schools: mine.map((a) => `${a.middleSchool.name} ${a.allocation} 人`) });
    }
  }
  return out;
}

async function enrolConflicts(tx: Tx, year: number, rows: PlanRows): Promise<string[]> {
  const ids = rows.vocationalSchools.map((s) => s.vocationalSchoolId);
  const [schools, enrolled] = await Promise.all([
    tx.vocationalSchool.findMany({ where: { id: { in: ids } }, orderBy: { sortOrder: "asc" } }),
    tx.enrolment.groupBy({ by: ["vocationalSchoolId"], where: { year, vocationalSchoolId: { in: ids } }, _count: { _all: true } }),
  ]);
  const out: string[] = [];
  for (const s of schools) {
    const cap = rows.vocationalSchools.find((r) => r.vocationalSchoolId === s.id)!.enrolCap;
    const n = enrolled.find((e) => e.vocationalSchoolId === s.id)?._count._all ?? 0;
    if (n > cap) out.push(`${s.name}招生计划调为 ${cap} 人，少于已招收的 ${n} 人`);
  }
  return out;
}
