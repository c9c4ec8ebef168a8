import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createPlanWorld, planRows, type PlanWorld } from "../../../prisma/factories/plan";
import { discardDraft, issueVersion, saveDraft } from "@/server/plan/write";
import { getIssuedPlan, getPlanOverview, getVersionDetail, listPlans } from "@/server/plan/read";
import { compareVersions } from "@/server/plan/compare";
import { saveAllocations } from "@/server/plan/allocation";
import type { Actor } from "@/server/auth/load-actor";

// Plans are global per year and the test database is shared by all files: this file uses 2041–2049.
const NOW = new Date("2041-04-10T09:00:00+08:00");
let w: PlanWorld;
let zhou: Actor, shuangbai: Actor, sb1: Actor, vocSb: Actor;

beforeAll(async () => {
  w = await createPlanWorld(testDb());
  zhou = await actorFor(w.users.prefecture);
  shuangbai = await actorFor(w.users.shuangbai);
  sb1 = await actorFor(w.users.sb1);
  vocSb = await actorFor(w.users.vocSb);
});

describe("plan rules, checked again on the server in the saving transaction", () => {
  test("⌊30%⌋ is accepted, ⌊30%⌋ + 1 refused with the bound in the message, nothing stored", async () => {
    await expect(saveDraft(zhou, { year: 2041, ...planRows(w, { sb: { sendOffCap: 502 } }) }, NOW)).rejects.toMatchObject({
      code: "VALIDATION",
      message: "双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）。请修改后再保存。",
      fieldErrors: { "counties.0.sendOffCap": "双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）" },
    });
    expect(await testDb().quotaPlan.findUnique({ where: { year: 2041 } })).toBeNull();

    const saved = await saveDraft(zhou, { year: 2041, ...planRows(w) }, NOW);
    expect(saved).toMatchObject({ year: 2041, version: 1, created: true });
    const rows = await testDb().countyQuota.findMany({ where: { versionId: saved.versionId } });
    expect(rows.find((r) => r.countyId === w.shuangbai.id)?.sendOffCap).toBe(501);
  });

  test("※ above its cap, for a county and for a vocational school", async () => {
    const err = await saveDraft(zhou, { year: 2042, ...planRows(w, { sb: { shanghaiTask: 502 }, vocSb: { enrolCap: 10, shanghaiTask: 11 } }) }, NOW)
      .catch((e) => e);
    expect(err.code).toBe("VALIDATION");
    expect(err.fieldErrors).toEqual({
      "counties.0.shanghaiTask": "双柏县东西协作任务数 502 不得超过送读计划 501",
      "vocationalSchools.0.shanghaiTask": "双柏县职中东西协作任务数 11 不得超过招生计划 10",
    });
    expect(err.message).toContain("有 2 处不符合规则");
  });

  test("negative and non-integer figures are refused by the domain too (not only by the form)", async () => {
    const err = await saveDraft(zhou, { year: 2042, ...planRows(w, { cx: { cohortBase: -1 }, vocSb: { enrolCap: 2.5 } }) }, NOW).catch((e) => e);
    expect(err.fieldErrors).toEqual({
      "counties.1.cohortBase": "楚雄市初中毕业生数必须是不小于0的整数",
      "vocationalSchools.0.enrolCap": "双柏县职中招生计划必须是不小于0的整数",
    });
    expect(await testDb().quotaPlan.findUnique({ where: { year: 2042 } })).toBeNull();
  });

  test("a plan must cover every active county and school", async () => {
    const rows = planRows(w);
    const err = await saveDraft(zhou, { year: 2042, counties: rows.counties.slice(0, 1), vocationalSchools: rows.vocationalSchools }, NOW).catch((e) => e);
    expect(err.fieldErrors._form).toBe("计划缺少楚雄市，请刷新页面后重新填写。");
  });

  test("a county of another prefecture is not found", async () => {
    const other = await createPlanWorld(testDb());
    const rows = planRows(w);
    rows.counties[0].countyId = other.shuangbai.id;
    await expect(saveDraft(zhou, { year: 2042, ...rows }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("life cycle: draft → 下达 → amendment with reason → every version kept", () => {
  test("only the prefecture edits and issues; counties and schools see only the issued version", async () => {
    const v1 = await saveDraft(zhou, { year: 2043, ...planRows(w) }, NOW);
    await expect(saveDraft(shuangbai, { year: 2043, versionId: v1.versionId, ...planRows(w) }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(issueVersion(shuangbai, { versionId: v1.versionId }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(issueVersion(sb1, { versionId: v1.versionId }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(issueVersion(vocSb, { versionId: v1.versionId }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(discardDraft(shuangbai, { versionId: v1.versionId }, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });

    // The draft is invisible outside the prefecture bureau.
    await expect(getPlanOverview(shuangbai, 2043)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getVersionDetail(sb1, 2043, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listPlans(shuangbai)).map((p) => p.year)).not.toContain(2043);
    expect(await getIssuedPlan(testDb(), 2043)).toBeNull();

    const issuedAt = new Date("2041-04-11T10:00:00+08:00");
    await expect(issueVersion(zhou, { versionId: v1.versionId }, issuedAt)).resolves.toMatchObject({ year: 2043, version: 1, supersedes: null });
    const seen = await getPlanOverview(shuangbai, 2043);
    expect(seen.issued).toMatchObject({ version: 1, issuedAt });
    expect(seen.versions.map((v) => v.version)).toEqual([1]);
    const audit = await testDb().auditLog.findFirst({ where: { action: "plan.issue", entityId: v1.versionId } });
    expect(audit?.actorId).toBe(w.users.prefecture.id);

    // Issued versions cannot be edited or issued again.
    await expect(saveDraft(zhou, { year: 2043, versionId: v1.versionId, ...planRows(w) }, NOW)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(issueVersion(zhou, { versionId: v1.versionId }, NOW)).rejects.toMatchObject({ code: "INVALID_STATE" });

    // Amendment: needs a reason, makes version 2; counties keep seeing version 1 until it is issued.
    await expect(saveDraft(zhou, { year: 2043, ...planRows(w, { sb: { sendOffCap: 400 } }) }, NOW)).rejects.toMatchObject({
      code: "VALIDATION", fieldErrors: { amendReason: "请填写调整原因" },
    });
    const v2 = await saveDraft(zhou, { year: 2043, amendReason: "双柏县送读计划调减", ...planRows(w, { sb: { sendOffCap: 400 } }) }, NOW);
    expect(v2.version).toBe(2);
    await expect(saveDraft(zhou, { year: 2043, amendReason: "再开一份草稿", ...planRows(w) }, NOW)).rejects.toMatchObject({
      code: "CONFLICT", message: expect.stringContaining("第 2 版草稿还没有下达"),
    });
    expect((await getPlanOverview(shuangbai, 2043)).issued?.version).toBe(1);
    expect((await getIssuedPlan(testDb(), 2043))?.countyById.get(w.shuangbai.id)?.sendOffCap).toBe(501);

    await issueVersion(zhou, { versionId: v2.versionId }, NOW);
    const after = await getPlanOverview(zhou, 2043);
    expect(after.versions.map((v) => [v.version, v.state])).toEqual([[1, "SUPERSEDED"], [2, "ISSUED"]]);
    expect((await getIssuedPlan(testDb(), 2043))?.countyById.get(w.shuangbai.id)?.sendOffCap).toBe(400);
    // Version 1 is kept with its own figures.
    const old = await getVersionDetail(zhou, 2043, 1);
    expect(old.content.counties.find((c) => c.countyId === w.shuangbai.id)?.sendOffCap).toBe(501);
    await expect(getVersionDetail(shuangbai, 2043, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getVersionDetail(shuangbai, 2043, 2)).resolves.toMatchObject({ version: 2, state: "ISSUED" });
  });

  test("side-by-side comparison marks exactly the changed figures", async () => {
    const cmp = await compareVersions(zhou, 2043, 1, 2);
    const sb = cmp.counties.find((c) => c.name === "双柏县")!;
    expect(sb.sendOffCap).toEqual({ a: 501, b: 400, changed: true });
    expect(sb.cohortBase).toEqual({ a: 1673, b: 1673, changed: false });
    expect(cmp.totals.counties.sendOffCap).toEqual({ a: 2574, b: 2473, changed: true });
    expect(cmp.changedCount).toBe(1);
    await expect(compareVersions(shuangbai, 2043, 1, 2)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("a discarded draft is kept and can no longer be issued", async () => {
    const v = await saveDraft(zhou, { year: 2044, ...planRows(w) }, NOW);
    await discardDraft(zhou, { versionId: v.versionId }, NOW);
    await expect(issueVersion(zhou, { versionId: v.versionId }, NOW)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const overview = await getPlanOverview(zhou, 2044);
    expect(overview.versions.map((x) => x.state)).toEqual(["DISCARDED"]);
    // A new version can start now; as version 2 it needs a reason.
    const v2 = await saveDraft(zhou, { year: 2044, amendReason: "重新编制", ...planRows(w) }, NOW);
    expect(v2.version).toBe(2);
  });
});

describe("an amendment that lowers S below what the county has split is refused, naming the schools", () => {
  test("refused with the schools, then accepted once the county lowers its split", async () => {
    const v1 = await saveDraft(zhou, { year: 2045, ...planRows(w) }, NOW);
    await issueVersion(zhou, { versionId: v1.versionId }, NOW);
    await saveAllocations(shuangbai, { year: 2045, allocations: [{ middleSchoolId: w.sb1.id, allocation: 300 }, { middleSchoolId: w.sb2.id, allocation: 150 }] }, NOW);

    const v2 = await saveDraft(zhou, { year: 2045, amendReason: "双柏县调减", ...planRows(w, { sb: { sendOffCap: 400, shanghaiTask: 40 } }) }, NOW);
    const refused = await issueVersion(zhou, { versionId: v2.versionId }, NOW).catch((e) => e);
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(
      "不能下达第 2 版：双柏县送读计划调为 400 人，少于已分解到校的 450 人（双柏县第一中学 300 人、双柏县妥甸中学 150 人）。请先由该县市教育体育局调减学校的分配名额，或提高该县市的送读计划。",
    );
    expect((await getIssuedPlan(testDb(), 2045))?.version).toBe(1);

    await saveAllocations(shuangbai, { year: 2045, allocations: [{ middleSchoolId: w.sb1.id, allocation: 250 }] }, NOW);
    await expect(issueVersion(zhou, { versionId: v2.versionId }, NOW)).resolves.toMatchObject({ version: 2 });
    const plan = await getIssuedPlan(testDb(), 2045);
    expect(plan?.countyById.get(w.shuangbai.id)?.sendOffCap).toBe(400);
    // Allocations belong to the plan, not the version: they survive the amendment.
    expect(plan?.allocationBySchool.get(w.sb1.id)).toBe(250);
    expect(plan?.allocationBySchool.get(w.sb2.id)).toBe(150);
  });
});
