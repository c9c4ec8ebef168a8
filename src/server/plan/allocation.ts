import "server-only";
import { capKey, lockCaps } from "@/server/send-off/cap-lock";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { middleSchoolScope } from "@/server/auth/scope";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { allocationFieldKey, type AllocationInput } from "@/lib/schemas/plan";
import type { PlanWriteOpts } from "./write";

/**
 * Locks the county's quota row of the issued version (FOR UPDATE) and returns it. The plan's issue
 * transaction locks the same rows before switching versions, so the version read here is re-checked
 * after the lock: if an amendment was issued meanwhile, the new version's row is locked instead.
 */
async function lockIssuedCountyQuota(tx: Tx, year: number, countyId: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const issued = await tx.planVersion.findFirst({ where: { status: "ISSUED", plan: { year } }, select: { id: true, planId: true, version: true } });
    if (!issued) return null;
    const rows = await tx.$queryRaw<{ sendOffCap: number }[]>`
      SELECT "sendOffCap" FROM "CountyQuota" WHERE "versionId" = ${issued.id} AND "countyId" = ${countyId} FOR UPDATE`;
    const still = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "PlanVersion" WHERE id = ${issued.id}`;
    if (still[0]?.status !== "ISSUED") continue;
    if (rows.length === 0) return { ...issued, sendOffCap: null };
    return { ...issued, sendOffCap: rows[0].sendOffCap };
  }
  throw new AppError("CONFLICT", "送读招生计划刚刚调整，请刷新页面后重新分配。");
}

/**
 * 落实到校: a county bureau splits its send-off cap S among its middle schools (the 州属高完中
 * attached to 楚雄市 included). The sum over all of the county's schools may not exceed S; checked in
 * the same transaction as the write, under a row lock on the county's quota row, so two bureau staff
 * saving at the same second on two app servers cannot together exceed S.
 */
export async function saveAllocations(caller: Actor, input: AllocationInput, now: Date, opts: PlanWriteOpts = {}) {
  const actor = actorAs(caller, "COUNTY");
  assertCan(actor, "allocation.edit");
  const countyId = actor.countyId;
  const client = opts.client ?? db();
  return client.$transaction(async (tx) => {
    const county = await tx.county.findUniqueOrThrow({ where: { id: countyId } });
    const issued = await lockIssuedCountyQuota(tx, input.year, countyId);
    if (!issued) throw new AppError("INVALID_STATE", `${input.year}年送读招生计划尚未下达，下达后才能分解到学校。`);
    if (issued.sendOffCap === null) throw new AppError("INVALID_STATE", `${input.year}年已下达的计划中没有${county.name}，请联系州教育体育局。`);
    const cap = issued.sendOffCap;

    const ids = input.allocations.map((a) => a.middleSchoolId);
    if (new Set(ids).size !== ids.length) throw new AppError("VALIDATION", "同一所学校出现了两次，请刷新页面后重新填写。");
    const schools = await tx.middleSchool.findMany({ where: { AND: [middleSchoolScope(actor), { id: { in: ids } }] } });
    if (schools.length !== ids.length) throw notFound("初中学校");
    const nameOf = new Map(schools.map((s) => [s.id, s.name]));

    // Read after the lock: allocations committed by a concurrent save are visible here.
    const existing = await tx.middleSchoolAllocation.findMany({
      where: { planId: issued.planId, middleSchool: { countyId } },
      include: { middleSchool: { select: { name: true } } },
    });
    const after = new Map(existing.map((a) => [a.middleSchoolId, a.allocation]));
    for (const a of input.allocations) after.set(a.middleSchoolId, a.allocation);
    const total = [...after.values()].reduce((s, n) => s + n, 0);
    if (total > cap) {
      throw new AppError(
        "CAP_EXCEEDED",
        `分配合计 ${total} 人，超过${county.name}送读计划 ${cap} 人（第 ${issued.version} 版），请减少 ${total - cap} 人后再保存。`,
      );
    }

    // A school cannot be given fewer places than it has already sent off (send-offs of these schools
    // wait on the same CapLock rows, so the count cannot grow before this transaction commits).
    await lockCaps(tx, input.year, ids.map(capKey.middle));
    const sent = await tx.enrolment.groupBy({ by: ["middleSchoolId"], where: { year: input.year, middleSchoolId: { in: ids } }, _count: { _all: true } });
    const fieldErrors: Record<string, string> = {};
    input.allocations.forEach((a, i) => {
      const n = sent.find((s) => s.middleSchoolId === a.middleSchoolId)?._count._all ?? 0;
      if (a.allocation < n) fieldErrors[allocationFieldKey(i)] = `${nameOf.get(a.middleSchoolId)}已送读 ${n} 人，分配名额不能少于 ${n} 人`;
    });
    if (Object.keys(fieldErrors).length) {
      throw new AppError("VALIDATION", Object.values(fieldErrors)[0] + "。", fieldErrors);
    }

    const changes: { school: string; before: number; after: number }[] = [];
    for (const a of input.allocations) {
      const before = existing.find((e) => e.middleSchoolId === a.middleSchoolId);
      if (before?.allocation === a.allocation || (!before && a.allocation === 0)) continue;
      await tx.middleSchoolAllocation.upsert({
        where: { planId_middleSchoolId: { planId: issued.planId, middleSchoolId: a.middleSchoolId } },
        create: { planId: issued.planId, middleSchoolId: a.middleSchoolId, allocation: a.allocation, updatedById: actor.userId, updatedAt: now },
        update: { allocation: a.allocation, updatedById: actor.userId, updatedAt: now },
      });
      changes.push({ school: nameOf.get(a.middleSchoolId)!, before: before?.allocation ?? 0, after: a.allocation });
    }
    if (changes.length) {
      await audit(tx, actor, "allocation.save", { type: "County", id: countyId }, { year: input.year, version: issued.version, cap, total, changes });
    }
    return { cap, total, unallocated: cap - total, changed: changes.length, version: issued.version };
  });
}
