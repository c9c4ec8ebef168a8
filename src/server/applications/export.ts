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
import { applicationScope } from "./scope";
import { schoolLabel } from "./rules";
import { ELIGIBILITY_GROUND_SHORT_LABELS, SEX_LABELS } from "@/lib/schemas/application-fields";
import { printFormOf } from "./print";
import { compareClassThenName } from "@/lib/roster-order";
import { APPLICATION_STATUS_LABELS } from "@/lib/schemas/application-workflow";
import type { Annex3ExportRow } from "@/server/exports/annex3";

const yesNo = (b: boolean) => (b ? "是" : "否");

/** The school (own for a middle school; in scope for a county or the prefecture, else "not found") and its rows. */
export async function annex3ExportRows(actor: Actor, input: { year: number; middleSchoolId?: string }) {
  assertCan(actor, "application.export");
  const id = input.middleSchoolId ?? (actor.role === "MIDDLE_SCHOOL" ? actor.middleSchoolId : undefined);
  if (!id) throw notFound("初中学校");
  const school = await db().middleSchool.findFirst({
    where: { AND: [middleSchoolScope(actor), { id }] },
    select: { id: true, name: true, county: { select: { name: true } } },
  });
  if (!school) throw notFound("初中学校");
  const apps = await db().application.findMany({
    where: { AND: [applicationScope(actor), { year: input.year, middleSchoolId: school.id }] },
    include: { vocationalSchool: { select: { name: true } } },
  });
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
