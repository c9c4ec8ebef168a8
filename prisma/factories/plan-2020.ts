// The 2020 figures of the policy's 附件2, as printed, from the one data file the seed loads too
// (prisma/data/plan-2020.json). Tests take them from here instead of copying the table.
import type { Annex2ExportData } from "../../src/server/exports/annex2";
import type { CountyQuotaInput } from "../../src/lib/plan-rules";
import type { Plan2020Data } from "./plan";
import data from "../data/plan-2020.json";

export const PLAN_2020: Plan2020Data = data;

/** The counties' rows as the plan rules take them. */
export const COUNTIES_2020: CountyQuotaInput[] = PLAN_2020.counties.map(({ name, cohortBase, sendOffCap, shanghaiTask }) => ({
  countyName: name, cohortBase, sendOffCap, shanghaiTask,
}));

/** The vocational schools' rows as the plan rules and the 附件2 export take them (full name where the file gives one). */
export const SCHOOLS_2020: Annex2ExportData["vocationalSchools"] = PLAN_2020.vocationalSchools.map(({ name, fullName, enrolCap, shanghaiTask }) => ({
  schoolName: name, ...(fullName ? { fullName } : {}), enrolCap, shanghaiTask,
}));
