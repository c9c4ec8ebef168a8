// The one Prisma client the database tests use: the app's own (so PGlite's single connection is shared).
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { loadActor } from "@/server/auth/load-actor";

export const testDb = () => db();
export const dbKind = () => process.env.ZJB_TEST_DB_KIND ?? "unknown";

export async function actorFor(user: { id: string }): Promise<Actor> {
  const u = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  const actor = await loadActor(u.id, u.sessionVersion);
  if (!actor) throw new Error("actor not loadable");
  return actor;
}
