import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { Prisma } from "@/generated/prisma/client";
import { pgPool } from "@/server/db";

/**
 * Raw SQL on the pg driver itself, for the paths every request or every send-off takes (decision 098).
 *
 * Through Prisma a raw statement costs the app server about 1.1 ms of CPU (its query interpreter, the
 * parameter and result conversions); the same statement on the driver costs about 0.25 ms. On the
 * send-off burst the app servers' CPU is the bottleneck, so the actor load and the send-off
 * transaction run here, on the same pool Prisma uses (src/server/db.ts).
 *
 * `RawSql` is the part of Prisma's client these paths use (`$queryRaw`, `$executeRaw` with tagged
 * templates or `Prisma.sql` fragments): Prisma's own client and transaction satisfy it too, so a
 * helper such as `assertInPhase` or `lockCaps` runs inside either kind of transaction.
 * Values come back as Prisma's raw queries return them: int8 as bigint, timestamp (UTC) and date as
 * Date, numeric as Prisma.Decimal; Date parameters are sent as UTC ISO text.
 */
export type RawSql = {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
};

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114 } as const;

/** Prisma's conversions for the column types whose pg defaults differ (pg reads timestamp and date in the process's time zone). */
const parsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: (s) => BigInt(s),
  [OID.numeric]: (s) => new Prisma.Decimal(s),
  [OID.date]: (s) => new Date(`${s}T00:00:00.000Z`),
  [OID.timestamp]: (s) => new Date(`${s.replace(" ", "T")}Z`),
};

function typesFrom(base: typeof pg.types) {
  return {
    getTypeParser(oid: number, format?: "text" | "binary") {
      return (format ?? "text") === "text" && parsers[oid] ? parsers[oid] : base.getTypeParser(oid, format);
    },
  } as typeof pg.types;
}

function toParam(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString(); // a timestamp column ignores the Z: stored as UTC, as Prisma stores it
  if (typeof v === "bigint") return v.toString();
  if (Prisma.Decimal.isDecimal(v)) return (v as Prisma.Decimal).toFixed();
  return v;
}

type Queryable = { query: pg.Pool["query"] } | pg.PoolClient;

function statement(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
}

/**
 * Statements on the pool are named (decision 106): the driver then parses each on a connection once and PostgreSQL
 * keeps its parse tree and, after a few runs, its plan — the dashboards' statements took PostgreSQL 5–20 ms to parse
 * and plan each time they arrived as text, often more than to run. A name is the hash of the text, so one name is
 * always one text. Bounded: at most MAX_NAMED distinct texts per process get a name (a statement whose text varied
 * without end would otherwise fill every connection); the rest run unnamed, as before. Not on a pool of one
 * connection: the embedded database keeps one session across reconnects, where a new connection object would
 * prepare a name its session already holds.
 */
const MAX_NAMED = 300;
const named = new Set<string>();

function nameOf(text: string): string | undefined {
  const name = `zjbq_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  if (named.has(name)) return name;
  if (named.size >= MAX_NAMED) return undefined;
  named.add(name);
  return name;
}

function rawOn(on: Queryable, types: typeof pg.types, naming = false): RawSql {
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const s = statement(query, values);
    const name = naming ? nameOf(s.text) : undefined;
    return on.query({ text: s.text, values: s.values.map(toParam), types, ...(name ? { name } : {}) });
  };
  return {
    $queryRaw: async <T,>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(query, values)).rows as T,
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => (await run(query, values)).rowCount ?? 0,
  };
}

const types = typesFrom(pg.types);

/** The pool's statements are named when it has more than one connection (above). */
const onPool = () => {
  const pool = pgPool();
  return rawOn(pool, types, pool.options.max > 1);
};

/** One statement on a pooled connection (autocommit), like `db().$queryRaw`; named (above). */
export const sql: RawSql = {
  $queryRaw: async <T,>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => onPool().$queryRaw<T>(query, ...values),
  $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => onPool().$executeRaw(query, ...values),
};

/** What the driver remembers of a connection's named statements (pg 8: on its `connection`). */
type NamedState = { connection?: { parsedStatements?: Record<string, string>; submittedNamedStatements?: Record<string, unknown> } };

/** After DEALLOCATE ALL the driver must forget the statements it named on that connection, or it would EXECUTE a dropped one. */
function forgetNamed(client: pg.PoolClient) {
  const c = (client as unknown as NamedState).connection;
  if (c?.parsedStatements) c.parsedStatements = {};
  if (c?.submittedNamedStatements) c.submittedNamedStatements = {};
}

/**
 * A statement with its values written as SQL literals, for a multi-statement simple query (one round
 * trip, each statement with its own snapshot under READ COMMITTED). Strings go through the driver's
 * `escapeLiteral`; only the value kinds the app sends are accepted, anything else is refused.
 */
export function inlineSql(statement: Prisma.Sql, escapeLiteral: (text: string) => string): string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "string") return escapeLiteral(v);
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Error(`inlineSql: not a finite number: ${v}`);
      return String(v);
    }
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (v instanceof Date) return escapeLiteral(v.toISOString());
    if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(", ")}]`; // the statement casts it (…::text[])
    throw new Error(`inlineSql: cannot write ${Object.prototype.toString.call(v)} as a literal`);
  };
  let out = statement.strings[0];
  for (let i = 0; i < statement.values.length; i++) out += literal(statement.values[i]) + statement.strings[i + 1];
  return out;
}

/**
 * A statement to run as a server-side prepared statement inside `batch`/`commitWith` (decision 099): PostgreSQL
 * plans a large statement anew each time it arrives as text (about 2 ms for the send-off's pre-check and its
 * recount-and-write, the latter while the cap locks are held); prepared once per connection, it is planned at most
 * a few times and then runs from its cached plan. The PREPARE travels in the same round trip as its first
 * EXECUTE; a connection whose session we do not know yet starts with DEALLOCATE ALL. Parameter types come from the values (text, int, bigint, numeric, boolean, timestamp, text[], int[]);
 * NULL is a text parameter, so a statement that may receive NULL for another type casts it (`${x}::timestamp`).
 */
export class PreparedSql {
  constructor(readonly statement: Prisma.Sql) {}
}
export const prepared = (statement: Prisma.Sql) => new PreparedSql(statement);

function paramType(v: unknown): string {
  if (v === null || v === undefined || typeof v === "string") return "text";
  if (typeof v === "number") return Number.isInteger(v) ? (Math.abs(v) < 2 ** 31 ? "int" : "bigint") : "numeric";
  if (typeof v === "bigint") return "bigint";
  if (typeof v === "boolean") return "boolean";
  if (v instanceof Date) return "timestamp"; // as the app's timestamp columns: UTC without a zone (the literal's Z is ignored)
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) return "text[]";
    if (v.every((x) => typeof x === "number" && Number.isInteger(x))) return "int[]";
  }
  throw new Error(`prepared(): no parameter type for ${Object.prototype.toString.call(v)}`);
}

/** Per connection: the prepared statements it holds (absent or null: unknown, so DEALLOCATE ALL first). */
const preparedOn = new WeakMap<pg.PoolClient, Set<string> | null>();

/** The SQL texts that run `p` on a connection holding `held`: its PREPARE when not held yet, then the EXECUTE. */
function preparedTexts(p: PreparedSql, inline: (st: Prisma.Sql) => string, held: Set<string>): string[] {
  const { values, text } = p.statement;
  const types = values.map(paramType);
  const name = `zjb_${createHash("sha1").update(`${types.join(",")}\n${text}`).digest("hex").slice(0, 20)}`;
  const execute = `EXECUTE ${name}(${values.map((v, i) => `${inline(Prisma.sql`${v}`)}::${types[i]}`).join(", ")})`;
  if (held.has(name)) return [execute];
  held.add(name);
  return [`PREPARE ${name}(${types.join(", ")}) AS ${text}`, execute];
}

/** A transaction on the driver: Prisma's raw API plus the round-trip saver of decision 098. */
export type PgTx = RawSql & {
  /**
   * The last statements and COMMIT in one round trip (a simple-protocol query: each statement with its
   * own snapshot under READ COMMITTED); the rows and affected row count of each. The transaction ends
   * here: if a statement fails, the rest and the COMMIT do not run and the transaction is rolled back.
   */
  commitWith(...statements: (Prisma.Sql | PreparedSql)[]): Promise<{ rows: unknown[]; rowCount: number }[]>;
  /**
   * Several statements in one round trip (a simple-protocol query, BEGIN first when it is the transaction's
   * first), without ending the transaction; the rows and affected row count of each.
   */
  batch(...statements: (Prisma.Sql | PreparedSql)[]): Promise<{ rows: unknown[]; rowCount: number }[]>;
};

/** The message Prisma gives when its pool cannot hand out a connection in time: `isDbUnavailable` knows it. */
const WAIT_MESSAGE = "Timed out fetching a new connection from the connection pool";

function connectWithin(pool: pg.Pool, ms: number): Promise<pg.PoolClient> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(Object.assign(new Error(`${WAIT_MESSAGE} (waited ${ms} ms)`), { code: "P2024" }));
    }, ms);
    pool.connect().then(
      (client) => {
        if (settled) client.release(); // arrived after the caller gave up: hand it straight back
        else {
          settled = true;
          clearTimeout(timer);
          resolve(client);
        }
      },
      (err) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * `db().$transaction(fn)` on the driver: BEGIN → fn → COMMIT on one pooled connection, ROLLBACK on any
 * error. Waits at most `maxWaitMs` for a connection (then the same error as Prisma's pool timeout);
 * the database ends the transaction itself if a statement runs, or the app leaves it idle, longer than
 * `timeoutMs`, so a stuck app server cannot hold a lock. A connection that failed is closed, not reused.
 */
export async function transaction<T>(fn: (tx: PgTx) => Promise<T>, opts: { maxWaitMs?: number; timeoutMs?: number } = {}): Promise<T> {
  const timeout = Math.round(opts.timeoutMs ?? 60_000);
  const client = await connectWithin(pgPool(), opts.maxWaitMs ?? 60_000);
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err; // the connection died while we held it (also reported to the query in flight)
  };
  client.on("error", onError);
  // A failed ROLLBACK or COMMIT leaves the connection in doubt: it is closed, not reused.
  // An error of `fn` itself (a refusal, a constraint) after a clean ROLLBACK is not the connection's.
  const control = (text: string) => client.query(text).catch((err: Error) => {
    broken ??= err;
    throw err;
  });
  // BEGIN travels with the transaction's first statement, in one simple-protocol query (decision 098):
  // one round trip less per transaction. Later statements use the extended protocol with parameters.
  const begin = ["BEGIN", `SET LOCAL statement_timeout = ${timeout}`, `SET LOCAL idle_in_transaction_session_timeout = ${timeout}`];
  const inline = (st: Prisma.Sql) => inlineSql(st, (v) => client.escapeLiteral(v));
  let begun = false;
  let committed = false;
  /** Sends statements (and COMMIT) as one simple query, BEGIN first if not sent yet; their results. */
  const simple = async (statements: (Prisma.Sql | PreparedSql)[], commit: boolean) => {
    // A connection's first use, or its first after a failed query: we cannot know what its session holds (after a
    // failure the PREPARE may not have run; the embedded database keeps one session across reconnects), so it
    // starts clean, in the same round trip.
    const known = preparedOn.get(client);
    const held = known ?? new Set<string>();
    const reset = known ? [] : ["DEALLOCATE ALL"];
    if (!known) forgetNamed(client); // the pool's named statements go too (decision 106)
    const head = [...reset, ...(begun ? [] : begin)];
    begun = true;
    // Each part: its texts, and which of them is the statement whose result the caller wants (the EXECUTE, not the PREPARE).
    const parts = statements.map((st) => (st instanceof PreparedSql ? preparedTexts(st, inline, held) : [inline(st)]));
    const texts = [...head, ...parts.flat(), ...(commit ? ["COMMIT"] : [])];
    let res: pg.QueryResult | pg.QueryResult[];
    try {
      res = (await client.query({ text: texts.join(";\n"), types })) as unknown as pg.QueryResult | pg.QueryResult[];
    } catch (err) {
      preparedOn.set(client, null);
      throw err;
    }
    preparedOn.set(client, held);
    const all = Array.isArray(res) ? res : [res];
    let at = head.length;
    return parts.map((texts) => {
      at += texts.length;
      return all[at - 1];
    });
  };
  /** `batch` and `commitWith`: the statements' rows and affected row counts. */
  const several = async (statements: (Prisma.Sql | PreparedSql)[], commit: boolean) => {
    if (committed) throw new Error("transaction(): the transaction has already been committed");
    const res = await simple(statements, commit);
    if (commit) committed = true;
    return res.map((r) => ({ rows: r.rows, rowCount: r.rowCount ?? 0 }));
  };
  const extended = rawOn(client, types);
  const first = async (st: Prisma.Sql) => (await simple([st], false))[0];
  const tx: PgTx = {
    $queryRaw: async <R,>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (begun ? extended.$queryRaw<R>(query, ...values) : first(statement(query, values)).then((r) => r.rows as R)),
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (begun ? extended.$executeRaw(query, ...values) : first(statement(query, values)).then((r) => r.rowCount ?? 0)),
    batch: (...statements) => several(statements, false),
    commitWith: (...statements) => several(statements, true),
  };
  try {
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      if (begun && !committed) await control("ROLLBACK").catch(() => {});
      throw err;
    }
    if (begun && !committed) await control("COMMIT");
    return result;
  } finally {
    client.removeListener("error", onError);
    client.release(broken);
  }
}
