// Quota plan (附件2) factories, shared by prisma/seed.ts, the Vitest server tests and other features' tests.
// `createIssuedPlan` / `allocate` are plain Prisma writes (fast, for tests that need a plan).
// `seedDemoPlan` loads the 2020 plan through the real import path (parser + acceptAnnex2Import), then
// corrects and issues it with the real domain functions (docs/decisions/003-plan-2020-demo.md).
import ExcelJS from "exceljs";
import type { PrismaClient } from "../../src/generated/prisma/client";
import type { Db as AppDb } from "../../src/server/db";
import type { Actor } from "../../src/server/auth/load-actor";
import { formatWithTask, maxSendOffCap } from "../../src/lib/plan-rules";
import { createCounty, createMiddleSchool, createPrefecture, createUser, createVocationalSchool } from "./index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

/**
 * An issued version of the year's plan with the given caps, written directly (the plan is created if
 * the year has none; an issued version already there is superseded, as an amendment would).
 * Counties and schools not listed get no quota row.
 */
export async function createIssuedPlan(
  db: Db,
  opts: { year: number; createdById: string; counties: { countyId: string; sendOffCap: number; cohortBase?: number; shanghaiTask?: number }[]; vocational: { vocationalSchoolId: string; enrolCap: number; shanghaiTask?: number }[] },
) {
  const plan = await db.quotaPlan.upsert({ where: { year: opts.year }, update: {}, create: { year: opts.year, cohortBaseYear: opts.year - 3 } });
  const last = await db.planVersion.findFirst({ where: { planId: plan.id }, orderBy: { version: "desc" } });
  // Whatever the latest version is (a discarded draft may follow the issued one), the issued one is superseded.
  await db.planVersion.updateMany({ where: { planId: plan.id, status: "ISSUED" }, data: { status: "SUPERSEDED" } });
  return db.planVersion.create({
    data: {
      planId: plan.id, version: (last?.version ?? 0) + 1, status: "ISSUED", createdById: opts.createdById, issuedById: opts.createdById, issuedAt: new Date(),
      amendReason: last ? "测试调整" : null,
      countyQuotas: { create: opts.counties.map((c) => ({ countyId: c.countyId, sendOffCap: c.sendOffCap, cohortBase: c.cohortBase ?? Math.ceil((c.sendOffCap * 10) / 3), shanghaiTask: c.shanghaiTask ?? 0 })) },
      vocationalQuotas: { create: opts.vocational.map((v) => ({ vocationalSchoolId: v.vocationalSchoolId, enrolCap: v.enrolCap, shanghaiTask: v.shanghaiTask ?? 0 })) },
    },
  });
}

/** 落实到校: the middle school's allocation in the year's plan (set or replaced). */
export async function allocate(db: Db, planYear: number, middleSchoolId: string, allocation: number, updatedById = "seed") {
  const plan = await db.quotaPlan.findUniqueOrThrow({ where: { year: planYear } });
  return db.middleSchoolAllocation.upsert({
    where: { planId_middleSchoolId: { planId: plan.id, middleSchoolId } },
    update: { allocation, updatedById },
    create: { planId: plan.id, middleSchoolId, allocation, updatedById },
  });
}

/**
 * A prefecture for plan tests: 双柏县 (two schools) and 楚雄市 (one school and one 州属高完中), a county
 * vocational school and a prefecture-level one, and accounts (two staff in 双柏县 for concurrency).
 */
export async function createPlanWorld(db: Db) {
  const prefecture = await createPrefecture(db);
  const shuangbai = await createCounty(db, prefecture.id, { name: "双柏县", sortOrder: 1 });
  const chuxiong = await createCounty(db, prefecture.id, { name: "楚雄市", sortOrder: 2 });
  const sb1 = await createMiddleSchool(db, shuangbai.id, { name: "双柏县第一中学" });
  const sb2 = await createMiddleSchool(db, shuangbai.id, { name: "双柏县妥甸中学" });
  const cx1 = await createMiddleSchool(db, chuxiong.id, { name: "楚雄市第一中学" });
  const cxState = await createMiddleSchool(db, chuxiong.id, { name: "楚雄州民族中学", prefectureOwned: true });
  const vocSb = await createVocationalSchool(db, prefecture.id, { name: "双柏县职中", countyId: shuangbai.id, sortOrder: 1 });
  const vocTech = await createVocationalSchool(db, prefecture.id, { name: "楚雄技师学院", countyId: null, sortOrder: 2 });
  const users = {
    prefecture: await createUser(db, { role: "PREFECTURE", orgId: prefecture.id }),
    shuangbai: await createUser(db, { role: "COUNTY", orgId: shuangbai.id }),
    shuangbai2: await createUser(db, { role: "COUNTY", orgId: shuangbai.id }),
    chuxiong: await createUser(db, { role: "COUNTY", orgId: chuxiong.id }),
    sb1: await createUser(db, { role: "MIDDLE_SCHOOL", orgId: sb1.id }),
    sb2: await createUser(db, { role: "MIDDLE_SCHOOL", orgId: sb2.id }),
    cxState: await createUser(db, { role: "MIDDLE_SCHOOL", orgId: cxState.id }),
    vocSb: await createUser(db, { role: "VOCATIONAL_SCHOOL", orgId: vocSb.id }),
  };
  return { prefecture, shuangbai, chuxiong, sb1, sb2, cx1, cxState, vocSb, vocTech, users };
}
export type PlanWorld = Awaited<ReturnType<typeof createPlanWorld>>;

/** Editor rows for a plan world: 双柏县 N=1673, 楚雄市 N=6911 (caps ⌊30%⌋ unless overridden). */
export function planRows(w: PlanWorld, o: { sb?: Partial<Row>; cx?: Partial<Row>; vocSb?: Partial<VRow>; vocTech?: Partial<VRow> } = {}) {
  return {
    counties: [
      { countyId: w.shuangbai.id, cohortBase: 1673, sendOffCap: 501, shanghaiTask: 46, ...o.sb },
      { countyId: w.chuxiong.id, cohortBase: 6911, sendOffCap: 2073, shanghaiTask: 102, ...o.cx },
    ],
    vocationalSchools: [
      { vocationalSchoolId: w.vocSb.id, enrolCap: 260, shanghaiTask: 0, ...o.vocSb },
      { vocationalSchoolId: w.vocTech.id, enrolCap: 5000, shanghaiTask: 180, ...o.vocTech },
    ],
  };
}
type Row = { cohortBase: number; sendOffCap: number; shanghaiTask: number };
type VRow = { enrolCap: number; shanghaiTask: number };

// ───── the 2020 file as the bureau printed it ─────

export type Plan2020Data = {
  year: number;
  cohortBaseYear: number;
  counties: { name: string; cohortBase: number; sendOffCap: number; shanghaiTask: number }[];
  countiesPrintedTotal: { cohortBase: number; sendOffCap: number };
  vocationalSchools: { name: string; fullName?: string; enrolCap: number; shanghaiTask: number }[];
  vocationalPrintedTotal: { enrolCap: number; shanghaiTask: number };
};

export const DEMO_PLAN_FILE_NAME = "附件2 楚雄州2020年义务教育职教班送读招生计划.xlsx";

/**
 * 附件2 in the policy's own layout and with its own figures, printed totals included (8892 for the
 * counties although their rows add up to 8893; 8920（800※） for the schools whose ※ add up to 200):
 * what the bureau would upload from WPS.
 */
export async function policyAnnex2Workbook(plan: Plan2020Data): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("附件2");
  ws.getCell("A1").value = "附件2";
  ws.getCell("A2").value = `楚雄州 ${plan.year} 年义务教育职教班送读招生计划`;
  ws.mergeCells("A2:E2");
  ws.getRow(3).values = ["县 市", "初中毕业生 (人)", "义教职教班\n送读控制在以下\n计划数以内", "职业学校", "义教职教班\n招生控制在以下\n计划数以内"];
  plan.counties.forEach((c, i) => {
    ws.getCell(4 + i, 1).value = c.name;
    ws.getCell(4 + i, 2).value = c.cohortBase;
    ws.getCell(4 + i, 3).value = formatWithTask(c.sendOffCap, c.shanghaiTask);
  });
  const countyTotalRow = 4 + plan.counties.length;
  ws.getCell(countyTotalRow, 1).value = "合 计";
  ws.getCell(countyTotalRow, 2).value = plan.countiesPrintedTotal.cohortBase;
  ws.getCell(countyTotalRow, 3).value = plan.countiesPrintedTotal.sendOffCap;
  plan.vocationalSchools.forEach((s, i) => {
    ws.getCell(4 + i, 4).value = s.name;
    ws.getCell(4 + i, 5).value = formatWithTask(s.enrolCap, s.shanghaiTask);
  });
  const schoolTotalRow = 4 + plan.vocationalSchools.length;
  ws.getCell(schoolTotalRow, 4).value = "合 计";
  ws.getCell(schoolTotalRow, 5).value = formatWithTask(plan.vocationalPrintedTotal.enrolCap, plan.vocationalPrintedTotal.shanghaiTask);
  const notes = [
    `备注：1. 县市“初中毕业生”数为 ${plan.year} 年毕业的本届初一入学时（${plan.cohortBaseYear} 年）的学籍人数。`,
    `2. 县市“义教职教班送读计划”数必须控制在“初中毕业生”数的 30% 以内。括号内带※号的数据为 ${plan.year} 年建档立卡贫困家庭学生东西协作送读上海的任务数。`,
    `3. “义教职教班招生计划”数是根据各县市和职业学校办学条件、质量和上报的计划确定，${plan.year} 年各有关职业学校必须按照此计划开展义务教育职教班精准招生。`,
  ];
  notes.forEach((text, i) => {
    const r = Math.max(countyTotalRow, schoolTotalRow) + 1 + i;
    ws.getCell(r, 1).value = text;
    ws.mergeCells(r, 1, r, 5);
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

// ───── the demo plan, through the import path ─────

export const DEMO_CORRECTION_REASON = "按政策“30%以内”向下取整修正：7 个县市的送读计划按四舍五入超过了 30%，调为 ⌊初中毕业生数 × 30%⌋";
/** China time: imported on 15 April, corrected and issued on 16 April 2020 (demo dates). */
export const DEMO_DATES = {
  imported: new Date("2020-04-15T09:00:00+08:00"),
  corrected: new Date("2020-04-16T09:30:00+08:00"),
  issued: new Date("2020-04-16T10:00:00+08:00"),
};

/**
 * `server-only` marks modules that must never reach a browser bundle; outside Next (the seed runs
 * under tsx) importing it throws. The seed runs the real import path, so it stubs the marker the way
 * Vitest does (alias in vitest.config.ts).
 */
function allowServerModules() {
  if (typeof require === "undefined") return; // Vitest: aliased already
  const p = require.resolve("server-only");
  require.cache[p] ??= { id: p, filename: p, loaded: true, exports: {} } as unknown as NodeJS.Module;
}

/**
 * The demo's 2020 plan: version 1 is the policy's file imported as the bureau would (kept as an
 * import draft listing its 9 problems, never issued); version 2 corrects the 7 over-cap counties to
 * ⌊30%⌋ (totals are computed, so the printed-total problems vanish) and is issued.
 */
export async function seedDemoPlan(db: Db, plan: Plan2020Data, prefectureUsername: string) {
  allowServerModules();
  const { acceptAnnex2Import } = await import("../../src/server/plan/import");
  const { saveDraft, issueVersion } = await import("../../src/server/plan/write");
  const client = db as unknown as AppDb; // same schema; the app's client only differs by omitting password hashes
  const user = await db.user.findUniqueOrThrow({ where: { username: prefectureUsername }, include: { prefecture: true } });
  const actor: Actor = {
    userId: user.id, username: user.username, displayName: user.displayName, role: "PREFECTURE",
    prefectureId: user.prefectureId!, countyId: null, middleSchoolId: null, vocationalSchoolId: null,
    orgName: user.prefecture!.bureauName, mustChangePassword: false,
  };
  const bytes = await policyAnnex2Workbook(plan);
  const imported = await acceptAnnex2Import(actor, { fileName: DEMO_PLAN_FILE_NAME, bytes, year: plan.year }, DEMO_DATES.imported, { client });

  const v1 = await db.planVersion.findUniqueOrThrow({ where: { id: imported.versionId } });
  const report = v1.importProblems as unknown as {
    counties: { countyId: string; cohortBase: number; sendOffCap: number; shanghaiTask: number }[];
    vocationalSchools: { vocationalSchoolId: string; enrolCap: number; shanghaiTask: number }[];
  };
  const corrected = await saveDraft(actor, {
    year: plan.year,
    amendReason: DEMO_CORRECTION_REASON,
    counties: report.counties.map((c) => ({
      countyId: c.countyId, cohortBase: c.cohortBase, sendOffCap: Math.min(c.sendOffCap, maxSendOffCap(c.cohortBase)), shanghaiTask: c.shanghaiTask,
    })),
    vocationalSchools: report.vocationalSchools.map((s) => ({ vocationalSchoolId: s.vocationalSchoolId, enrolCap: s.enrolCap, shanghaiTask: s.shanghaiTask })),
  }, DEMO_DATES.corrected, { client });
  await issueVersion(actor, { versionId: corrected.versionId }, DEMO_DATES.issued, { client });
  return { imported, corrected };
}

/**
 * Demo split (落实到校): every county bureau spreads its issued cap evenly over its middle schools,
 * through the county's own allocation code, so each demo school can try a send-off.
 */
export async function seedDemoAllocations(db: Db, year: number, at: Date) {
  allowServerModules();
  const { saveAllocations } = await import("../../src/server/plan/allocation");
  const client = db as unknown as AppDb;
  const countyUsers = await db.user.findMany({ where: { role: "COUNTY", active: true }, include: { county: { include: { middleSchools: { where: { active: true }, orderBy: { name: "asc" } } } } } });
  const issued = await db.planVersion.findFirstOrThrow({ where: { status: "ISSUED", plan: { year } }, include: { countyQuotas: true } });
  for (const u of countyUsers) {
    const county = u.county!;
    const cap = issued.countyQuotas.find((q: { countyId: string }) => q.countyId === county.id)?.sendOffCap ?? 0;
    const schools = county.middleSchools;
    if (!schools.length || cap === 0) continue;
    const each = Math.floor(cap / schools.length);
    const actor: Actor = {
      userId: u.id, username: u.username, displayName: u.displayName, role: "COUNTY", prefectureId: county.prefectureId,
      countyId: county.id, middleSchoolId: null, vocationalSchoolId: null, orgName: county.bureauName, mustChangePassword: false,
    };
    await saveAllocations(actor, { year, allocations: schools.map((s: { id: string }) => ({ middleSchoolId: s.id, allocation: each })) }, at, { client });
  }
}
