// Vitest global setup for the database tests: a fresh, migrated database for this run —
// on the real PostgreSQL at TEST_DATABASE_URL when set, else an in-memory PGlite (embedded).
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, migrate, startPglite } from "../../scripts/lib/db.mjs";

export default async function setup() {
  const server = process.env.TEST_DATABASE_URL;
  let teardown: () => Promise<void>;
  if (server) {
    const name = `zjb_vitest_${process.pid}_${Date.now().toString(36)}`;
    const url = await createDatabase(server, name);
    process.env.DATABASE_URL = url;
    process.env.ZJB_TEST_DB_KIND = "postgresql";
    process.env.DB_POOL_MAX = "40"; // room for the concurrency tests (max_connections is 100)
    teardown = () => dropDatabase(server, name);
  } else {
    const pglite = await startPglite(null);
    process.env.DATABASE_URL = pglite.url;
    process.env.ZJB_TEST_DB_KIND = "pglite";
    process.env.DB_POOL_MAX = "1"; // PGlite serves one connection (TOOLCHAIN.md)
    teardown = () => pglite.close();
  }
  // The factories' one sequence: each test file reserves its own block here (prisma/factories/ids.ts).
  const counter = path.join(tmpdir(), `zjb-ids-${process.pid}-${Date.now().toString(36)}`);
  process.env.ZJB_ID_COUNTER_FILE = counter;
  const dropDb = teardown;
  teardown = async () => {
    rmSync(counter, { force: true });
    await dropDb();
  };
  const t0 = Date.now();
  await migrate(process.env.DATABASE_URL);
  console.log(`[tests] database ready (${process.env.ZJB_TEST_DB_KIND}) in ${Date.now() - t0} ms`);
  return teardown;
}
