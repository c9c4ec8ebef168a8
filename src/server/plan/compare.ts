import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import type { ContentCounty, ContentSchool, VersionContent } from "./content";
import { getVersionDetail, type VersionDetail, type VersionSummary } from "./read";

// Side-by-side comparison of two versions of a year's plan (prefecture).

export type CompareCell = { a: number | null; b: number | null; changed: boolean };
export type Comparison = {
  year: number;
  a: VersionSummary;
  b: VersionSummary;
  counties: { name: string; cohortBase: CompareCell; sendOffCap: CompareCell; shanghaiTask: CompareCell }[];
  vocationalSchools: { name: string; enrolCap: CompareCell; shanghaiTask: CompareCell }[];
  totals: { counties: { cohortBase: CompareCell; sendOffCap: CompareCell; shanghaiTask: CompareCell }; vocationalSchools: { enrolCap: CompareCell; shanghaiTask: CompareCell } };
  changedCount: number;
};

export async function compareVersions(actor: Actor, year: number, aNo: number, bNo: number): Promise<Comparison> {
  assertCan(actor, "plan.edit");
  const [a, b] = await Promise.all([getVersionDetail(actor, year, aNo), getVersionDetail(actor, year, bNo)]);
  let changedCount = 0;
  const cell = (x: number | null, y: number | null): CompareCell => {
    const changed = x !== y;
    if (changed) changedCount++;
    return { a: x, b: y, changed };
  };
  const countyIds = [...new Set([...a.content.counties, ...b.content.counties].sort((p, q) => p.sortOrder - q.sortOrder).map((c) => c.countyId))];
  const schoolIds = [...new Set([...a.content.vocationalSchools, ...b.content.vocationalSchools].sort((p, q) => p.sortOrder - q.sortOrder).map((s) => s.vocationalSchoolId))];
  const findC = (content: VersionContent, id: string): Partial<ContentCounty> => content.counties.find((c) => c.countyId === id) ?? {};
  const findS = (content: VersionContent, id: string): Partial<ContentSchool> => content.vocationalSchools.find((s) => s.vocationalSchoolId === id) ?? {};
  const counties = countyIds.map((id) => {
    const x = findC(a.content, id);
    const y = findC(b.content, id);
    return {
      name: (x.countyName ?? y.countyName)!,
      cohortBase: cell(x.cohortBase ?? null, y.cohortBase ?? null),
      sendOffCap: cell(x.sendOffCap ?? null, y.sendOffCap ?? null),
      shanghaiTask: cell(x.shanghaiTask ?? null, y.shanghaiTask ?? null),
    };
  });
  const vocationalSchools = schoolIds.map((id) => {
    const x = findS(a.content, id);
    const y = findS(b.content, id);
    return {
      name: (x.schoolName ?? y.schoolName)!,
      enrolCap: cell(x.enrolCap ?? null, y.enrolCap ?? null),
      shanghaiTask: cell(x.shanghaiTask ?? null, y.shanghaiTask ?? null),
    };
  });
  const rowChanges = changedCount;
  const totals = {
    counties: {
      cohortBase: cell(a.totals.counties.cohortBase, b.totals.counties.cohortBase),
      sendOffCap: cell(a.totals.counties.sendOffCap, b.totals.counties.sendOffCap),
      shanghaiTask: cell(a.totals.counties.shanghaiTask, b.totals.counties.shanghaiTask),
    },
    vocationalSchools: {
      enrolCap: cell(a.totals.vocationalSchools.enrolCap, b.totals.vocationalSchools.enrolCap),
      shanghaiTask: cell(a.totals.vocationalSchools.shanghaiTask, b.totals.vocationalSchools.shanghaiTask),
    },
  };
  const strip = ({ id, version, state, source, importFileName, problemCount, amendReason, createdAt, createdBy, issuedAt, issuedBy }: VersionDetail): VersionSummary =>
    ({ id, version, state, source, importFileName, problemCount, amendReason, createdAt, createdBy, issuedAt, issuedBy });
  return { year, a: strip(a), b: strip(b), counties, vocationalSchools, totals, changedCount: rowChanges };
}
