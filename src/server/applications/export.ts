import "server-only";

/**
 * 附件3 as a spreadsheet: a middle school's applications of one year, in the annex's field order,
 * for the county's records (issue 16, item 4). Full ID numbers and phones leave the server: the
 * caller (the route) audits the export before streaming. Rows: every application of the school and
 * year, withdrawn and rejected ones included (nothing is hidden from the record), by class and name.
 */
import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertCan } from "@/server/auth/permissions";
import { middleSchoolScope } from "@/server/auth/scope";
import type { Actor } from "@/server/auth/load-actor";
import { applicationScopeSql } from "./scope";
import { sql } from "@/server/sql";
import type { Application } from "@/generated/prisma/client";
import { schoolLabel } from "./rules";
import { ELIGIBILITY_GROUND_SHORT_LABELS, SEX_LABELS } from "@/lib/schemas/application-fields";
import { printFormOf } from "./print";
import { compareClassThenName } from "@/lib/roster-order";
import { APPLICATION_STATUS_LABELS } from "@/lib/schemas/application-workflow";
import type { Annex3ExportRow } from "@/server/exports/annex3";

const yesNo = (b: boolean) => (b ? "是" : "否");

export type Annex3Application = Application & { vocationalSchool: { name: string } };

/**
 * A middle school's applications of the year in the actor's scope, each with its vocational school's name, as
 * Prisma's `findMany({ include: { vocationalSchool: { select: { name: true } } } })` returns them: one statement on
 * the driver (decision 108; Prisma's form took two, and its rows cost more to build than the statement to run).
 * tests/server/driver-forms.db.test.ts compares the two forms for every account of a prefecture.
 */
export async function annex3Applications(actor: Actor, year: number, middleSchoolId: string): Promise<Annex3Application[]> {
  const rows = await sql.$queryRaw<(Application & { vsName: string })[]>`
    SELECT a.*, v.name AS "vsName" FROM "Application" a JOIN "VocationalSchool" v ON v.id = a."vocationalSchoolId"
     WHERE a.year = ${year} AND a."middleSchoolId" = ${middleSchoolId} AND ${applicationScopeSql(actor)}`;
  return rows.map(({ vsName, ...a }) => ({ ...a, vocationalSchool: { name: vsName } }));
}

/** The school (own for a middle school; in scope for a county or the prefecture, else "not found") and its rows. */
export async function annex3ExportRows(actor: Actor, input: { year: number; middleSchoolId?: string }) {
  assertCan(actor, "application.export");
  const id = input.middleSchoolId ?? (actor.role === "MIDDLE_SCHOOL" ? actor.middleSchoolId : undefined);
  if (!id) throw notFound("初中学校");
  // The school and its applications side by side: the applications are read in the actor's scope and dropped when
  // the school is not in it.
  const [school, apps] = await Promise.all([
    db().middleSchool.findFirst({ where: { AND: [middleSchoolScope(actor), { id }] }, select: { id: true, name: true, county: { select: { name: true } } } }),
    annex3Applications(actor, input.year, id),
  ]);
  if (!school) throw notFound("初中学校");
  apps.sort(compareClassThenName);
  const label = schoolLabel(school.county.name, school.name);
  const rows: Annex3ExportRow[] = apps.map((a) => {
    const f = printFormOf(a, label);
    return {
      ...f,
      sex: SEX_LABELS[f.sex],
      reason: f.reason ?? "",
      vocationalSchool: a.vocationalSchool.name,
      major: f.major ?? "",
      review: f.reviewDecision === null ? "" : f.reviewDecision ? "同意" : "不同意",
      reviewDate: f.reviewDate ?? "",
      eligibilityGround: ELIGIBILITY_GROUND_SHORT_LABELS[a.eligibilityGround],
      shanghaiFlag: yesNo(a.shanghaiFlag),
      studentSigned: yesNo(a.studentSigned),
      guardianSigned: yesNo(a.guardianSigned),
      status: APPLICATION_STATUS_LABELS[a.status],
    };
  });
  return { school: { id: school.id, label }, rows };
}
