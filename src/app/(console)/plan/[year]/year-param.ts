import { notFound } from "next/navigation";
import { PLAN_YEAR_MAX, PLAN_YEAR_MIN } from "@/lib/schemas/plan";

export function yearParam(raw: string): number {
  const year = Number(raw);
  if (!Number.isInteger(year) || year < PLAN_YEAR_MIN || year > PLAN_YEAR_MAX) notFound();
  return year;
}

export function versionParam(raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > 10_000) notFound();
  return v;
}
