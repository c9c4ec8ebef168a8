import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "./actor";

// Scope filters: every query of scoped data spreads one of these into its `where`.
// A row outside the scope is simply not found (never "forbidden").
const NOTHING = { id: "__out_of_scope__" } as const;

export function countyScope(actor: Actor): Prisma.CountyWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { prefectureId: actor.prefectureId };
    case "COUNTY":
    case "MIDDLE_SCHOOL": return { id: actor.countyId };
    case "VOCATIONAL_SCHOOL": return { prefectureId: actor.prefectureId };
  }
}

export function middleSchoolScope(actor: Actor): Prisma.MiddleSchoolWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { county: { prefectureId: actor.prefectureId } };
    case "COUNTY": return { countyId: actor.countyId };
    case "MIDDLE_SCHOOL": return { id: actor.middleSchoolId };
    case "VOCATIONAL_SCHOOL": return NOTHING;
  }
}

/** Vocational schools are public within the prefecture (applicants choose among all 12). */
export function vocationalSchoolScope(actor: Actor): Prisma.VocationalSchoolWhereInput {
  return { prefectureId: actor.prefectureId };
}

/** Accounts the actor may list and manage (besides their own, which everybody may read). */
export function managedUserScope(actor: Actor): Prisma.UserWhereInput {
  switch (actor.role) {
    case "PREFECTURE":
      return {
        OR: [
          { prefectureId: actor.prefectureId },
          { county: { prefectureId: actor.prefectureId } },
          { middleSchool: { county: { prefectureId: actor.prefectureId } } },
          { vocationalSchool: { prefectureId: actor.prefectureId } },
        ],
      };
    case "COUNTY":
      // A county bureau manages the accounts of its middle schools (not its own colleagues').
      return { middleSchool: { countyId: actor.countyId } };
    default:
      return NOTHING;
  }
}
