import "server-only";
import { db, type Tx } from "@/server/db";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { assertInPhase, programmeYear } from "@/server/calendar/calendar";
import { sendableApplicationScope } from "./scope";
import { maskIdNumber } from "@/lib/validators/id-number";
import { pageArgs, toPage } from "@/server/pagination";

export type SendOffResult = {
  sent: number;
  remaining: { county: number; middleSchool: number; vocational: { name: string; remaining: number }[] };
};

type LockedApp = {
  id: string; studentName: string; status: string; countyId: string; middleSchoolId: string;
  vocationalSchoolId: string; shanghaiFlag: boolean; year: number;
};

/**
 * Locks the per-year cap rows in one global order (county → middle school → vocational school, then key),
 * so concurrent send-offs on any number of app servers serialise on the database and never deadlock.
 * CapLock rows are independent of plan versions: an amendment does not change what is locked.
 */
async function lockCaps(tx: Tx, year: number, keys: string[]) {
  const sorted = [...new Set(keys)].sort();
  await tx.$executeRaw`INSERT INTO "CapLock" ("year", "key") SELECT ${year}, k FROM unnest(${sorted}::text[]) AS k ON CONFLICT DO NOTHING`;
  await tx.$queryRaw`SELECT "key" FROM "CapLock" WHERE "year" = ${year} AND "key" = ANY(${sorted}::text[]) ORDER BY "key" FOR UPDATE`;
}

/** Students already sent off this year, per county / middle school / vocational school (read after the locks). */
export async function countEnrolments(
  tx: Tx, year: number, column: "countyId" | "middleSchoolId" | "vocationalSchoolId", ids: string[],
): Promise<Map<string, number>> {
  const col = Prisma.raw(`"${column}"`); // column name from the fixed union above, never user input
  const rows = await tx.$queryRaw<{ id: string; n: number }[]>`
    SELECT ${col} AS id, count(*)::int AS n FROM "Enrolment" WHERE "year" = ${year} AND ${col} = ANY(${ids}::text[]) GROUP BY 1`;
  return new Map(rows.map((r) => [r.id, r.n]));
}

/**
 * 送读: sends approved applications to the vocational school each student chose. All-or-nothing.
 * Checks, in this order, inside one transaction: 送读期; application state; county sent-off < S;
 * middle-school sent-off < its allocation; vocational enrolled < E.
 */
export async function sendOff(actor: Actor, input: { applicationIds: string[] }, now: Date): Promise<SendOffResult> {
  assertCan(actor, "sendOff.execute");
  const ids = [...new Set(input.applicationIds)];
  if (ids.length === 0) throw new AppError("VALIDATION", "请至少选择一名学生。");
  return db().$transaction(async (tx) => {
    await assertInPhase(tx, { now, phase: "sendOff", verb: "送读" });
    const year = programmeYear(now);

    const visible = await tx.application.findMany({
      where: { AND: [sendableApplicationScope(actor), { id: { in: ids } }] },
      select: { id: true },
    });
    if (visible.length !== ids.length) throw notFound("报名申请");
    // Row locks on the applications themselves: the same student cannot be sent twice concurrently.
    const apps = await tx.$queryRaw<LockedApp[]>`
      SELECT id, "studentName", status::text AS status, "countyId", "middleSchoolId", "vocationalSchoolId", "shanghaiFlag", year
      FROM "Application" WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
    for (const a of apps) {
      if (a.year !== year) throw new AppError("INVALID_STATE", `${a.studentName}的报名属于${a.year}年，不能在${year}年送读。`);
      if (a.status === "SENT_OFF") throw new AppError("INVALID_STATE", `${a.studentName}已经送读，请勿重复送读。`);
      if (a.status !== "APPROVED") {
        throw new AppError("INVALID_STATE", `${a.studentName}的报名尚未经初中学校审核同意（须学生和监护人签字、上传签字扫描件并审核同意），不能送读。`);
      }
    }

    const version = await tx.planVersion.findFirst({
      where: { status: "ISSUED", plan: { year } },
      include: { plan: true },
    });
    if (!version) throw new AppError("INVALID_STATE", `${year}年送读招生计划尚未下达，暂时不能送读。请等待州教育体育局下达计划。`);

    const countyIds = [...new Set(apps.map((a) => a.countyId))];
    const schoolIds = [...new Set(apps.map((a) => a.middleSchoolId))];
    const vocIds = [...new Set(apps.map((a) => a.vocationalSchoolId))];
    await lockCaps(tx, year, [
      ...countyIds.map((id) => `1county:${id}`),
      ...schoolIds.map((id) => `2middle:${id}`),
      ...vocIds.map((id) => `3voc:${id}`),
    ]);

    const [countyQuotas, allocations, vocQuotas, counties, schools, vocs] = await Promise.all([
      tx.countyQuota.findMany({ where: { versionId: version.id, countyId: { in: countyIds } } }),
      tx.middleSchoolAllocation.findMany({ where: { planId: version.planId, middleSchoolId: { in: schoolIds } } }),
      tx.vocationalQuota.findMany({ where: { versionId: version.id, vocationalSchoolId: { in: vocIds } } }),
      tx.county.findMany({ where: { id: { in: countyIds } }, select: { id: true, name: true } }),
      tx.middleSchool.findMany({ where: { id: { in: schoolIds } }, select: { id: true, name: true } }),
      tx.vocationalSchool.findMany({ where: { id: { in: vocIds } }, select: { id: true, name: true } }),
    ]);
    const nameOf = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? "";
    const [countyCounts, schoolCounts, vocCounts] = await Promise.all([
      countEnrolments(tx, year, "countyId", countyIds),
      countEnrolments(tx, year, "middleSchoolId", schoolIds),
      countEnrolments(tx, year, "vocationalSchoolId", vocIds),
    ]);

    const result: SendOffResult = { sent: apps.length, remaining: { county: 0, middleSchool: 0, vocational: [] } };
    for (const countyId of countyIds) {
      const name = nameOf(counties, countyId);
      const q = countyQuotas.find((c) => c.countyId === countyId);
      const cap = q?.sendOffCap ?? 0;
      const done = countyCounts.get(countyId) ?? 0;
      const adding = apps.filter((a) => a.countyId === countyId).length;
      if (done + adding > cap) {
        throw new AppError("CAP_EXCEEDED", `超出${name}送读计划：计划 ${cap} 人，已送读 ${done} 人，剩余 ${Math.max(0, cap - done)} 个名额，本次选择 ${adding} 人，不能送读。`);
      }
      result.remaining.county = cap - done - adding;
    }
    for (const schoolId of schoolIds) {
      const name = nameOf(schools, schoolId);
      const alloc = allocations.find((x) => x.middleSchoolId === schoolId)?.allocation ?? 0;
      const done = schoolCounts.get(schoolId) ?? 0;
      const adding = apps.filter((a) => a.middleSchoolId === schoolId).length;
      if (done + adding > alloc) {
        throw new AppError("CAP_EXCEEDED", alloc === 0 && done === 0
          ? `县市教育体育局尚未给${name}分配送读名额，不能送读。请联系县市教育体育局分配名额。`
          : `超出${name}分配的送读名额：分配 ${alloc} 人，已送读 ${done} 人，剩余 ${Math.max(0, alloc - done)} 个名额，本次选择 ${adding} 人，不能送读。`);
      }
      result.remaining.middleSchool = alloc - done - adding;
    }
    for (const vocId of vocIds) {
      const name = nameOf(vocs, vocId);
      const cap = vocQuotas.find((v) => v.vocationalSchoolId === vocId)?.enrolCap ?? 0;
      const done = vocCounts.get(vocId) ?? 0;
      const adding = apps.filter((a) => a.vocationalSchoolId === vocId).length;
      if (done + adding > cap) {
        throw new AppError("CAP_EXCEEDED", `超出${name}招生计划：计划 ${cap} 人，已招收 ${done} 人，剩余 ${Math.max(0, cap - done)} 个名额，本次选择 ${adding} 人，不能送读。`);
      }
      result.remaining.vocational.push({ name, remaining: cap - done - adding });
    }

    await tx.enrolment.createMany({
      data: apps.map((a) => ({
        applicationId: a.id, year, countyId: a.countyId, middleSchoolId: a.middleSchoolId,
        vocationalSchoolId: a.vocationalSchoolId, shanghaiFlag: a.shanghaiFlag, sentOffAt: now, sentOffById: actor.userId,
      })),
    });
    await tx.application.updateMany({ where: { id: { in: ids } }, data: { status: "SENT_OFF" } });
    await audit(tx, actor, "sendOff.execute", { type: "Application", id: ids.length === 1 ? ids[0] : undefined }, {
      count: ids.length, applicationIds: ids,
    });
    return result;
  }, { timeout: 30_000, maxWait: 30_000 });
}

/** Approved applications waiting for send-off, in the actor's scope (ID numbers masked). */
export async function listSendable(actor: Actor, year: number, query: { q: string; page: number; middleSchoolId: string }) {
  assertCan(actor, "sendOff.execute");
  const where: Prisma.ApplicationWhereInput = {
    AND: [
      sendableApplicationScope(actor),
      { year, status: "APPROVED" },
      query.q ? { OR: [{ studentName: { contains: query.q } }, { idNumber: { contains: query.q.toUpperCase() } }] } : {},
      query.middleSchoolId ? { middleSchoolId: query.middleSchoolId } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db().application.findMany({
      where,
      include: { middleSchool: { select: { name: true } }, vocationalSchool: { select: { name: true } } },
      orderBy: [{ middleSchool: { name: "asc" } }, { className: "asc" }, { studentName: "asc" }],
      ...pageArgs(query.page, 100),
    }),
    db().application.count({ where }),
  ]);
  return toPage(
    rows.map((a) => ({
      id: a.id, studentName: a.studentName, sex: a.sex, idMasked: maskIdNumber(a.idNumber), className: a.className,
      middleSchoolName: a.middleSchool.name, vocationalSchoolName: a.vocationalSchool.name, major: a.major ?? "",
      shanghaiFlag: a.shanghaiFlag, reviewDate: a.reviewDate,
    })),
    total, query.page, 100,
  );
}
