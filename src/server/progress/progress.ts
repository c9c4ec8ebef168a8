import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { countyScope, middleSchoolScope } from "@/server/auth/scope";

type Counts = { sent: number; arrived: number; shanghai: number };
const zero = (): Counts => ({ sent: 0, arrived: 0, shanghai: 0 });

/** Counts per id of `column`, for the ids shown only (not the whole prefecture: decision 094). */
async function countsBy(column: "countyId" | "middleSchoolId" | "vocationalSchoolId", year: number, prefectureId: string, ids: string[]) {
  const out = new Map<string, Counts>();
  if (ids.length === 0) return out;
  const rows = await db().enrolment.groupBy({
    by: [column, "arrivalStatus", "shanghaiFlag"],
    where: { year, county: { prefectureId }, [column]: { in: ids } },
    _count: { _all: true },
  });
  for (const r of rows as unknown as ({ arrivalStatus: string; shanghaiFlag: boolean; _count: { _all: number } } & Record<string, string>)[]) {
    const key = r[column];
    const c = out.get(key) ?? zero();
    c.sent += r._count._all;
    if (r.arrivalStatus === "ARRIVED") c.arrived += r._count._all;
    if (r.shanghaiFlag) c.shanghai += r._count._all;
    out.set(key, c);
  }
  return out;
}

async function issuedVersion(year: number) {
  return db().planVersion.findFirst({ where: { status: "ISSUED", plan: { year } }, include: { plan: true, countyQuotas: true, vocationalQuotas: true } });
}

/**
 * Live send-off progress from the database, scoped to the actor: counties (S, ※, sent, arrived),
 * middle schools (allocation, sent, arrived) and vocational schools (E, ※, enrolled, arrived).
 */
export async function sendOffProgress(actor: Actor, year: number) {
  assertCan(actor, "sendOff.read");
  const version = await issuedVersion(year);
  const schoolWhere = actor.role === "COUNTY" || actor.role === "MIDDLE_SCHOOL" ? middleSchoolScope(actor) : null;
  const vocWhere = actor.role === "VOCATIONAL_SCHOOL" ? { id: actor.vocationalSchoolId } : actor.role === "PREFECTURE" ? { prefectureId: actor.prefectureId } : null;
  const [counties, schools, vocs, allocations] = await Promise.all([
    actor.role === "PREFECTURE" || actor.role === "COUNTY" ? db().county.findMany({ where: countyScope(actor), orderBy: { sortOrder: "asc" } }) : [],
    schoolWhere ? db().middleSchool.findMany({ where: schoolWhere, orderBy: [{ prefectureOwned: "asc" }, { name: "asc" }] }) : [],
    vocWhere ? db().vocationalSchool.findMany({ where: vocWhere, orderBy: { sortOrder: "asc" } }) : [],
    version ? db().middleSchoolAllocation.findMany({ where: { planId: version.planId } }) : [],
  ]);
  const [byCounty, bySchool, byVoc] = await Promise.all([
    countsBy("countyId", year, actor.prefectureId, counties.map((c) => c.id)),
    countsBy("middleSchoolId", year, actor.prefectureId, schools.map((s) => s.id)),
    countsBy("vocationalSchoolId", year, actor.prefectureId, vocs.map((v) => v.id)),
  ]);

  const countyRows = counties.map((c) => {
    const q = version?.countyQuotas.find((x) => x.countyId === c.id);
    return { id: c.id, name: c.name, cap: q?.sendOffCap ?? 0, shanghaiTask: q?.shanghaiTask ?? 0, ...(byCounty.get(c.id) ?? zero()) };
  });
  const schoolRows = schools.map((s) => ({
    id: s.id, name: s.name, prefectureOwned: s.prefectureOwned,
    allocation: allocations.find((a) => a.middleSchoolId === s.id)?.allocation ?? 0,
    ...(bySchool.get(s.id) ?? zero()),
  }));
  const vocRows = vocs.map((v) => {
    const q = version?.vocationalQuotas.find((x) => x.vocationalSchoolId === v.id);
    return { id: v.id, name: v.name, cap: q?.enrolCap ?? 0, shanghaiTask: q?.shanghaiTask ?? 0, ...(byVoc.get(v.id) ?? zero()) };
  });

  return {
    year,
    plan: version ? { version: version.version, issuedAt: version.issuedAt } : null,
    counties: countyRows,
    middleSchools: schoolRows,
    vocationalSchools: vocRows,
  };
}
