// The one Prisma client the database tests use: the app's own (so PGlite's single connection is shared).
import { test } from "vitest";
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

/**
 * A test that claims concurrency. On the embedded PGlite (one connection) the calls would run one after
 * another and pass with no locking at all, so there it is skipped with the reason printed; the summary
 * line of `npm test` counts it as skipped.
 */
export function raceTest(name: string, fn: () => Promise<void>, timeout?: number) {
  if (dbKind() === "postgresql") return test(name, fn, timeout);
  console.warn(`[skipped on ${dbKind()}] ${name} — PGlite serves one connection, so the competing transactions cannot overlap and the test would pass without any lock; run with TEST_DATABASE_URL=postgresql://… to prove it`);
  return test.skip(name, fn, timeout);
}

/**
 * Waits until another backend of this database is blocked on a lock while running a statement that
 * matches `pattern` (an ILIKE pattern): proof that the competing call reached the lock, instead of a sleep.
 * Resolves false if `settled` resolves first (the call did not wait at all). `atLeast`: that many backends.
 */
export async function waitForLockWait(pattern: string, settled?: Promise<unknown>, timeoutMs = 20_000, atLeast = 1): Promise<boolean> {
  let done = false;
  settled?.then(() => { done = true; }, () => { done = true; });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await testDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE ${pattern}`;
    if (rows[0].n >= atLeast) return true;
    if (done) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no backend blocked on a statement like ${pattern} within ${timeoutMs} ms`);
}
