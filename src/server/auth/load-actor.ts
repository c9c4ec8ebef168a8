import "server-only";
import { db } from "@/server/db";
import type { Role } from "@/generated/prisma/enums";

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  prefectureId: string; // every organisation belongs to one prefecture
  countyId: string | null; // COUNTY: own; MIDDLE_SCHOOL: its county; VOCATIONAL_SCHOOL: owning county or null
  middleSchoolId: string | null;
  vocationalSchoolId: string | null;
  orgName: string;
  mustChangePassword: boolean;
};

/** Loads the actor for a user id, or null when the account is missing, inactive or the session is stale. */
export async function loadActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  const u = await db().user.findUnique({
    where: { id: userId },
    include: {
      prefecture: true,
      county: true,
      middleSchool: { include: { county: true } },
      vocationalSchool: { include: { county: true } },
    },
  });
  if (!u || !u.active || u.sessionVersion !== sessionVersion) return null;
  const base = {
    userId: u.id, username: u.username, displayName: u.displayName, role: u.role,
    mustChangePassword: u.mustChangePassword,
  };
  switch (u.role) {
    case "PREFECTURE":
      return { ...base, prefectureId: u.prefecture!.id, countyId: null, middleSchoolId: null, vocationalSchoolId: null, orgName: u.prefecture!.bureauName };
    case "COUNTY":
      if (!u.county!.active) return null;
      return { ...base, prefectureId: u.county!.prefectureId, countyId: u.county!.id, middleSchoolId: null, vocationalSchoolId: null, orgName: u.county!.bureauName };
    case "MIDDLE_SCHOOL":
      if (!u.middleSchool!.active) return null;
      return { ...base, prefectureId: u.middleSchool!.county.prefectureId, countyId: u.middleSchool!.countyId, middleSchoolId: u.middleSchool!.id, vocationalSchoolId: null, orgName: u.middleSchool!.county.name + u.middleSchool!.name };
    case "VOCATIONAL_SCHOOL":
      if (!u.vocationalSchool!.active) return null;
      return { ...base, prefectureId: u.vocationalSchool!.prefectureId, countyId: u.vocationalSchool!.countyId, middleSchoolId: null, vocationalSchoolId: u.vocationalSchool!.id, orgName: u.vocationalSchool!.fullName };
  }
}

