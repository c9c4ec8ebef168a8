import "server-only";
import { sql } from "@/server/sql";
import type { Role } from "@/generated/prisma/enums";
import { buildActor, type Actor } from "@/lib/actor";

export type { Actor, ActorOf, CountyActor, MiddleSchoolActor, PrefectureActor, VocationalSchoolActor } from "@/lib/actor";

type Row = {
  id: string; username: string; displayName: string; role: Role; active: boolean; sessionVersion: number;
  mustChangePassword: boolean; prefectureId: string | null; countyId: string | null; middleSchoolId: string | null;
  vocationalSchoolId: string | null; orgActive: boolean | null; orgPrefectureId: string | null; orgCountyId: string | null; orgName: string | null;
};

/**
 * Loads the actor for a user id, or null when the account is missing or inactive, its organisation is
 * inactive, or the session is stale (sessionVersion changed by deactivation or password reset).
 * Runs on every request, so it is one query, on the pg driver (decision 098).
 */
export async function loadActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  const [u] = await sql.$queryRaw<Row[]>`
    SELECT u.id, u.username, u."displayName", u.role::text AS role, u.active, u."sessionVersion", u."mustChangePassword",
           u."prefectureId", u."countyId", u."middleSchoolId", u."vocationalSchoolId",
           COALESCE(c.active, m.active AND mc.active, v.active, p.id IS NOT NULL) AS "orgActive",
           COALESCE(p.id, c."prefectureId", mc."prefectureId", v."prefectureId") AS "orgPrefectureId",
           COALESCE(c.id, m."countyId", v."countyId") AS "orgCountyId",
           COALESCE(p."bureauName", c."bureauName",
                    CASE WHEN starts_with(m.name, mc.name) THEN m.name ELSE mc.name || m.name END, v."fullName") AS "orgName"
      FROM "User" u
      LEFT JOIN "Prefecture" p ON p.id = u."prefectureId"
      LEFT JOIN "County" c ON c.id = u."countyId"
      LEFT JOIN "MiddleSchool" m ON m.id = u."middleSchoolId"
      LEFT JOIN "County" mc ON mc.id = m."countyId"
      LEFT JOIN "VocationalSchool" v ON v.id = u."vocationalSchoolId"
     WHERE u.id = ${userId}`;
  if (!u || !u.active || u.sessionVersion !== sessionVersion || !u.orgActive || !u.orgPrefectureId) return null;
  return buildActor(
    { userId: u.id, username: u.username, displayName: u.displayName, mustChangePassword: u.mustChangePassword, prefectureId: u.orgPrefectureId, orgName: u.orgName ?? "" },
    { role: u.role, countyId: u.role === "PREFECTURE" ? null : u.orgCountyId, middleSchoolId: u.middleSchoolId, vocationalSchoolId: u.vocationalSchoolId },
  );
}

