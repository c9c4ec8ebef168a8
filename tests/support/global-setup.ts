// Vitest global setup for the database tests: a fresh, migrated database for this run —
// on the real PostgreSQL at TEST_DATABASE_URL when set, else an in-memory PGlite (embedded).
// On PostgreSQL the migrations run once, into a template database (the one `npm test` made for the whole
// run, named in ZJB_TEST_TEMPLATE_DB, else one made here); the shared test database and every database a test
// file makes for itself (migratedDatabase in scripts/lib/db.mjs) are copies of it (decision 097).
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dropDatabase, ensureMigratedTemplate, migrate, migratedDatabase, startPglite } from "../../scripts/lib/db.mjs";

export default async function setup() {
  const server = process.env.TEST_DATABASE_URL;
  let teardown: () => Promise<void>;
  const t0 = Date.now();
  if (server) {
    const dropTemplate = await ensureMigratedTemplate(server, "zjb_vitest_tpl");
    const name = `zjb_vitest_${process.pid}_${Date.now().toString(36)}`;
    const { url } = await migratedDatabase(server, name);
    process.env.DATABASE_URL = url;
    process.env.ZJB_TEST_DB_KIND = "postgresql";
    process.env.DB_POOL_MAX = "40"; // room for the concurrency tests (max_connections is 100)
    teardown = async () => {
      await dropDatabase(server, name);
      await dropTemplate();
    };
  } else {
    const pglite = await startPglite(null);
    process.env.DATABASE_URL = pglite.url;
    process.env.ZJB_TEST_DB_KIND = "pglite";
    process.env.DB_POOL_MAX = "1"; // PGlite serves one connection (TOOLCHAIN.md)
    teardown = () => pglite.close();
    await migrate(process.env.DATABASE_URL);
  }
  // The factories' one sequence: each test file reserves its own block here (prisma/factories/ids.ts).
  const counter = path.join(tmpdir(), `zjb-ids-${process.pid}-${Date.now().toString(36)}`);
  process.env.ZJB_ID_COUNTER_FILE = counter;
  const dropDb = teardown;
  teardown = async () => {
    rmSync(counter, { force: true });
    await dropDb();
  };
  console.log(`[tests] database ready (${process.env.ZJB_TEST_DB_KIND}) in ${Date.now() - t0} ms`);
  return teardown;
}
