import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { buildAnnex2Workbook, annex2Title } from "@/server/exports/annex2";
import { chinaDateOf, formatChineseDate } from "@/lib/china-date";
import { versionContent, versionState } from "./content";
import { planVersionScope } from "./scope";

/**
 * 附件2 as .xlsx for one version of a year's plan: the issued version by default (the only one
 * counties and schools may export); the prefecture may export any version with complete figures.
 * Every export is written to the audit log.
 */
export async function exportAnnex2(actor: Actor, input: { year: number; version?: number }) {
  assertCan(actor, "plan.export");
  const v = await db().planVersion.findFirst({
    where: {
      AND: [
        planVersionScope(actor),
        { plan: { year: input.year } },
        input.version ? { version: input.version } : { status: "ISSUED" },
      ],
    },
    include: { plan: true },
  });
  if (!v) throw notFound(input.version ? `${input.year}年计划第${input.version}版` : `${input.year}年已下达的送读招生计划`);
  const state = versionState(v);
  if (state === "PROBLEM_IMPORT") {
    throw new AppError("INVALID_STATE", `第 ${v.version} 版是有问题的导入文件，不能导出为附件2。请导出修正后的版本。`);
  }
  const content = await versionContent(db(), actor.prefectureId, v);
  if (!content.complete) throw new AppError("INVALID_STATE", `第 ${v.version} 版缺少部分县市或学校的数字，不能导出。`);
  const prefecture = await db().prefecture.findUniqueOrThrow({ where: { id: actor.prefectureId } });
  const versionLabel =
    state === "ISSUED" ? `第${v.version}版 · ${formatChineseDate(chinaDateOf(v.issuedAt!))}下达`
    : state === "SUPERSEDED" ? `第${v.version}版（已被取代） · ${formatChineseDate(chinaDateOf(v.issuedAt!))}下达`
    : state === "DISCARDED" ? `第${v.version}版（已作废，未下达）`
    : `第${v.version}版草稿（未下达）`;
  const bytes = await buildAnnex2Workbook({
    year: v.plan.year,
    cohortBaseYear: v.plan.cohortBaseYear,
    prefectureName: prefecture.name,
    versionLabel,
    counties: content.counties.map((c) => ({ countyName: c.countyName, cohortBase: c.cohortBase!, sendOffCap: c.sendOffCap!, shanghaiTask: c.shanghaiTask! })),
    vocationalSchools: content.vocationalSchools.map((s) => ({ schoolName: s.schoolName, fullName: s.fullName, enrolCap: s.enrolCap!, shanghaiTask: s.shanghaiTask! })),
  });
  await db().$transaction(async (tx) => {
    await audit(tx, actor, "export.annex2", { type: "PlanVersion", id: v.id }, { year: v.plan.year, version: v.version, state });
  });
  const suffix = state === "ISSUED" ? "" : state === "SUPERSEDED" ? "（已被取代）" : "（未下达）";
  return { fileName: `附件2_${annex2Title(v.plan.year, prefecture.name)}_第${v.version}版${suffix}.xlsx`, bytes };
}
