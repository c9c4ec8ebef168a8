import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, dbKind, testDb, raceTest } from "../../support/db";
import { createPlanWorld, planRows, type PlanWorld } from "../../../prisma/factories/plan";
import { issueVersion, saveDraft } from "@/server/plan/write";
import { saveAllocations } from "@/server/plan/allocation";
import { getIssuedPlan, getPlanOverview, getSplit } from "@/server/plan/read";
import type { Actor } from "@/server/auth/load-actor";

// This file uses plan years 2051–2059 (plans are global per year; the test database is shared).
const NOW = new Date("2051-04-20T09:00:00+08:00");
let w: PlanWorld;
let zhou: Actor, shuangbai: Actor, shuangbai2: Actor, chuxiong: Actor, sb1: Actor, cxState: Actor, vocSb: Actor;

async function issuePlan(year: number, rows = planRows(w)) {
  const d = await saveDraft(zhou, { year, ...rows }, NOW);
  await issueVersion(zhou, { versionId: d.versionId }, NOW);
}

beforeAll(async () => {
  w = await createPlanWorld(testDb());
  [zhou, shuangbai, shuangbai2, chuxiong, sb1, cxState, vocSb] = await Promise.all(
    [w.users.prefecture, w.users.shuangbai, w.users.shuangbai2, w.users.chuxiong, w.users.sb1, w.users.cxState, w.users.vocSb].map(actorFor),
  );
  await issuePlan(2051);
});

describe("county split (落实到校)", () => {
  test("nothing can be split before the plan is issued", async () => {
    await saveDraft(zhou, { year: 2052, ...planRows(w) }, NOW);
    await expect(saveAllocations(shuangbai, { year: 2052, allocations: [{ middleSchoolId: w.sb1.id, allocation: 1 }] }, NOW))
      .rejects.toMatchObject({ code: "INVALID_STATE", message: "2052年送读招生计划尚未下达，下达后才能分解到学校。" });
  });

  test("sum ≤ S: exactly S is accepted, S + 1 refused with what to do; allocated / unallocated shown", async () => {
    await expect(saveAllocations(shuangbai, { year: 2051, allocations: [{ middleSchoolId: w.sb1.id, allocation: 301 }, { middleSchoolId: w.sb2.id, allocation: 201 }] }, NOW))
      .rejects.toMatchObject({ code: "CAP_EXCEEDED", message: "分配合计 502 人，超过双柏县送读计划 501 人（第 1 版），请减少 1 人后再保存。" });
    expect(await testDb().middleSchoolAllocation.count({ where: { middleSchoolId: { in: [w.sb1.id, w.sb2.id] } } })).toBe(0);

    await expect(saveAllocations(shuangbai, { year: 2051, allocations: [{ middleSchoolId: w.sb1.id, allocation: 300 }, { middleSchoolId: w.sb2.id, allocation: 201 }] }, NOW))
      .resolves.toMatchObject({ cap: 501, total: 501, unallocated: 0, changed: 2 });
    const split = await getSplit(shuangbai, 2051);
    expect(split).toMatchObject({ countyName: "双柏县", sendOffCap: 501, allocated: 501, unallocated: 0, canEdit: true });
    expect(split.schools.map((s) => [s.name, s.allocation])).toEqual([["双柏县第一中学", 300], ["双柏县妥甸中学", 201]]);

    // Saving one school counts the others already saved.
    await expect(saveAllocations(shuangbai, { year: 2051, allocations: [{ middleSchoolId: w.sb2.id, allocation: 202 }] }, NOW))
      .rejects.toMatchObject({ code: "CAP_EXCEEDED" });
    const audit = await testDb().auditLog.findFirst({ where: { action: "allocation.save", entityId: w.shuangbai.id } });
    expect(audit?.actorId).toBe(w.users.shuangbai.id);
  });

  test("楚雄市 also splits among the 州属高完中; the school sees its own allocation", async () => {
    await saveAllocations(chuxiong, { year: 2051, allocations: [{ middleSchoolId: w.cx1.id, allocation: 2000 }, { middleSchoolId: w.cxState.id, allocation: 73 }] }, NOW);
    const split = await getSplit(chuxiong, 2051);
    expect(split.schools.map((s) => [s.name, s.prefectureOwned, s.allocation])).toEqual([
      ["楚雄市第一中学", false, 2000],
      ["楚雄州民族中学", true, 73],
    ]);
    expect((await getPlanOverview(cxState, 2051)).ownAllocation).toEqual({ schoolName: "楚雄州民族中学", allocation: 73 });
    expect((await getPlanOverview(sb1, 2051)).ownAllocation).toEqual({ schoolName: "双柏县第一中学", allocation: 300 });
  });

  test("scoping: a county cannot read or write another county's split; schools cannot split", async () => {
    // 双柏县 cannot allocate to a 楚雄市 school (not found), nor read 楚雄市's split even by asking for it.
    await expect(saveAllocations(shuangbai, { year: 2051, allocations: [{ middleSchoolId: w.cx1.id, allocation: 1 }] }, NOW))
      .rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await getSplit(shuangbai, 2051, w.chuxiong.id);
    expect(own.countyName).toBe("双柏县");
    expect(own.schools.map((s) => s.name)).not.toContain("楚雄市第一中学");
    const overview = await getPlanOverview(shuangbai, 2051);
    expect(overview.allocation.map((a) => a.countyName)).toEqual(["双柏县"]);
    // Schools and vocational schools have no split at all.
    await expect(saveAllocations(sb1, { year: 2051, allocations: [{ middleSchoolId: w.sb1.id, allocation: 1 }] }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveAllocations(zhou, { year: 2051, allocations: [{ middleSchoolId: w.sb1.id, allocation: 1 }] }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getSplit(sb1, 2051)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSplit(vocSb, 2051)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The prefecture reads any county's split.
    expect((await getSplit(zhou, 2051, w.chuxiong.id)).allocated).toBe(2073);
  });

  test("getIssuedPlan gives send-off the issued figures and the allocations", async () => {
    const plan = await getIssuedPlan(testDb(), 2051);
    expect(plan).toMatchObject({ year: 2051, cohortBaseYear: 2048, version: 1 });
    expect(plan!.countyById.get(w.shuangbai.id)).toEqual({ countyId: w.shuangbai.id, cohortBase: 1673, sendOffCap: 501, shanghaiTask: 46 });
    expect(plan!.vocationalById.get(w.vocTech.id)).toEqual({ vocationalSchoolId: w.vocTech.id, enrolCap: 5000, shanghaiTask: 180 });
    expect(plan!.allocationBySchool.get(w.cxState.id)).toBe(73);
  });
});

describe(`concurrent county splits (database: ${dbKind()})`, () => {
  raceTest("two simultaneous allocations that together exceed S: exactly one is refused", async () => {
    // Twenty rounds on one plan (S = 501, allocations reset each round): two 双柏县 staff each give one school 300.
    const year = 2053;
    await issuePlan(year);
    const plan = await testDb().quotaPlan.findUniqueOrThrow({ where: { year } });
    let refusedTotal = 0;
    for (let round = 0; round < 20; round++) {
      await testDb().middleSchoolAllocation.deleteMany({ where: { planId: plan.id } });
      const results = await Promise.allSettled([
        saveAllocations(shuangbai, { year, allocations: [{ middleSchoolId: w.sb1.id, allocation: 300 }] }, NOW),
        saveAllocations(shuangbai2, { year, allocations: [{ middleSchoolId: w.sb2.id, allocation: 300 }] }, NOW),
      ]);
      const refused = results.filter((r) => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CAP_EXCEEDED" });
      const rows = await testDb().middleSchoolAllocation.findMany({ where: { planId: plan.id } });
      expect(rows.reduce((s, r) => s + r.allocation, 0)).toBe(300);
      refusedTotal += refused.length;
    }
    expect(refusedTotal).toBe(20);
  });
});
