import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createPlanWorld, planRows, policyAnnex2Workbook, type PlanWorld } from "../../../prisma/factories/plan";
import { exportAnnex2 } from "@/server/plan/export";
import { acceptAnnex2Import } from "@/server/plan/import";
import { issueVersion, saveDraft } from "@/server/plan/write";
import type { Actor } from "@/server/auth/load-actor";

// This file uses plan years 2071–2079.
const NOW = new Date("2071-04-16T10:00:00+08:00");
let w: PlanWorld;
let zhou: Actor, shuangbai: Actor, vocSb: Actor;

beforeAll(async () => {
  w = await createPlanWorld(testDb());
  [zhou, shuangbai, vocSb] = await Promise.all([w.users.prefecture, w.users.shuangbai, w.users.vocSb].map(actorFor));
  const v1 = await saveDraft(zhou, { year: 2071, ...planRows(w) }, NOW);
  await issueVersion(zhou, { versionId: v1.versionId }, NOW);
  await saveDraft(zhou, { year: 2071, amendReason: "楚雄市调减", ...planRows(w, { cx: { sendOffCap: 2000 } }) }, NOW);
});

async function read(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

describe("export 附件2", () => {
  test("the issued version in the policy's layout, read back", async () => {
    const { fileName, bytes } = await exportAnnex2(shuangbai, { year: 2071 });
    const prefecture = await testDb().prefecture.findUniqueOrThrow({ where: { id: w.prefecture.id } });
    expect(fileName).toBe(`附件2_${prefecture.name}2071年义务教育职教班送读招生计划_第1版.xlsx`);
    const ws = await read(bytes);
    const v = (a: string) => ws.getCell(a).value;
    expect(v("A1")).toBe("附件2");
    expect(v("C1")).toBe("第1版 · 2071年4月16日下达");
    expect(v("A2")).toBe(`${prefecture.name}2071年义务教育职教班送读招生计划`);
    expect([v("A3"), v("B3"), v("D3")]).toEqual(["县 市", "初中毕业生（人）", "职业学校"]);
    expect([v("A4"), v("B4"), v("C4"), v("D4"), v("E4")]).toEqual(["双柏县", "1673", "501（46※）", "双柏县职中", "260"]);
    expect([v("A5"), v("C5"), v("D5"), v("E5")]).toEqual(["楚雄市", "2073（102※）", "楚雄技师学院", "5000（180※）"]);
    // 合计 computed from the rows (both parts end on row 6 here).
    expect([v("A6"), v("B6"), v("C6"), v("D6"), v("E6")]).toEqual(["合 计", "8584", "2574（148※）", "合 计", "5260（180※）"]);
    expect(String(v("A7"))).toContain("备注：1. 县市“初中毕业生”数为2071年毕业的本届初一入学时（2068年）的学籍人数。");
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(["C1:E1", "A2:E2", "A7:E7", "A8:E8", "A9:E9"]));
    const audit = await testDb().auditLog.findFirst({ where: { action: "export.annex2", actorId: w.users.shuangbai.id }, orderBy: { id: "desc" } });
    expect(audit?.summary).toMatchObject({ year: 2071, version: 1, state: "ISSUED" });
  });

  test("counties and schools export only the issued version; the prefecture may export a draft", async () => {
    await expect(exportAnnex2(shuangbai, { year: 2071, version: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportAnnex2(vocSb, { year: 2071, version: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportAnnex2(shuangbai, { year: 2072 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const draft = await exportAnnex2(zhou, { year: 2071, version: 2 });
    expect(draft.fileName).toContain("第2版（未下达）");
    const ws = await read(draft.bytes);
    expect(ws.getCell("C1").value).toBe("第2版草稿（未下达）");
    expect(ws.getCell("C5").value).toBe("2000（102※）");
  });

  test("a file with problems cannot be exported", async () => {
    const bytes = await policyAnnex2Workbook({
      year: 2073, cohortBaseYear: 2070,
      counties: [{ name: "双柏县", cohortBase: 1673, sendOffCap: 502, shanghaiTask: 0 }, { name: "楚雄市", cohortBase: 6911, sendOffCap: 2073, shanghaiTask: 0 }],
      countiesPrintedTotal: { cohortBase: 8584, sendOffCap: 2575 },
      vocationalSchools: [{ name: "双柏县职中", enrolCap: 1, shanghaiTask: 0 }, { name: "楚雄技师学院", enrolCap: 1, shanghaiTask: 0 }],
      vocationalPrintedTotal: { enrolCap: 2, shanghaiTask: 0 },
    });
    await acceptAnnex2Import(zhou, { fileName: "x.xlsx", bytes, year: 2073 }, NOW);
    await expect(exportAnnex2(zhou, { year: 2073, version: 1 })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});
