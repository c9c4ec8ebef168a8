const p = require.resolve("server-only"); require.cache[p] = { id: p, filename: p, loaded: true, exports: {} } as any;
import pg from "pg";
async function main() {
  const { inlineSql } = await import("../src/server/sql");
  const { Prisma } = await import("../src/generated/prisma/client");
  const c = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/zjb_lt_9000" }); await c.connect();
  const { rows: [a] } = await c.query(`SELECT id, "countyId", "middleSchoolId", "vocationalSchoolId", year FROM "Application" WHERE status='APPROVED' LIMIT 1`);
  // reproduce the send-off pre-check text via the module's own builders (copied call shape)
  const mod = await import("../src/server/send-off/send-off");
  void mod;
  const text = process.argv[2];
  console.log(a);
  await c.end();
}
main();
