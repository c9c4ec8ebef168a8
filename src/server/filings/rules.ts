import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/auth/load-actor";
import { actorAs } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { FILING_LABELS, type FilingKind } from "@/lib/schemas/filings";

/**
 * Who files what with whom (SPEC §9, decision 015):
 * - 实施方案 and the September report: every county bureau and every prefecture-level vocational
 *   school (八（一）"各县市教育体育局、州属各有关职业学校"), with the prefecture;
 * - 附件5: every vocational school; a county school with its county bureau, a prefecture-level
 *   school with the prefecture (备案);
 * - planned figures (附件2 备注3): every county (send-off figure) and vocational school (enrolment figure).
 */
export type Filer = {
  key: string;
  countyId: string | null;
  vocationalSchoolId: string | null;
  /** null = the prefecture bureau reviews. */
  reviewerCountyId: string | null;
};

export const filerKey = {
  county: (id: string) => `county:${id}`,
  voc: (id: string) => `voc:${id}`,
};

/** Kinds a filer files: `prefectureLevel` = a vocational school without an owning county. */
export function kindsFiledBy(filer: { type: "county" } | { type: "voc"; prefectureLevel: boolean }): FilingKind[] {
  if (filer.type === "county") return ["IMPLEMENTATION_PLAN", "ANNUAL_REPORT", "PLANNED_FIGURES"];
  return filer.prefectureLevel
    ? ["IMPLEMENTATION_PLAN", "TEACHING_PLAN", "ANNUAL_REPORT", "PLANNED_FIGURES"]
    : ["TEACHING_PLAN", "PLANNED_FIGURES"];
}

export function actorKinds(actor: Actor): FilingKind[] {
  if (actor.role === "COUNTY") return kindsFiledBy({ type: "county" });
  if (actor.role === "VOCATIONAL_SCHOOL") return kindsFiledBy({ type: "voc", prefectureLevel: actor.countyId === null });
  return [];
}

/**
 * The actor's own organisation as the filer of `kind`. The filer always comes from the session,
 * never from the form, so nobody can file for another organisation.
 */
export function filerOf(actor: Actor, kind: FilingKind): Filer {
  if (!actorKinds(actor).includes(kind)) {
    throw new AppError("FORBIDDEN", `${actor.orgName}不需要报送${FILING_LABELS[kind]}。${kind === "IMPLEMENTATION_PLAN" || kind === "ANNUAL_REPORT" ? "该材料由县市教育体育局和州属职业学校报送。" : ""}`);
  }
  if (actor.role === "COUNTY") {
    return { key: filerKey.county(actor.countyId), countyId: actor.countyId, vocationalSchoolId: null, reviewerCountyId: null };
  }
  const voc = actorAs(actor, "VOCATIONAL_SCHOOL"); // actorKinds files nothing for the other roles
  const vocId = voc.vocationalSchoolId;
  // A county school's 附件5 is filed with its county bureau; everything else with the prefecture.
  const reviewerCountyId = kind === "TEACHING_PLAN" ? voc.countyId : null;
  return { key: filerKey.voc(vocId), countyId: null, vocationalSchoolId: vocId, reviewerCountyId };
}

/** Filings the actor may read: its own, those it reviews, and for the prefecture all of its prefecture. */
export function filingReadScope(actor: Actor): Prisma.FilingWhereInput {
  switch (actor.role) {
    case "PREFECTURE":
      return { OR: [{ county: { prefectureId: actor.prefectureId } }, { vocationalSchool: { prefectureId: actor.prefectureId } }] };
    case "COUNTY":
      return { OR: [{ countyId: actor.countyId }, { reviewerCountyId: actor.countyId }] };
    case "VOCATIONAL_SCHOOL":
      return { vocationalSchoolId: actor.vocationalSchoolId };
    case "MIDDLE_SCHOOL":
      return { id: "__out_of_scope__" };
  }
}

/** Filings the actor reviews (approves / returns / 备案). */
export function filingReviewScope(actor: Actor): Prisma.FilingWhereInput {
  switch (actor.role) {
    case "PREFECTURE":
      return { reviewerCountyId: null, OR: [{ county: { prefectureId: actor.prefectureId } }, { vocationalSchool: { prefectureId: actor.prefectureId } }] };
    case "COUNTY":
      return { reviewerCountyId: actor.countyId, countyId: null };
    default:
      return { id: "__out_of_scope__" };
  }
}

/**
 * `filingReviewScope` as an SQL condition on the filing alias `f`, for statements on the driver (decision 106);
 * tests/server/driver-forms.db.test.ts checks both select the same filings for every account of a whole prefecture.
 */
export function filingReviewScopeSql(actor: Actor): Prisma.Sql {
  switch (actor.role) {
    case "PREFECTURE":
      return Prisma.sql`f."reviewerCountyId" IS NULL AND (EXISTS (SELECT 1 FROM "County" fc WHERE fc.id = f."countyId" AND fc."prefectureId" = ${actor.prefectureId})
                        OR EXISTS (SELECT 1 FROM "VocationalSchool" fv WHERE fv.id = f."vocationalSchoolId" AND fv."prefectureId" = ${actor.prefectureId}))`;
    case "COUNTY":
      return Prisma.sql`f."reviewerCountyId" = ${actor.countyId} AND f."countyId" IS NULL`;
    default:
      return Prisma.sql`FALSE`;
  }
}

/** Whether a filing is the actor's own organisation's (nobody reviews their own filing). */
export function isOwnFiling(actor: Actor, f: { countyId: string | null; vocationalSchoolId: string | null }): boolean {
  if (actor.role === "COUNTY") return f.countyId === actor.countyId;
  if (actor.role === "VOCATIONAL_SCHOOL") return f.vocationalSchoolId === actor.vocationalSchoolId;
  return false;
}
