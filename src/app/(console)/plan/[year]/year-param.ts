import { notFound } from "next/navigation";
import { PLAN_YEAR_MAX, PLAN_YEAR_MIN } from "@/lib/schemas/plan";
import { parseYearParam } from "@/lib/year";

/** The plan's year in its path (/plan/2020): the one year parser, within the plan's range; else 404. */
export function yearParam(raw: string): number {
  const year = parseYearParam(raw);
  if (year === null || year < PLAN_YEAR_MIN || year > PLAN_YEAR_MAX) notFound();
  return year;
}

export function versionParam(raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > 10_000) notFound();
  return v;
}
