import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { enrolmentScope } from "@/server/send-off/scope";
import { AID_KINDS, type AidKind } from "@/lib/schemas/aid";
import { subsidyScope } from "./write";

type Totals = Record<AidKind, number> & { students: number; studentTotal: number; schools: number; total: number };
const zero = (): Totals => ({ COMPULSORY_AID: 0, LIVING: 0, TRANSPORT: 0, students: 0, studentTotal: 0, schools: 0, total: 0 });

/** Subsidies to schools the actor may see: all (prefecture), its own (county), those to itself (vocational school). */
function subsidyReadScope(actor: Actor): Prisma.SchoolSubsidyWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { county: { prefectureId: actor.prefectureId } };
    case "COUNTY": return { countyId: actor.countyId };
    case "VOCATIONAL_SCHOOL": return { vocationalSchoolId: actor.vocationalSchoolId };
    case "MIDDLE_SCHOOL": return { id: "-" };
  }
}

/**
 * The county summary of a year (students of that year's 职教班): per county the live payments to students by
 * kind, the number of students aided and the subsidies to schools, all in fen. Voided rows are left out.
 */
export async function aidSummary(actor: Actor, year: number) {
  assertCan(actor, "aid.read");
  const [aid, subsidies, counties] = await Promise.all([
    db().studentAid.findMany({ where: { voidedAt: null, enrolment: { AND: [enrolmentScope(actor), { year }] } }, select: { countyId: true, enrolmentId: true, kind: true, amountFen: true } }),
    db().schoolSubsidy.findMany({
      where: { AND: [subsidyReadScope(actor), { year }] },
      include: { county: { select: { name: true } }, vocationalSchool: { select: { name: true } } },
      orderBy: [{ paidOn: "asc" }, { createdAt: "asc" }],
    }),
    db().county.findMany({ where: { prefectureId: actor.prefectureId, ...(actor.role === "COUNTY" ? { id: actor.countyId } : {}) }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
  ]);
  const by = new Map(counties.map((c) => [c.id, { countyId: c.id, countyName: c.name, ...zero(), aided: new Set<string>() }]));
  for (const a of aid) {
    const c = by.get(a.countyId);
    if (!c) continue;
    c[a.kind] += a.amountFen;
    c.studentTotal += a.amountFen;
    c.aided.add(a.enrolmentId);
  }
  for (const s of subsidies) {
    const c = by.get(s.countyId);
    if (c && !s.voidedAt) c.schools += s.amountFen;
  }
  const rows = [...by.values()].map(({ aided, ...c }) => ({ ...c, students: aided.size, total: c.studentTotal + c.schools }));
  const shown = actor.role === "PREFECTURE" || actor.role === "COUNTY" ? rows : rows.filter((r) => r.total > 0);
  const sum = shown.reduce((t, r) => {
    for (const k of [...AID_KINDS, "students", "studentTotal", "schools", "total"] as const) t[k] += r[k];
    return t;
  }, zero());
  return { counties: shown, sum, subsidies };
}

/** Students of the year in scope (arrived) with their live aid totals by kind: the list on the aid page. */
export async function aidStudents(actor: Actor, year: number) {
  assertCan(actor, "aid.read");
  const rows = await db().enrolment.findMany({
    where: { AND: [enrolmentScope(actor), { year, arrivalStatus: "ARRIVED" }] },
    include: {
      application: { select: { studentName: true } }, county: { select: { name: true } }, middleSchool: { select: { name: true } }, vocationalSchool: { select: { name: true } },
      aid: { where: { voidedAt: null }, select: { kind: true, amountFen: true } },
    },
    orderBy: [{ county: { sortOrder: "asc" } }, { middleSchool: { name: "asc" } }, { application: { studentName: "asc" } }],
  });
  return rows.map((e) => {
    const t = { COMPULSORY_AID: 0, LIVING: 0, TRANSPORT: 0 } as Record<AidKind, number>;
    for (const a of e.aid) t[a.kind] += a.amountFen;
    return { id: e.id, studentName: e.application.studentName, countyName: e.county.name, middleSchoolName: e.middleSchool.name, vocationalSchoolName: e.vocationalSchool.name, status: e.status, totals: t, total: t.COMPULSORY_AID + t.LIVING + t.TRANSPORT };
  });
}

/** One student's payments (voided ones too, marked), for the student page; scoped in the query. */
export async function aidOf(actor: Actor, enrolmentId: string) {
  assertCan(actor, "aid.read");
  return db().studentAid.findMany({ where: { enrolmentId, enrolment: enrolmentScope(actor) }, orderBy: [{ paidOn: "asc" }, { createdAt: "asc" }] });
}

/** Schools the county may subsidise (for its form). */
export async function subsidisableSchools(actor: Actor) {
  if (actor.role !== "COUNTY") return [];
  return db().vocationalSchool.findMany({ where: subsidyScope(actor), orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
}
