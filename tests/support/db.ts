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

/**
 * Embedded PGlite's socket server drops its one connection after a constraint error; the pool's next
 * query then fails once. Tests that provoke a constraint error call this before going on.
 */
export async function afterConstraintError() {
  if (dbKind() === "pglite") await testDb().$queryRaw`select 1`.catch(() => {});
}
