import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createCounty, createPrefecture, createUser, createVocationalSchool } from "../../../prisma/factories";
import {
  createPlanWorld, DEMO_CORRECTION_REASON, planRows, policyAnnex2Workbook, seedDemoPlan, type Plan2020Data, type PlanWorld,
} from "../../../prisma/factories/plan";
import { acceptAnnex2Import, previewAnnex2Import } from "@/server/plan/import";
import { issueVersion, saveDraft } from "@/server/plan/write";
import { getIssuedPlan, getVersionDetail } from "@/server/plan/read";
import { maxSendOffCap } from "@/lib/plan-rules";
import type { Actor } from "@/server/auth/load-actor";

// This file uses plan years 2061–2069 (plans are global per year; the test database is shared).
const NOW = new Date("2061-04-15T09:00:00+08:00");
let w: PlanWorld;
let zhou: Actor, shuangbai: Actor;

beforeAll(async () => {
  w = await createPlanWorld(testDb());
  zhou = await actorFor(w.users.prefecture);
  shuangbai = await actorFor(w.users.shuangbai);
});

/** A 附件2 file for the plan world, in the policy's layout, with three errors in known cells. */
function fileData(year: number, o: Partial<Plan2020Data> = {}): Plan2020Data {
  return {
    year,
    cohortBaseYear: year - 3,
    counties: [
      { name: "双柏县", cohortBase: 1673, sendOffCap: 502, shanghaiTask: 46 }, // C4: 502 > ⌊501.9⌋
      { name: "楚雄市", cohortBase: 6911, sendOffCap: 2073, shanghaiTask: 102 },
    ],
    countiesPrintedTotal: { cohortBase: 8584, sendOffCap: 2574 }, // C6: the rows add up to 2575
    vocationalSchools: [
      { name: "双柏县职中", enrolCap: 10, shanghaiTask: 11 }, // E4: ※ 11 > 10
      { name: "楚雄技师学院", enrolCap: 5000, shanghaiTask: 180 },
    ],
    vocationalPrintedTotal: { enrolCap: 5010, shanghaiTask: 191 },
    ...o,
  };
}
const CLEAN = (year: number) => fileData(year, {
  counties: [
    { name: "双柏县", cohortBase: 1673, sendOffCap: 501, shanghaiTask: 46 },
    { name: "楚雄市", cohortBase: 6911, sendOffCap: 2073, shanghaiTask: 102 },
  ],
  countiesPrintedTotal: { cohortBase: 8584, sendOffCap: 2574 },
  vocationalSchools: [
    { name: "双柏县职中", enrolCap: 260, shanghaiTask: 0 },
    { name: "楚雄技师学院", enrolCap: 5000, shanghaiTask: 180 },
  ],
  vocationalPrintedTotal: { enrolCap: 5260, shanghaiTask: 180 },
});

const upload = async (data: Plan2020Data, fileName = "附件2.xlsx") => ({ fileName, bytes: await policyAnnex2Workbook(data) });

describe("import of the bureau's spreadsheet", () => {
  test("errors in known cells → exactly those problems, and the preview stores nothing", async () => {
    const before = await testDb().planVersion.count();
    const preview = await previewAnnex2Import(zhou, await upload(fileData(2061)));
    expect(preview.fileYear).toBe(2061);
    expect(preview.problems).toEqual([
      { sheet: "附件2", row: 4, column: "C", value: "502（46※）", message: "双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）" },
      { sheet: "附件2", row: 4, column: "E", value: "10（11※）", message: "双柏县职中东西协作任务数 11 不得超过招生计划 10" },
      { sheet: "附件2", row: 6, column: "C", value: "2574", message: "合计行打印的送读计划 2574 与各县市之和 2575 不一致" },
    ]);
    expect(preview.target).toEqual({ year: 2061, nextVersion: 1, openDraft: null, issuedVersion: null });
    expect(await testDb().planVersion.count()).toBe(before);
    expect(await testDb().quotaPlan.findUnique({ where: { year: 2061 } })).toBeNull();
  });

  test("accepted with problems: kept only as a draft listing them; not issuable, not editable, corrected as a new version", async () => {
    const r = await acceptAnnex2Import(zhou, { ...(await upload(fileData(2061))), year: 2061 }, NOW);
    expect(r).toMatchObject({ year: 2061, version: 1, problems: 3 });
    const v1 = await getVersionDetail(zhou, 2061, 1);
    expect(v1.state).toBe("PROBLEM_IMPORT");
    expect(v1.report?.problems).toHaveLength(3);
    expect(v1.content.counties.find((c) => c.countyName === "双柏县")?.sendOffCap).toBe(502); // the file's figure, as read
    expect(await testDb().countyQuota.count({ where: { versionId: r.versionId } })).toBe(0); // no quota rows for a broken file
    expect(await testDb().planVersion.findUniqueOrThrow({ where: { id: r.versionId } })).toMatchObject({ status: "DRAFT", source: "IMPORT", importFileName: "附件2.xlsx" });

    await expect(issueVersion(zhou, { versionId: r.versionId }, NOW)).rejects.toMatchObject({
      code: "INVALID_STATE", message: expect.stringContaining("有 3 处问题的导入文件，不能下达"),
    });
    await expect(saveDraft(zhou, { year: 2061, versionId: r.versionId, amendReason: "修正", ...planRows(w) }, NOW)).rejects.toMatchObject({ code: "INVALID_STATE" });
    // Counties never see it.
    await expect(getVersionDetail(shuangbai, 2061, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const v2 = await saveDraft(zhou, { year: 2061, amendReason: "按30%向下取整修正", ...planRows(w) }, NOW);
    expect(v2.version).toBe(2);
    await issueVersion(zhou, { versionId: v2.versionId }, NOW);
    expect((await getIssuedPlan(testDb(), 2061))?.version).toBe(2);
    expect((await getVersionDetail(zhou, 2061, 1)).state).toBe("PROBLEM_IMPORT"); // kept as the record of the file
  });

  test("a clean file becomes an ordinary draft with quota rows, ready to issue; a later import needs a reason", async () => {
    const file = await upload(CLEAN(2062));
    const r = await acceptAnnex2Import(zhou, { ...file, year: 2062 }, NOW);
    expect(r.problems).toBe(0);
    await expectAudit("plan.import", zhou, { type: "PlanVersion", id: r.versionId }, { year: 2062, version: 1, fileName: file.fileName, problems: 0 });
    expect(await testDb().countyQuota.count({ where: { versionId: r.versionId } })).toBe(2);
    await issueVersion(zhou, { versionId: r.versionId }, NOW);
    expect((await getIssuedPlan(testDb(), 2062))?.countyById.get(w.shuangbai.id)?.sendOffCap).toBe(501);

    await expect(acceptAnnex2Import(zhou, { ...(await upload(CLEAN(2062))), year: 2062 }, NOW)).rejects.toMatchObject({
      code: "VALIDATION", fieldErrors: { amendReason: "请填写调整原因" },
    });
    const again = await acceptAnnex2Import(zhou, { ...(await upload(CLEAN(2062))), year: 2062, amendReason: "重新导入更正后的表格" }, NOW);
    expect(again.version).toBe(2);
    // …and while that draft is open, no other new version can start.
    await expect(acceptAnnex2Import(zhou, { ...(await upload(CLEAN(2062))), year: 2062, amendReason: "第三次" }, NOW)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  test("corrupt, non-xlsx, or another year's file: a clear message, nothing stored", async () => {
    const before = await testDb().planVersion.count();
    const unreadable = "文件无法读取：请上传 .xlsx 格式的附件2（WPS 或 Excel 另存为 .xlsx）";
    await expect(previewAnnex2Import(zhou, { fileName: "附件2.xlsx", bytes: Buffer.from("not a spreadsheet") })).rejects.toMatchObject({ code: "VALIDATION", message: unreadable });
    const good = await upload(CLEAN(2063));
    await expect(previewAnnex2Import(zhou, { fileName: "附件2.xlsx", bytes: good.bytes.subarray(0, 300) })).rejects.toMatchObject({ message: unreadable });
    await expect(previewAnnex2Import(zhou, { fileName: "附件2.xls", bytes: good.bytes })).rejects.toMatchObject({
      message: "“附件2.xls”不是 .xlsx 文件：请在 WPS 或 Excel 中把附件2另存为 .xlsx 格式后再上传。",
    });
    await expect(acceptAnnex2Import(zhou, { ...good, year: 2064 }, NOW)).rejects.toMatchObject({
      message: "文件标题中的年度是2063年，与所选的2064年不一致。请确认文件或所选年度。",
    });
    expect(await testDb().planVersion.count()).toBe(before);
  });

  test("only the prefecture imports", async () => {
    await expect(previewAnnex2Import(shuangbai, await upload(CLEAN(2063)))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acceptAnnex2Import(shuangbai, { ...(await upload(CLEAN(2063))), year: 2063 }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the demo: the policy's 2020 table through the same import path", () => {
  test("version 1 lists the file's 9 problems and is never issued; version 2 corrects to ⌊30%⌋ and is issued", async () => {
    // The real figures and organisation names, moved to 2069 so no other test's year is touched.
    const real = JSON.parse(readFileSync(path.join(process.cwd(), "prisma/data/plan-2020.json"), "utf8"));
    const data: Plan2020Data = { ...real, year: 2069, cohortBaseYear: 2066 };
    const prefecture = await createPrefecture(testDb());
    const counties = new Map<string, string>();
    for (const [i, c] of data.counties.entries()) counties.set(c.name, (await createCounty(testDb(), prefecture.id, { name: c.name, sortOrder: i + 1 })).id);
    for (const [i, s] of data.vocationalSchools.entries()) await createVocationalSchool(testDb(), prefecture.id, { name: s.name, fullName: s.fullName, sortOrder: i + 1 });
    const user = await createUser(testDb(), { role: "PREFECTURE", orgId: prefecture.id });

    await seedDemoPlan(testDb(), data, user.username);
    const actor = await actorFor(user);
    const v1 = await getVersionDetail(actor, 2069, 1);
    expect(v1.state).toBe("PROBLEM_IMPORT");
    expect(v1.report!.problems.map((p) => `${p.row}${p.column} ${p.message}`)).toEqual([
      "5C 双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）",
      "6C 牟定县送读计划不得超过 566 人（1889 × 30% = 566.7）",
      "7C 南华县送读计划不得超过 853 人（2846 × 30% = 853.8）",
      "8C 姚安县送读计划不得超过 522 人（1742 × 30% = 522.6）",
      "9C 大姚县送读计划不得超过 835 人（2786 × 30% = 835.8）",
      "11C 元谋县送读计划不得超过 705 人（2353 × 30% = 705.9）",
      "12C 武定县送读计划不得超过 932 人（3109 × 30% = 932.7）",
      "14C 合计行打印的送读计划 8892 与各县市之和 8893 不一致",
      "16E 合计行打印的东西协作任务数 800 与各职业学校之和 200 不一致",
    ]);
    const v2 = await getVersionDetail(actor, 2069, 2);
    expect(v2).toMatchObject({ state: "ISSUED", amendReason: DEMO_CORRECTION_REASON });
    for (const c of v2.content.counties) {
      const printed = data.counties.find((x) => x.name === c.countyName)!;
      expect(c.sendOffCap).toBe(Math.min(printed.sendOffCap, maxSendOffCap(printed.cohortBase)));
    }
    expect(v2.totals.counties).toEqual({ cohortBase: 29640, sendOffCap: 8886, shanghaiTask: 600 });
    expect(v2.totals.vocationalSchools).toEqual({ enrolCap: 8920, shanghaiTask: 200 });
    expect((await getIssuedPlan(testDb(), 2069))?.countyById.get(counties.get("双柏县")!)?.sendOffCap).toBe(501);
  });
});
