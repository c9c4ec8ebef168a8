import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { enrolmentScope } from "@/server/send-off/scope";
import { visitScope } from "./rules";

/** Field-work figures of the September report (招生情况及工作总结), frozen with the report's other figures. */
export type FieldworkFigures = {
  /** live (not voided) publicity visits: to the county's middle schools, or made by the school */
  publicityVisits: number;
  /** distinct middle schools those visits reached */
  visitedMiddleSchools: number;
  /** a county's active middle schools (null for a school's report) */
  middleSchools: number | null;
  /** follow-ups of the year's students (the county's, or the school's), by either side */
  followUps: number;
  homeVisits: number;
  riskFlagsRaised: number;
};

type Client = Tx | ReturnType<typeof db>;

export async function fieldworkFigures(client: Client, year: number, filer: { countyId: string | null; vocationalSchoolId: string | null }): Promise<FieldworkFigures> {
  const visits: Prisma.PublicityVisitWhereInput = filer.countyId
    ? { year, voidedAt: null, middleSchool: { countyId: filer.countyId } }
    : { year, voidedAt: null, vocationalSchoolId: filer.vocationalSchoolId! };
  const students: Prisma.EnrolmentWhereInput = filer.countyId ? { year, countyId: filer.countyId } : { year, vocationalSchoolId: filer.vocationalSchoolId! };
  const [publicityVisits, visited, middleSchools, followUps, homeVisits, riskFlagsRaised] = await Promise.all([
    client.publicityVisit.count({ where: visits }),
    client.publicityVisit.groupBy({ by: ["middleSchoolId"], where: visits }),
    filer.countyId ? client.middleSchool.count({ where: { countyId: filer.countyId, active: true } }) : Promise.resolve(null),
    client.followUp.count({ where: { enrolment: students } }),
    client.followUp.count({ where: { enrolment: students, kind: "HOME_VISIT" } }),
    client.riskFlag.count({ where: { enrolment: students } }),
  ]);
  return { publicityVisits, visitedMiddleSchools: visited.length, middleSchools, followUps, homeVisits, riskFlagsRaised };
}

/**
 * Per school, for a bureau (the county its schools, the prefecture all): middle schools with the visits
 * they received and the follow-ups of their students by side; vocational schools with the visits they
 * made and their follow-ups of the bureau's students. Counts only — no notes.
 */
export async function fieldworkBySchool(actor: Actor, year: number) {
  assertCan(actor, "publicity.coverage");
  const students = { AND: [enrolmentScope(actor), { year }] };
  const [visits, followUps, flags] = await Promise.all([
    db().publicityVisit.findMany({
      where: { AND: [visitScope(actor), { year, voidedAt: null }] },
      select: { middleSchoolId: true, vocationalSchoolId: true, confirmedAt: true, middleSchool: { select: { countyId: true } } },
    }),
    db().followUp.findMany({
      where: { enrolment: students },
      select: { kind: true, recorderRole: true, enrolment: { select: { middleSchoolId: true, vocationalSchoolId: true } } },
    }),
    db().riskFlag.findMany({ where: { enrolment: { ...students, status: "ENROLLED" }, clearedAt: null }, select: { enrolment: { select: { middleSchoolId: true, vocationalSchoolId: true } } } }),
  ]);
  const countyVisits = actor.role === "COUNTY" ? visits.filter((v) => v.middleSchool.countyId === actor.countyId) : visits;
  const middleIds = new Set([...countyVisits.map((v) => v.middleSchoolId), ...followUps.map((f) => f.enrolment.middleSchoolId)]);
  const vocIds = new Set([...countyVisits.map((v) => v.vocationalSchoolId), ...followUps.map((f) => f.enrolment.vocationalSchoolId)]);
  const [middle, voc] = await Promise.all([
    db().middleSchool.findMany({ where: { id: { in: [...middleIds] } }, select: { id: true, name: true, county: { select: { name: true, sortOrder: true } } } }),
    db().vocationalSchool.findMany({ where: { id: { in: [...vocIds] } }, select: { id: true, name: true, sortOrder: true } }),
  ]);
  const middleRows = middle
    .sort((a, b) => a.county.sortOrder - b.county.sortOrder || a.name.localeCompare(b.name, "zh-CN"))
    .map((m) => {
      const mine = followUps.filter((f) => f.enrolment.middleSchoolId === m.id);
      return {
        id: m.id, name: `${m.county.name} ${m.name}`,
        visitsReceived: countyVisits.filter((v) => v.middleSchoolId === m.id).length,
        confirmed: countyVisits.filter((v) => v.middleSchoolId === m.id && v.confirmedAt).length,
        followUpsBySchool: mine.filter((f) => f.recorderRole === "MIDDLE_SCHOOL").length,
        followUpsByVocational: mine.filter((f) => f.recorderRole === "VOCATIONAL_SCHOOL").length,
        homeVisits: mine.filter((f) => f.kind === "HOME_VISIT").length,
        openFlags: flags.filter((f) => f.enrolment.middleSchoolId === m.id).length,
      };
    });
  const vocRows = voc
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((v) => {
      const mine = followUps.filter((f) => f.enrolment.vocationalSchoolId === v.id);
      return {
        id: v.id, name: v.name,
        visitsMade: countyVisits.filter((x) => x.vocationalSchoolId === v.id).length,
        followUpsByVocational: mine.filter((f) => f.recorderRole === "VOCATIONAL_SCHOOL").length,
        homeVisits: mine.filter((f) => f.kind === "HOME_VISIT").length,
        openFlags: flags.filter((f) => f.enrolment.vocationalSchoolId === v.id).length,
      };
    });
  return { middle: middleRows, vocational: vocRows };
}
