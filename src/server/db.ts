import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";

/**
 * One pg pool per database, shared by Prisma (through its driver adapter) and by the few hot paths
 * that run their raw SQL on the driver directly (src/server/sql.ts, decision 098): one set of
 * connections, one limit (DB_POOL_MAX; 1 on the embedded database).
 */
export function createDb(connectionString: string, max: number) {
  // With a single-connection embedded database, release the connection quickly when idle so that a
  // second process (seed, another server) can get its turn.
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: max === 1 ? 200 : 10_000 });
  // An idle connection that dies (database restarted) must not crash the server; the next query reconnects.
  pool.on("error", () => {});
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // Password hashes never leave the data layer unless a query asks for them explicitly.
  const client = new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
  poolOf.set(client, pool);
  return client;
}

export type Db = ReturnType<typeof createDb>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { __zjbDb?: Db; __zjbPools?: WeakMap<object, pg.Pool> };
const poolOf: WeakMap<object, pg.Pool> = (globalForDb.__zjbPools ??= new WeakMap());

export function db(): Db {
  if (!globalForDb.__zjbDb) {
    const { DATABASE_URL, DB_POOL_MAX } = env();
    globalForDb.__zjbDb = createDb(DATABASE_URL, DB_POOL_MAX);
  }
  return globalForDb.__zjbDb;
}

/** The pg pool under `db()` (the same connections Prisma uses). */
export function pgPool(): pg.Pool {
  const pool = poolOf.get(db());
  if (!pool) throw new Error("db() was not created by createDb(): no pg pool to share");
  return pool;
}
