// The driver-level raw SQL of src/server/sql.ts (decision 098) must give what Prisma's raw queries give,
// in any process time zone, and its transaction must behave like Prisma's: commit, roll back on any
// error, never hand a broken connection back, give up waiting for a connection after maxWait, and let
// the database end a transaction that an app server leaves idle.
process.env.TZ = "Asia/Shanghai"; // pg's own parsers would read a timestamp as Beijing time here

import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { createDb, db, pgPool, type Db } from "@/server/db";
import { inlineSql, prepared, sql, transaction } from "@/server/sql";
import { isDbUnavailable } from "@/server/db-health";
import { AppError } from "@/server/errors";
import { dbKind } from "../support/db";

const T = `zjb_sql_test_${process.pid}`;

beforeAll(async () => {
  await db().$executeRawUnsafe(`DROP TABLE IF EXISTS ${T}`);
  await db().$executeRawUnsafe(`CREATE TABLE ${T} (id int PRIMARY KEY, at timestamp(3), day date, amount numeric(10,2), big int8, tags text[], doc jsonb, flag boolean)`);
});
afterAll(async () => {
  await db().$executeRawUnsafe(`DROP TABLE IF EXISTS ${T}`);
});

describe("values as Prisma's raw queries give them", () => {
  test("timestamp, date, numeric, int8, text[], jsonb and boolean read back the same through both", async () => {
    const at = new Date("2020-05-08T02:00:00.123Z"); // 10:00:00.123 in Beijing
    // Written through the driver (a Date parameter), read through both.
    await sql.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id, at, day, amount, big, tags, doc, flag)
      VALUES (1, ${at}, ${"2020-05-08"}::date, ${new Prisma.Decimal("12.50")}, ${9007199254740993n}, ${["甲", "乙"]}::text[], ${JSON.stringify({ a: 1 })}::jsonb, true)`;
    const q = Prisma.sql`SELECT at, day, amount, big, tags, doc, flag, count(*) OVER () AS n FROM ${Prisma.raw(T)} WHERE id = 1`;
    const [viaPrisma] = await db().$queryRaw<Record<string, unknown>[]>(q);
    const [viaDriver] = await sql.$queryRaw<Record<string, unknown>[]>(q);
    expect(viaDriver).toEqual(viaPrisma);
    expect((viaDriver.at as Date).toISOString()).toBe("2020-05-08T02:00:00.123Z");
    expect((viaDriver.day as Date).toISOString()).toBe("2020-05-08T00:00:00.000Z");
    expect(viaDriver.big).toBe(9007199254740993n);
    expect(viaDriver.n).toBe(1n);
    expect(String(viaDriver.amount)).toBe("12.5");
    // And what Prisma writes, the driver reads as the same instant.
    await db().$executeRaw`UPDATE ${Prisma.raw(T)} SET at = ${at} WHERE id = 1`;
    const [again] = await sql.$queryRaw<{ at: Date }[]>`SELECT at FROM ${Prisma.raw(T)} WHERE id = 1`;
    expect(again.at.toISOString()).toBe(at.toISOString());
  });
});

describe("transaction()", () => {
  test("commits what the function wrote and returns its result", async () => {
    const out = await transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id) VALUES (10)`;
      return "done";
    });
    expect(out).toBe("done");
    expect(await sql.$queryRaw`SELECT id FROM ${Prisma.raw(T)} WHERE id = 10`).toHaveLength(1);
  });

  test("BEGIN travels with the first statement: a transaction of two statements is three round trips", async () => {
    const original = pg.Client.prototype.query;
    let calls = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      calls++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      const rows = await transaction(async (tx) => {
        const [a] = await tx.$queryRaw<{ n: number }[]>`SELECT ${1}::int AS n`;
        const [b] = await tx.$queryRaw<{ n: number }[]>`SELECT ${a.n + 1}::int AS n`;
        return [a.n, b.n];
      });
      expect(rows).toEqual([1, 2]);
      expect(calls).toBe(3); // [BEGIN; first], second, COMMIT
    } finally {
      pg.Client.prototype.query = original;
    }
  });

  test("rolls back everything on a refusal, and the connection stays usable", async () => {
    const pool = pgPool();
    await transaction(async (tx) => tx.$queryRaw`SELECT 1`); // at least one idle connection
    const connections = pool.totalCount;
    const refused = transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id) VALUES (11)`;
      throw new AppError("CAP_EXCEEDED", "超出计划");
    });
    await expect(refused).rejects.toThrow("超出计划");
    expect(await sql.$queryRaw`SELECT id FROM ${Prisma.raw(T)} WHERE id = 11`).toHaveLength(0);
    // A database error inside also rolls back (and the next transaction starts clean, not "aborted").
    await expect(transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id) VALUES (12)`;
      await tx.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id) VALUES (12)`; // duplicate key
    })).rejects.toThrow(/duplicate key/);
    expect(await sql.$queryRaw`SELECT id FROM ${Prisma.raw(T)} WHERE id = 12`).toHaveLength(0);
    // Neither refusal closed its connection (a closed one leaves the pool: totalCount would fall).
    expect(pool.totalCount).toBe(connections);
  });

  test("gives up waiting for a connection after maxWait with the pool-timeout error (an outage to the user)", async () => {
    const g = globalThis as unknown as { __zjbDb?: Db };
    const original = g.__zjbDb;
    const single = createDb(process.env.DATABASE_URL!, 1);
    g.__zjbDb = single;
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const holder = transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await held;
      });
      const t0 = Date.now();
      const err = await transaction(async () => "never", { maxWaitMs: 300 }).catch((e: unknown) => e);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      expect(isDbUnavailable(err)).toBe(true);
      release();
      await holder;
      // The connection that arrived after the waiter gave up went back to the pool: the next one gets it.
      expect(await transaction(async (tx) => tx.$queryRaw<{ x: number }[]>`SELECT 1 AS x`)).toEqual([{ x: 1 }]);
    } finally {
      g.__zjbDb = original;
      await single.$disconnect();
    }
  });

  test.skipIf(dbKind() === "pglite")("the database ends a transaction the app leaves idle past its timeout: a stuck server cannot keep a lock", async () => {
    const err = await transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id) VALUES (13)`;
      await new Promise((r) => setTimeout(r, 1_500));
      await tx.$queryRaw`SELECT 1`;
    }, { timeoutMs: 500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(await sql.$queryRaw`SELECT id FROM ${Prisma.raw(T)} WHERE id = 13`).toHaveLength(0);
    // The pool replaced the killed connection.
    expect(await transaction(async (tx) => tx.$queryRaw<{ x: number }[]>`SELECT 1 AS x`)).toEqual([{ x: 1 }]);
  });
});

describe("commitWith(): the last statements and COMMIT in one round trip, values as literals", () => {
  const awkward = ["O'Brien", "back\\slash", "两行\n文字", "$1 ?", "'); DROP TABLE \"User\"; --", "null", ""];

  test("every value comes back exactly as sent (quotes, backslashes, newlines cannot break out of a literal)", async () => {
    const results = await transaction((tx) => tx.commitWith(
      Prisma.sql`SELECT ${awkward}::text[] AS arr, ${awkward[4]}::text AS one, ${7} AS n, ${true} AS b, ${null}::text AS z, ${new Date("2020-05-08T02:00:00.123Z")}::timestamp AS at`,
      Prisma.sql`SELECT ${[] as string[]}::text[] AS empty, ${9007199254740993n}::int8 AS big`,
    ));
    expect(results.map((r) => r.rows)).toEqual([
      [{ arr: awkward, one: awkward[4], n: 7, b: true, z: null, at: new Date("2020-05-08T02:00:00.123Z") }],
      [{ empty: [], big: 9007199254740993n }],
    ]);
  });

  test("a value of a kind the app never sends is refused, not written as text", () => {
    expect(() => inlineSql(Prisma.sql`SELECT ${{ a: 1 }}`, (v) => `'${v}'`)).toThrow(/cannot write/);
    expect(() => inlineSql(Prisma.sql`SELECT ${Number.NaN}`, (v) => `'${v}'`)).toThrow(/finite/);
  });

  test.skipIf(dbKind() === "pglite")("each statement sees what the one before it committed in other sessions (its own snapshot; needs a second connection)", async () => {
    // Session A holds a row lock; B's batch waits on it in its first statement, then counts in its second.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await sql.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id) VALUES (30)`;
      await other.query("BEGIN");
      await other.query(`UPDATE ${T} SET flag = true WHERE id = 30`);
      const b = transaction((tx) => tx.commitWith(
        Prisma.sql`UPDATE ${Prisma.raw(T)} SET flag = false WHERE id = ${30}`, // waits for A
        Prisma.sql`SELECT count(*)::int AS n FROM ${Prisma.raw(T)} WHERE id = ${31}`,
      ));
      await new Promise((r) => setTimeout(r, 300));
      await other.query(`INSERT INTO ${T} (id) VALUES (31)`);
      await other.query("COMMIT"); // B's first statement goes on; its second must see row 31
      const [, counted] = await b;
      expect(counted.rows).toEqual([{ n: 1 }]);
    } finally {
      await other.end();
    }
  });

  test("commitWith writes and commits in one go; an error in it rolls everything back", async () => {
    await transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id) VALUES (20)`;
      const [r] = await tx.commitWith(Prisma.sql`INSERT INTO ${Prisma.raw(T)} (id) VALUES (${21}), (${22})`);
      expect(r.rowCount).toBe(2);
      await expect(tx.commitWith(Prisma.sql`SELECT 1`)).rejects.toThrow(/already been committed/);
    });
    expect(await sql.$queryRaw`SELECT id FROM ${Prisma.raw(T)} WHERE id BETWEEN 20 AND 22`).toHaveLength(3);
    await expect(transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO ${Prisma.raw(T)} (id) VALUES (23)`;
      await tx.commitWith(Prisma.sql`INSERT INTO ${Prisma.raw(T)} (id) VALUES (${21})`); // duplicate key: COMMIT never runs
    })).rejects.toThrow(/duplicate key/);
    expect(await sql.$queryRaw`SELECT id FROM ${Prisma.raw(T)} WHERE id = 23`).toHaveLength(0);
  });
});

describe("prepared(): a statement PostgreSQL plans once per connection (decision 099)", () => {
  /** The texts each connection was sent while `fn` ran. */
  async function sentTexts(fn: () => Promise<void>): Promise<Map<pg.Client, string[]>> {
    const original = pg.Client.prototype.query;
    const sent = new Map<pg.Client, string[]>();
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as string | { text?: string };
      sent.set(this, [...(sent.get(this) ?? []), typeof q === "string" ? q : q?.text ?? ""]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await fn();
    } finally {
      pg.Client.prototype.query = original;
    }
    return sent;
  }
  const insert = (id: number, at: Date | null, tags: string[], flag: boolean, label: string | null) =>
    prepared(Prisma.sql`INSERT INTO ${Prisma.raw(T)} (id, at, tags, flag, doc) VALUES (${id}, ${at}::timestamp, ${tags}, ${flag}, ${label}::jsonb) RETURNING id`); // NULL is a text parameter: cast

  test("gives what the statement gives unprepared; values of every kind arrive unchanged", async () => {
    const at = new Date("2020-05-08T02:00:00.123Z"); // stored as UTC although this process runs at Asia/Shanghai
    const [r] = await transaction(async (tx) => tx.commitWith(insert(40, at, ["甲", "O'Brien\\"], true, JSON.stringify({ a: "x" }))));
    expect(r.rows).toEqual([{ id: 40 }]);
    const [row] = await sql.$queryRaw<{ at: Date; tags: string[]; flag: boolean; doc: unknown }[]>`SELECT at, tags, flag, doc FROM ${Prisma.raw(T)} WHERE id = 40`;
    expect(row).toEqual({ at, tags: ["甲", "O'Brien\\"], flag: true, doc: { a: "x" } });
    const q = Prisma.sql`SELECT id, at FROM ${Prisma.raw(T)} WHERE id = ANY(${[40, 41]}::int[]) AND at = ${at}`;
    const [viaPrepared, viaText] = await transaction(async (tx) => tx.batch(prepared(q), q));
    expect(viaPrepared.rows).toEqual(viaText.rows);
    expect(viaPrepared.rows).toHaveLength(1);
  });

  test("the PREPARE is sent once per connection, with its first EXECUTE; later uses send the EXECUTE alone", async () => {
    const sent = await sentTexts(async () => {
      for (let i = 0; i < 4; i++) await transaction(async (tx) => tx.commitWith(insert(50 + i, null, [], false, null)));
    });
    expect(await sql.$queryRaw`SELECT id FROM ${Prisma.raw(T)} WHERE id BETWEEN 50 AND 53`).toHaveLength(4);
    let executes = 0;
    for (const texts of sent.values()) {
      const mine = texts.filter((t) => /EXECUTE zjb_/.test(t));
      executes += mine.length;
      // Each connection: at most one PREPARE of it, in its first use (another test may have prepared it already).
      expect(mine.slice(1).every((t) => !/PREPARE zjb_/.test(t))).toBe(true);
    }
    expect(executes).toBe(4);
  });

  test("after a failed query the connection is not trusted to hold its statements: the next use still works", async () => {
    const statement = insert(60, null, [], false, null);
    const sent = await sentTexts(async () => {
      // The first statement fails, so the PREPARE sent after it in the same query never runs.
      await expect(transaction(async (tx) => tx.batch(Prisma.sql`SELECT 1 / ${0}`, statement))).rejects.toThrow(/division by zero/);
      await transaction(async (tx) => tx.commitWith(statement));
    });
    const failedOn = [...sent.keys()][0];
    expect(sent.size).toBe(1); // one idle connection, used again (the pool hands out the last one released)
    expect(sent.get(failedOn)!.at(-1)).toMatch(/^DEALLOCATE ALL/);
    expect(await sql.$queryRaw`SELECT id FROM ${Prisma.raw(T)} WHERE id = 60`).toHaveLength(1);
  });

  test("a value of a kind with no parameter type is refused", async () => {
    await expect(transaction(async (tx) => tx.batch(prepared(Prisma.sql`SELECT ${{ a: 1 }}`)))).rejects.toThrow(/no parameter type/);
  });
});

describe("prepared() on a session that already holds the statement (the embedded database keeps one session across reconnects)", () => {
  test("a connection the app has not used yet starts clean: the statement is prepared again without an error", async () => {
    const statement = prepared(Prisma.sql`SELECT ${7}::int + 1 AS n`);
    // The PREPARE text this statement gets.
    const original = pg.Client.prototype.query;
    let prepareText = "";
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as string | { text?: string };
      const text = typeof q === "string" ? q : q?.text ?? "";
      prepareText ||= text.split(";\n").find((t) => t.startsWith("PREPARE zjb_")) ?? "";
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      // Every idle connection closed, so the next one is new to the app.
      const pool = pgPool();
      const idle = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
      for (const c of idle) c.release(true);
      await transaction(async (tx) => tx.batch(statement));
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(prepareText).toMatch(/^PREPARE zjb_/);
    // A fresh connection whose session already holds the statement, as after a reconnect to the embedded database.
    const pool = pgPool();
    const idle = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
    for (const c of idle) c.release(true);
    const fresh = await pool.connect();
    await fresh.query(prepareText);
    fresh.release();
    const [r] = await transaction(async (tx) => tx.batch(statement));
    expect(r.rows).toEqual([{ n: 8 }]);
  });
});

// Statements on the pool are named (decision 106): parsed once per connection, planned from PostgreSQL's cache.
const suiteOnServer = dbKind() === "postgresql" ? describe : describe.skip;
suiteOnServer("statements on the pool are named", () => {
  /** The session's prepared statements named by the pool path, on one connection held for the check. */
  async function namedOnEveryConnection(text: string) {
    const pool = pgPool();
    const held = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
    try {
      return await Promise.all(held.map(async (c) => (await c.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE statement = $1`, [text])).rows.map((r) => r.name)));
    } finally {
      for (const c of held) c.release();
    }
  }

  test("the same text is prepared once on a connection and then runs by its name", async () => {
    const original = pg.Client.prototype.query;
    const names: (string | undefined)[] = [];
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as { name?: string; text?: string } | string;
      if (typeof q !== "string" && q?.text?.includes("zjb_named_probe")) names.push(q.name);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      for (let i = 0; i < 3; i++) expect(await sql.$queryRaw<{ n: number }[]>`SELECT ${i}::int + 1 AS n, 'zjb_named_probe' AS probe`).toEqual([{ n: i + 1, probe: "zjb_named_probe" }]);
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(1);
    expect(names[0]).toMatch(/^zjbq_[0-9a-f]{24}$/);
    const held = (await namedOnEveryConnection(`SELECT $1::int + 1 AS n, 'zjb_named_probe' AS probe`)).flat();
    expect(held.length).toBeGreaterThan(0);
    expect(new Set(held)).toEqual(new Set([names[0]]));
  });

  test("a transaction that starts a connection clean (DEALLOCATE ALL) does not leave the pool running a dropped name", async () => {
    const probe = () => sql.$queryRaw<{ n: number }[]>`SELECT ${41}::int + 1 AS n, 'zjb_named_after_reset' AS probe`;
    const pool = pgPool();
    // Name the statement on every connection the pool holds, then drop the app's knowledge of their sessions the
    // way a failed query does (decision 099): each connection's next transaction begins with DEALLOCATE ALL.
    const held = await Promise.all(Array.from({ length: Math.max(2, pool.totalCount) }, () => pool.connect()));
    for (const c of held) c.release();
    await Promise.all(Array.from({ length: held.length }, () => probe()));
    for (let i = 0; i < held.length; i++) {
      await expect(transaction(async (tx) => {
        await tx.batch(prepared(Prisma.sql`SELECT ${i}::int AS n`));
        throw new AppError("INVALID_STATE", "回滚");
      })).rejects.toThrow("回滚");
      await transaction(async (tx) => tx.batch(prepared(Prisma.sql`SELECT ${i}::int AS n`))); // DEALLOCATE ALL here
    }
    for (let i = 0; i < held.length * 2; i++) expect(await probe()).toEqual([{ n: 42, probe: "zjb_named_after_reset" }]);
  });
});
