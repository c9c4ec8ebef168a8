// Database constraints and the issue-time re-check, tested directly: the rules hold even for a write that
// does not come through the editor (a script, a data repair, a draft that went stale). Plan year 2037.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, afterConstraintError, testDb } from "../../support/db";
import { createCounty, createMiniPrefecture } from "../../../prisma/factories";
import { issueVersion, saveDraft } from "@/server/plan/write";
import type { Actor } from "@/server/auth/load-actor";

const YEAR = 2037;
const NOW = new Date("2037-04-10T09:00:00+08:00");
type Mini = Awaited<ReturnType<typeof createMiniPrefecture>>;
let p: Mini;
let zhou: Actor;

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  zhou = await actorFor(p.users.prefecture);
});

const rows = () => ({
  counties: [
    { countyId: p.countyA.id, cohortBase: 1673, sendOffCap: 501, shanghaiTask: 10 },
    { countyId: p.countyB.id, cohortBase: 100, sendOffCap: 30, shanghaiTask: 0 },
  ],
  vocationalSchools: [
    { vocationalSchoolId: p.vocA.id, enrolCap: 300, shanghaiTask: 0 },
    { vocationalSchoolId: p.vocP.id, enrolCap: 300, shanghaiTask: 0 },
  ],
});

/** The message of a rejected promise (a database error included), or "" if it resolved. */
const failure = (x: Promise<unknown>) => x.then(() => "", (e: unknown) => String((e as Error).message));

describe("CountyQuota_cap_30pct (S ≤ ⌊30% × cohort⌋ in the database itself)", () => {
  test("⌊30%⌋ is stored; one more is refused by the CHECK, written directly", async () => {
    const d = await saveDraft(zhou, { year: YEAR, ...rows() }, NOW);
    const q = { versionId: d.versionId, countyId: p.countyA.id };
    const where = { versionId_countyId: q };
    expect((await testDb().countyQuota.findUniqueOrThrow({ where })).sendOffCap).toBe(501); // 1673 × 30% = 501.9
    expect(await failure(testDb().countyQuota.update({ where, data: { sendOffCap: 502 } }))).toContain("CountyQuota_cap_30pct");
    await afterConstraintError();
    expect((await testDb().countyQuota.findUniqueOrThrow({ where })).sendOffCap).toBe(501);
    // S = 0 is allowed for a cohort of 0 (a county that sends nobody).
    await expect(testDb().countyQuota.update({ where, data: { cohortBase: 0, sendOffCap: 0, shanghaiTask: 0 } })).resolves.toBeTruthy();
    expect(await failure(testDb().countyQuota.update({ where, data: { sendOffCap: 1 } }))).toContain("CountyQuota_cap_30pct");
    await afterConstraintError();
    await testDb().countyQuota.update({ where, data: { cohortBase: 1673, sendOffCap: 501, shanghaiTask: 10 } });
  });

  test("only one issued version per plan (PlanVersion_one_issued)", async () => {
    const plan = await testDb().quotaPlan.findUniqueOrThrow({ where: { year: YEAR } });
    const first = await testDb().planVersion.create({ data: { planId: plan.id, version: 90, status: "ISSUED", createdById: zhou.userId, issuedById: zhou.userId, issuedAt: NOW } });
    expect(await failure(testDb().planVersion.create({ data: { planId: plan.id, version: 91, status: "ISSUED", createdById: zhou.userId, issuedById: zhou.userId, issuedAt: NOW } })))
      .toMatch(/PlanVersion_one_issued|Unique constraint/);
    await afterConstraintError();
    expect(await testDb().planVersion.count({ where: { planId: plan.id, status: "ISSUED" } })).toBe(1);
    await testDb().planVersion.update({ where: { id: first.id }, data: { status: "SUPERSEDED" } });
  });
});

describe("下达 re-checks every rule in its own transaction", () => {
  test("a draft changed behind the editor's back (※ above S) is not issued", async () => {
    const draft = await testDb().planVersion.findFirstOrThrow({ where: { plan: { year: YEAR }, status: "DRAFT" } });
    // Valid when saved; then a direct write puts the ※ task above S (no CHECK covers that rule).
    await testDb().countyQuota.update({ where: { versionId_countyId: { versionId: draft.id, countyId: p.countyB.id } }, data: { shanghaiTask: 31 } });
    await expect(issueVersion(zhou, { versionId: draft.id }, NOW)).rejects.toMatchObject({
      code: "VALIDATION",
      message: `第 ${draft.version} 版不符合规则，不能下达：${p.countyB.name}东西协作任务数 31 不得超过送读计划 30。请打开草稿修改。`,
    });
    expect((await testDb().planVersion.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
    await testDb().countyQuota.update({ where: { versionId_countyId: { versionId: draft.id, countyId: p.countyB.id } }, data: { shanghaiTask: 0 } });
  });

  test("a county added after the draft was saved: the draft no longer covers the prefecture and is not issued", async () => {
    const draft = await testDb().planVersion.findFirstOrThrow({ where: { plan: { year: YEAR }, status: "DRAFT" } });
    const added = await createCounty(testDb(), p.prefecture.id);
    try {
      await expect(issueVersion(zhou, { versionId: draft.id }, NOW)).rejects.toMatchObject({
        code: "VALIDATION", message: expect.stringContaining(`计划缺少${added.name}`),
      });
      expect((await testDb().planVersion.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
    } finally {
      await testDb().county.update({ where: { id: added.id }, data: { active: false } });
    }
    await expect(issueVersion(zhou, { versionId: draft.id }, NOW)).resolves.toMatchObject({ year: YEAR });
  });
});
