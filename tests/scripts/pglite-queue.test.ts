import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startPglite } from "../../scripts/lib/db.mjs";

// Decision 050: after a refused statement outside a transaction the pg pool discards its connection and
// opens a new one at once; the embedded server must queue that connection, not refuse it.
let embedded: Awaited<ReturnType<typeof startPglite>>;
let pool: pg.Pool;
beforeAll(async () => {
  embedded = await startPglite(null);
  pool = new pg.Pool({ connectionString: embedded.url, max: 1, idleTimeoutMillis: 200 });
  await pool.query("CREATE TABLE t (id int PRIMARY KEY)");
  await pool.query("INSERT INTO t VALUES (1)");
}, 120_000); // PGlite boots in seconds, longer on a busy machine
afterAll(async () => {
  await pool?.end();
  await embedded?.close();
});

test("the query right after a unique-key refusal (another user's) gets an answer", async () => {
  for (let i = 0; i < 5; i++) {
    await expect(pool.query("INSERT INTO t VALUES ($1)", [1])).rejects.toMatchObject({ code: "23505" });
    await expect(pool.query("SELECT count(*)::int AS n FROM t")).resolves.toMatchObject({ rows: [{ n: 1 }] });
  }
});
