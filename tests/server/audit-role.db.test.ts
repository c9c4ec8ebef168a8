// Issue 10 §8 / decision 012: the app's database role cannot empty or alter the audit log.
import pg from "pg";
import { describe, expect, test } from "vitest";
import { dbKind } from "../support/db";

/** Runs `sql` as zjb_app inside a transaction that is always rolled back. */
async function asApp(...sqls: string[]): Promise<{ ok: true; rows: unknown[] } | { ok: false; error: string }> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query("BEGIN");
    await c.query("SET LOCAL ROLE zjb_app");
    let rows: unknown[] = [];
    for (const sql of sqls) rows = (await c.query(sql)).rows;
    return { ok: true, rows };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  } finally {
    await c.query("ROLLBACK").catch(() => {});
    await c.end();
  }
}

// The embedded PGlite keeps one role (single user); the rule applies on a real PostgreSQL.
describe.skipIf(dbKind() === "pglite")("the app role (zjb_app)", () => {
  test("cannot TRUNCATE the audit log (the rules do not stop TRUNCATE, the grants do)", async () => {
    expect(await asApp(`TRUNCATE "AuditLog"`)).toMatchObject({ ok: false, error: expect.stringMatching(/permission denied/) });
  });

  test("DELETE and UPDATE change nothing (refused, or turned into nothing by the rules)", async () => {
    const count = `SELECT count(*)::int AS n, count(*) FILTER (WHERE action = 'x')::int AS x FROM "AuditLog"`;
    const append = `INSERT INTO "AuditLog" (action) VALUES ('test.keep')`;
    const before = await asApp(append, count);
    expect(before.ok).toBe(true);
    const n = (before as { rows: { n: number }[] }).rows[0].n;
    expect(n).toBeGreaterThan(0);
    for (const sql of [`DELETE FROM "AuditLog"`, `UPDATE "AuditLog" SET action = 'x'`]) {
      const r = await asApp(append, sql, count);
      if (r.ok) expect(r.rows, sql).toEqual([{ n, x: 0 }]);
      else expect(r.error).toMatch(/permission denied/);
    }
  });

  test("cannot drop or disable the rules that keep the log append-only", async () => {
    for (const sql of [`DROP RULE "AuditLog_no_delete" ON "AuditLog"`, `ALTER TABLE "AuditLog" DISABLE RULE "AuditLog_no_delete"`, `DROP TABLE "AuditLog"`]) {
      expect(await asApp(sql), sql).toMatchObject({ ok: false, error: expect.stringMatching(/must be owner|permission denied/) });
    }
  });

  test("can do what the app needs: read and append to the log, read and write the other tables", async () => {
    expect(await asApp(`INSERT INTO "AuditLog" (action) VALUES ('test.append') RETURNING id`)).toMatchObject({ ok: true });
    expect(await asApp(`SELECT count(*) FROM "AuditLog"`)).toMatchObject({ ok: true });
    expect(await asApp(`UPDATE "User" SET "failedLoginCount" = "failedLoginCount" WHERE false`)).toMatchObject({ ok: true });
    expect(await asApp(`SELECT id FROM "MiddleSchool" LIMIT 1 FOR UPDATE`)).toMatchObject({ ok: true });
    expect(await asApp(`SELECT nextval(pg_get_serial_sequence('"AuditLog"', 'id'))`)).toMatchObject({ ok: true });
  });

  test("cannot touch the migration history", async () => {
    expect(await asApp(`SELECT * FROM "_prisma_migrations"`)).toMatchObject({ ok: false });
  });
});
