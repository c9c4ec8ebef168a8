// Amendments may not undercut what already happened (SPEC §3): a county's S below the students it has sent
// off, a vocational school's E below the students it has enrolled, a middle school's allocation below its
// send-offs. Each is refused with the numbers, and nothing is stored. This file uses plan year 2036.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createApplications } from "../../../prisma/factories/applications";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { discardDraft, issueVersion, saveDraft } from "@/server/plan/write";
import { saveAllocations } from "@/server/plan/allocation";
import { sendOff } from "@/server/send-off/send-off";
import { getIssuedPlan } from "@/server/plan/read";
import type { Actor } from "@/server/auth/load-actor";

const YEAR = 2036;
const IN_WINDOW = new Date("2036-05-07T02:00:00Z"); // Wednesday 10:00 Beijing; 送读期 starts 2036-05-06
type Mini = Awaited<ReturnType<typeof createMiniPrefecture>>;
let p: Mini;
let zhou: Actor, countyA: Actor;

// v1: each county S = 10 (cohort 40), each vocational school E = 10; 6 students of county A sent to vocA.
beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb(), YEAR, `${YEAR}-05-05`);
  await createIssuedPlan(testDb(), {
    year: YEAR, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: 10, cohortBase: 40 }, { countyId: p.countyB.id, sendOffCap: 10, cohortBase: 40 }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 10 }, { vocationalSchoolId: p.vocP.id, enrolCap: 10 }],
  });
  // Send-off needs an approved 实施方案 (filings gate); this test is about something else.
  await approveImplementationPlans(testDb(), { year: YEAR, countyIds: [p.countyA.id, p.countyB.id], vocationalSchoolIds: [p.vocP.id], byUserId: p.users.prefecture.id });
  await allocate(testDb(), YEAR, p.schoolA.id, 10);
  zhou = await actorFor(p.users.prefecture);
  countyA = await actorFor(p.users.countyA);
  const ids = await createApplications(testDb(), { count: 6, year: YEAR, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
  await sendOff(await actorFor(p.users.schoolA), { applicationIds: ids }, IN_WINDOW);
});

const rows = (o: { sA?: number; eA?: number } = {}) => ({
  counties: [
    { countyId: p.countyA.id, cohortBase: 40, sendOffCap: o.sA ?? 10, shanghaiTask: 0 },
    { countyId: p.countyB.id, cohortBase: 40, sendOffCap: 10, shanghaiTask: 0 },
  ],
  vocationalSchools: [
    { vocationalSchoolId: p.vocA.id, enrolCap: o.eA ?? 10, shanghaiTask: 0 },
    { vocationalSchoolId: p.vocP.id, enrolCap: 10, shanghaiTask: 0 },
  ],
});

/** Saves an amendment draft, tries to issue it, and discards it again if refused (so the next test can draft). */
async function tryIssue(o: { sA?: number; eA?: number }) {
  const d = await saveDraft(zhou, { year: YEAR, amendReason: "测试调整", ...rows(o) }, IN_WINDOW);
  const result = await issueVersion(zhou, { versionId: d.versionId }, IN_WINDOW).then((r) => r, (e: unknown) => e);
  const v = await testDb().planVersion.findUniqueOrThrow({ where: { id: d.versionId } });
  if (v.status === "DRAFT") await discardDraft(zhou, { versionId: v.id }, IN_WINDOW);
  return { result, status: v.status, version: d.version };
}

describe("amendments below what happened", () => {
  test("a county's S below its students sent off is refused with both numbers; the issued version stays", async () => {
    // The county first lowers its split to 6, so only the send-offs stand in the way of S = 5.
    await saveAllocations(countyA, { year: YEAR, allocations: [{ middleSchoolId: p.schoolA.id, allocation: 6 }] }, IN_WINDOW);
    const before = await getIssuedPlan(testDb(), YEAR);
    const r = await tryIssue({ sA: 5 });
    expect(r.result).toMatchObject({
      code: "CONFLICT",
      message: `不能下达第 ${r.version} 版：${p.countyA.name}送读计划调为 5 人，少于已送读的 6 人。已送读的学生不能撤回，请将送读计划调为不少于已送读人数（${p.countyA.name} 6 人）。`,
    });
    expect(r.status).toBe("DRAFT"); // not issued
    const after = await getIssuedPlan(testDb(), YEAR);
    expect(after?.version).toBe(before?.version);
    expect(after?.countyById.get(p.countyA.id)?.sendOffCap).toBe(10);
    // Exactly the number sent off is accepted.
    await expect(tryIssue({ sA: 6 }).then((x) => x.status)).resolves.toBe("ISSUED");
  });

  test("the send-off count is checked on its own, not only through the split", async () => {
    // Allocations normally cover the send-offs; a row written outside the domain (data repair) may not.
    const plan = await testDb().quotaPlan.findUniqueOrThrow({ where: { year: YEAR } });
    const where = { planId_middleSchoolId: { planId: plan.id, middleSchoolId: p.schoolA.id } };
    const kept = (await testDb().middleSchoolAllocation.findUniqueOrThrow({ where })).allocation;
    await testDb().middleSchoolAllocation.update({ where, data: { allocation: 0 } });
    try {
      const r = await tryIssue({ sA: 5 });
      expect(r.result).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`${p.countyA.name}送读计划调为 5 人，少于已送读的 6 人`) });
      expect(r.status).toBe("DRAFT");
    } finally {
      await testDb().middleSchoolAllocation.update({ where, data: { allocation: kept } });
    }
  });

  test("a vocational school's E below its students enrolled is refused with both numbers; nothing stored", async () => {
    const before = await getIssuedPlan(testDb(), YEAR);
    const r = await tryIssue({ sA: 6, eA: 5 });
    expect(r.result).toMatchObject({
      code: "CONFLICT",
      message: `不能下达第 ${r.version} 版：${p.vocA.name}招生计划调为 5 人，少于已招收的 6 人。请提高该校的招生计划。`,
    });
    expect(r.status).toBe("DRAFT");
    const after = await getIssuedPlan(testDb(), YEAR);
    expect(after?.version).toBe(before?.version);
    expect(after?.vocationalById.get(p.vocA.id)?.enrolCap).toBe(10);
    await expect(tryIssue({ sA: 6, eA: 6 }).then((x) => x.status)).resolves.toBe("ISSUED");
  });

  test("a middle school's allocation below its send-offs is refused on the school's field; nothing stored", async () => {
    const plan = await testDb().quotaPlan.findUniqueOrThrow({ where: { year: YEAR } });
    const read = () => testDb().middleSchoolAllocation.findUniqueOrThrow({ where: { planId_middleSchoolId: { planId: plan.id, middleSchoolId: p.schoolA.id } } });
    const before = await read();
    const audits = await testDb().auditLog.count({ where: { action: "allocation.save", entityId: p.countyA.id } });
    const err = await saveAllocations(countyA, { year: YEAR, allocations: [{ middleSchoolId: p.schoolA.id, allocation: 5 }] }, IN_WINDOW).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "VALIDATION",
      message: `${p.schoolA.name}已送读 6 人，分配名额不能少于 6 人。`,
      fieldErrors: { "allocations.0.allocation": `${p.schoolA.name}已送读 6 人，分配名额不能少于 6 人` },
    });
    expect(await read()).toEqual(before);
    expect(await testDb().auditLog.count({ where: { action: "allocation.save", entityId: p.countyA.id } })).toBe(audits);
    await expect(saveAllocations(countyA, { year: YEAR, allocations: [{ middleSchoolId: p.schoolA.id, allocation: 6 }] }, IN_WINDOW)).resolves.toMatchObject({ total: 6 });
  });
});
