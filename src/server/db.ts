import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";

function createClient() {
  const { DATABASE_URL, DB_POOL_MAX } = env();
  // With a single-connection embedded database, release the connection quickly when idle so that a
  // second process (seed, another server) can get its turn.
  const adapter = new PrismaPg({ connectionString: DATABASE_URL, max: DB_POOL_MAX, idleTimeoutMillis: DB_POOL_MAX === 1 ? 200 : 10_000 });
  // Password hashes never leave the data layer unless a query asks for them explicitly.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { __zjbDb?: Db };

export function db(): Db {
  if (!globalForDb.__zjbDb) globalForDb.__zjbDb = createClient();
  return globalForDb.__zjbDb;
}
