import type { Role } from "@/generated/prisma/enums";

/** What every signed-in actor carries, whatever the role. */
export type ActorBase = {
  userId: string;
  username: string;
  displayName: string;
  prefectureId: string; // every organisation belongs to one prefecture
  orgName: string;
  mustChangePassword: boolean;
};

/**
 * The signed-in actor, one variant per role: an organisation id is `string` exactly where the role
 * always has it, `null` where it never has it. A vocational school may be owned by the prefecture
 * (no county), so its `countyId` stays `string | null`.
 */
export type PrefectureActor = ActorBase & { role: "PREFECTURE"; countyId: null; middleSchoolId: null; vocationalSchoolId: null };
export type CountyActor = ActorBase & { role: "COUNTY"; countyId: string; middleSchoolId: null; vocationalSchoolId: null };
export type MiddleSchoolActor = ActorBase & { role: "MIDDLE_SCHOOL"; countyId: string; middleSchoolId: string; vocationalSchoolId: null };
export type VocationalSchoolActor = ActorBase & { role: "VOCATIONAL_SCHOOL"; countyId: string | null; middleSchoolId: null; vocationalSchoolId: string };
export type Actor = PrefectureActor | CountyActor | MiddleSchoolActor | VocationalSchoolActor;
export type ActorOf<R extends Role> = Extract<Actor, { role: R }>;

/** The organisation ids as stored (user row and its organisation), before they are checked against the role. */
export type ActorOrgIds = { role: Role; countyId: string | null; middleSchoolId: string | null; vocationalSchoolId: string | null };

/** Builds the role's variant, or null when an id the role requires is missing. */
export function buildActor(base: ActorBase, org: ActorOrgIds): Actor | null {
  const none = { middleSchoolId: null, vocationalSchoolId: null };
  switch (org.role) {
    case "PREFECTURE":
      return { ...base, ...none, role: "PREFECTURE", countyId: null };
    case "COUNTY":
      return org.countyId ? { ...base, ...none, role: "COUNTY", countyId: org.countyId } : null;
    case "MIDDLE_SCHOOL":
      return org.countyId && org.middleSchoolId
        ? { ...base, role: "MIDDLE_SCHOOL", countyId: org.countyId, middleSchoolId: org.middleSchoolId, vocationalSchoolId: null }
        : null;
    case "VOCATIONAL_SCHOOL":
      return org.vocationalSchoolId
        ? { ...base, role: "VOCATIONAL_SCHOOL", countyId: org.countyId, middleSchoolId: null, vocationalSchoolId: org.vocationalSchoolId }
        : null;
  }
}

/** True when the actor has one of these roles; narrows it to their variants. */
export function hasRole<R extends Role>(actor: Actor, ...roles: R[]): actor is ActorOf<R> {
  return (roles as Role[]).includes(actor.role);
}
