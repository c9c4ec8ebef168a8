// A typed actor for tests that need one without a database row (the DB tests use actorFor in ./db).
import type { Role } from "@/generated/prisma/enums";
import { buildActor, hasRole, type ActorBase, type ActorOf, type ActorOrgIds } from "@/lib/actor";

type Ids = Partial<Omit<ActorOrgIds, "role">>;

/** An actor of `role`; ids the role requires default to "<kind>-test" and ids it never has are dropped. */
export function testActor<R extends Role>(role: R, base: Partial<ActorBase> = {}, ids: Ids = {}): ActorOf<R> {
  const actor = buildActor(
    { userId: "u-test", username: "test", displayName: "测试", prefectureId: "p-test", orgName: "测试单位", mustChangePassword: false, ...base },
    { role, countyId: "c-test", middleSchoolId: "m-test", vocationalSchoolId: "v-test", ...ids },
  );
  if (!actor || !hasRole(actor, role)) throw new Error(`testActor: ${role} needs its organisation ids`);
  return actor;
}
