import "server-only";
import { db, type Tx } from "@/server/db";
import { programmeYear } from "@/server/calendar/calendar";
import type { Actor } from "@/server/auth/load-actor";
import { countyScope, middleSchoolScope, vocationalSchoolScope } from "@/server/auth/scope";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, isUniqueViolation, notFound } from "@/server/errors";
import { pageArgs, toPage } from "@/server/pagination";
import type { ListQuery } from "@/lib/schemas/org";
import type { Prisma } from "@/generated/prisma/client";

// ───── reads ─────

export async function listCounties(actor: Actor) {
  return db().county.findMany({ where: countyScope(actor), orderBy: { sortOrder: "asc" } });
}

export async function listVocationalSchools(actor: Actor) {
  return db().vocationalSchool.findMany({
    where: vocationalSchoolScope(actor),
    orderBy: { sortOrder: "asc" },
    include: { county: { select: { name: true } } },
  });
}

export async function listMiddleSchools(actor: Actor, query: ListQuery) {
  const where: Prisma.MiddleSchoolWhereInput = {
    AND: [
      middleSchoolScope(actor),
      query.q ? { name: { contains: query.q } } : {},
      query.countyId ? { countyId: query.countyId } : {},
      query.status === "active" ? { active: true } : query.status === "inactive" ? { active: false } : {},
    ],
  };
  const [items, total] = await Promise.all([
    db().middleSchool.findMany({
      where,
      include: { county: { select: { name: true, sortOrder: true } }, _count: { select: { users: true } } },
      orderBy: [{ county: { sortOrder: "asc" } }, { prefectureOwned: "asc" }, { name: "asc" }],
      ...pageArgs(query.page),
    }),
    db().middleSchool.count({ where }),
  ]);
  return toPage(items, total, query.page);
}

export async function getMiddleSchool(actor: Actor, id: string) {
  const school = await db().middleSchool.findFirst({ where: { AND: [middleSchoolScope(actor), { id }] }, include: { county: true } });
  if (!school) throw notFound("初中学校");
  return school;
}

// ───── writes (PREFECTURE: counties and vocational schools; PREFECTURE/COUNTY: middle schools) ─────

export async function updateCounty(actor: Actor, input: { id: string; name: string; bureauName: string }) {
  assertCan(actor, "org.county.manage");
  return db().$transaction(async (tx) => {
    const before = await tx.county.findFirst({ where: { AND: [countyScope(actor), { id: input.id }] } });
    if (!before) throw notFound("县市");
    try {
      const after = await tx.county.update({ where: { id: before.id }, data: { name: input.name, bureauName: input.bureauName } });
      await audit(tx, actor, "county.update", { type: "County", id: before.id }, { before: { name: before.name, bureauName: before.bureauName }, after: { name: after.name, bureauName: after.bureauName } });
      return after;
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("CONFLICT", `已有名为“${input.name}”的县市，请换一个名称。`, { name: "名称重复" });
      throw err;
    }
  });
}

export async function saveVocationalSchool(actor: Actor, input: { id?: string; name: string; fullName: string; countyId: string | null }) {
  assertCan(actor, "org.vocationalSchool.manage");
  return db().$transaction(async (tx) => {
    if (input.countyId) {
      const county = await tx.county.findFirst({ where: { AND: [countyScope(actor), { id: input.countyId }] } });
      if (!county) throw new AppError("VALIDATION", "所选县市不存在，请重新选择。", { countyId: "请重新选择所属县市" });
    }
    try {
      if (input.id) {
        const before = await tx.vocationalSchool.findFirst({ where: { AND: [vocationalSchoolScope(actor), { id: input.id }] } });
        if (!before) throw notFound("职业学校");
        const after = await tx.vocationalSchool.update({ where: { id: before.id }, data: { name: input.name, fullName: input.fullName, countyId: input.countyId } });
        await audit(tx, actor, "vocationalSchool.update", { type: "VocationalSchool", id: before.id }, { before: { name: before.name, fullName: before.fullName, countyId: before.countyId }, after: { name: after.name, fullName: after.fullName, countyId: after.countyId } });
        return after;
      }
      const max = await tx.vocationalSchool.aggregate({ where: { prefectureId: actor.prefectureId }, _max: { sortOrder: true } });
      const created = await tx.vocationalSchool.create({
        data: { prefectureId: actor.prefectureId, name: input.name, fullName: input.fullName, countyId: input.countyId, sortOrder: (max._max.sortOrder ?? 0) + 1 },
      });
      await audit(tx, actor, "vocationalSchool.create", { type: "VocationalSchool", id: created.id }, { name: created.name });
      return created;
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("CONFLICT", `已有简称为“${input.name}”的职业学校，请换一个名称。`, { name: "简称重复" });
      throw err;
    }
  });
}

export async function setVocationalSchoolActive(actor: Actor, input: { id: string; active: boolean }) {
  assertCan(actor, "org.vocationalSchool.manage");
  return db().$transaction(async (tx) => {
    const before = await tx.vocationalSchool.findFirst({ where: { AND: [vocationalSchoolScope(actor), { id: input.id }] } });
    if (!before) throw notFound("职业学校");
    await tx.vocationalSchool.update({ where: { id: before.id }, data: { active: input.active } });
    await audit(tx, actor, input.active ? "vocationalSchool.activate" : "vocationalSchool.deactivate", { type: "VocationalSchool", id: before.id }, { name: before.name });
  });
}

export async function saveMiddleSchool(
  actor: Actor,
  input: { id?: string; countyId: string; name: string; prefectureOwned: boolean },
  now: Date = new Date(),
) {
  assertCan(actor, "org.middleSchool.manage");
  // A county bureau works only inside its own county and cannot mark 州属高完中.
  const countyId = actor.role === "COUNTY" ? actor.countyId : input.countyId;
  return db().$transaction(async (tx) => {
    const county = await tx.county.findFirst({ where: { AND: [countyScope(actor), { id: countyId }] } });
    if (!county) throw new AppError("VALIDATION", "所选县市不存在，请重新选择。", { countyId: "请重新选择所属县市" });
    try {
      if (input.id) {
        const before = await tx.middleSchool.findFirst({ where: { AND: [middleSchoolScope(actor), { id: input.id }] } });
        if (!before) throw notFound("初中学校");
        if (before.countyId !== countyId) await assertMovable(tx, before, now);
        const prefectureOwned = actor.role === "PREFECTURE" ? input.prefectureOwned : before.prefectureOwned;
        const after = await tx.middleSchool.update({ where: { id: before.id }, data: { name: input.name, countyId, prefectureOwned } });
        await audit(tx, actor, "middleSchool.update", { type: "MiddleSchool", id: before.id }, {
          before: { name: before.name, countyId: before.countyId, prefectureOwned: before.prefectureOwned },
          after: { name: after.name, countyId: after.countyId, prefectureOwned: after.prefectureOwned },
        });
        return after;
      }
      const created = await tx.middleSchool.create({
        data: { countyId, name: input.name, prefectureOwned: actor.role === "PREFECTURE" ? input.prefectureOwned : false },
      });
      await audit(tx, actor, "middleSchool.create", { type: "MiddleSchool", id: created.id }, { name: created.name, county: county.name });
      return created;
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("CONFLICT", `${county.name}已有名为“${input.name}”的学校，请换一个名称。`, { name: "学校名称重复" });
      throw err;
    }
  });
}

/**
 * Moving a middle school to another county (decision 011): refused while the school has applications
 * or an allocation (落实到校) in the current or a later programme year, whose caps, send-off and roster
 * belong to the old county. Earlier years stay with the county they were counted in. The school row
 * is locked first; writers of applications take a share lock on it, so none slips in meanwhile.
 */
async function assertMovable(tx: Tx, school: { id: string; name: string }, now: Date) {
  await tx.$queryRaw`SELECT id FROM "MiddleSchool" WHERE id = ${school.id} FOR UPDATE`;
  const fromYear = programmeYear(now);
  const [applications, allocations] = await Promise.all([
    tx.application.count({ where: { middleSchoolId: school.id, year: { gte: fromYear } } }),
    tx.middleSchoolAllocation.count({ where: { middleSchoolId: school.id, plan: { year: { gte: fromYear } } } }),
  ]);
  if (applications > 0 || allocations > 0) {
    const what = [applications > 0 ? `${applications} 份报名申请` : "", allocations > 0 ? "送读计划落实数" : ""].filter(Boolean).join("和");
    throw new AppError(
      "INVALID_STATE",
      `“${school.name}”在 ${fromYear} 年度已有${what}，这些数据属于原县市，本年度不能把学校改到其他县市。请在本年度工作结束后（下一年度开始前）再调整所属县市。`,
      { countyId: "本年度已有报名数据，不能改到其他县市" },
    );
  }
}

export async function setMiddleSchoolActive(actor: Actor, input: { id: string; active: boolean }) {
  assertCan(actor, "org.middleSchool.manage");
  return db().$transaction(async (tx) => {
    const before = await tx.middleSchool.findFirst({ where: { AND: [middleSchoolScope(actor), { id: input.id }] } });
    if (!before) throw notFound("初中学校");
    await tx.middleSchool.update({ where: { id: before.id }, data: { active: input.active } });
    await audit(tx, actor, input.active ? "middleSchool.activate" : "middleSchool.deactivate", { type: "MiddleSchool", id: before.id }, { name: before.name });
  });
}
