import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { RawSql } from "@/server/sql";

/** CapLock keys: their sort order is the global lock order (county → middle school → vocational school). */
export const capKey = {
  county: (id: string) => `1county:${id}`,
  middle: (id: string) => `2middle:${id}`,
  voc: (id: string) => `3voc:${id}`,
};

/**
 * Takes the per-year cap locks in one statement, in the global order, so that send-offs, plan issues
 * and allocation saves on any number of app servers serialise on the database and never deadlock.
 * An upsert that hits an existing row locks it, like SELECT … FOR UPDATE.
 * CapLock rows are independent of plan versions: an amendment does not change what is locked.
 */
export function lockCapsSql(year: number, keys: string[]): Prisma.Sql {
  const sorted = [...new Set(keys)].sort();
  return Prisma.sql`
    INSERT INTO "CapLock" ("year", "key") SELECT ${year}, k FROM unnest(${sorted}::text[]) AS k ORDER BY k
    ON CONFLICT ("year", "key") DO UPDATE SET "key" = EXCLUDED."key"`;
}

export async function lockCaps(tx: RawSql, year: number, keys: string[]) {
  if (keys.length === 0) return;
  await tx.$executeRaw(lockCapsSql(year, keys));
}
