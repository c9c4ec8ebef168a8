import "server-only";
import { db } from "@/server/db";
import { DB_DOWN_AT_KEY, DB_UNAVAILABLE_DIGEST, DB_UNAVAILABLE_TEXT } from "@/lib/db-outage";

/**
 * Database outages (decision 051). A request that cannot reach PostgreSQL gets a Chinese 503
 * ("数据库暂时无法连接，请稍后重试"), never a stack trace or "系统出错"; nothing is half-applied
 * because every write is one transaction. The pool opens new connections by itself when the server
 * is back, so no restart is needed.
 */
export const DB_UNAVAILABLE_MESSAGE = DB_UNAVAILABLE_TEXT;
// Next passes a thrown error's own `digest` to the error page: how a page learns the cause.

// Connection-level failures only: PostgreSQL's class 08 and 57P0x, Prisma's P1001/P1002/P1017/P2024,
// the driver adapter's kinds and the socket errors of node-postgres.
const CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "57P01", "57P02", "57P03",
  "08000", "08001", "08003", "08004", "08006", "P1001", "P1002", "P1017", "P2024"]);
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const MESSAGE = /Can't reach database server|Connection terminated|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|Server has closed the connection|Timed out fetching a new connection|connect ECONNREFUSED|Client has encountered a connection error/i;

export function isDbUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 4 || typeof err !== "object" || err === null) return false;
  if (err instanceof DbUnavailableError) return true;
  const e = err as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.code === "string" && CODES.has(e.code)) return true;
  if (typeof e.kind === "string" && KINDS.has(e.kind)) return true;
  // P2010 (raw query failed) wraps the adapter's error: look at its kind, not at our own SQL.
  if (typeof e.message === "string" && MESSAGE.test(e.message)) return true;
  return isDbUnavailable(e.cause, depth + 1) || isDbUnavailable(e.meta?.driverAdapterError, depth + 1);
}

/** An error for pages: Next keeps the digest, so `app/error.tsx` can show the outage text. */
export class DbUnavailableError extends Error {
  readonly digest = DB_UNAVAILABLE_DIGEST;
  constructor(cause: unknown) {
    super(DB_UNAVAILABLE_MESSAGE, { cause });
    this.name = "DbUnavailableError";
  }
}

// In-process memory of the last failure, shared with src/proxy.ts through globalThis: while it is
// recent, pages answer 503 at once instead of each waiting for a refused connection. It holds no
// truth: it expires after OUTAGE_MEMORY_MS (2 s), and the next request then tries the database again.
const g = globalThis as unknown as Record<typeof DB_DOWN_AT_KEY, number | undefined> & { __zjbDbProbe?: { at: number; result: Promise<DbState> } };

export function noteDbUnavailable() {
  g[DB_DOWN_AT_KEY] = Date.now();
}

export type DbState = { database: "ok" | "unavailable"; latencyMs: number };

/** `SELECT 1` with a time limit; one probe at a time, its answer reused for 1 s (health checks come often). */
export function probeDatabase(timeoutMs = 2_000): Promise<DbState> {
  const now = Date.now();
  if (g.__zjbDbProbe && now - g.__zjbDbProbe.at < 1_000) return g.__zjbDbProbe.result;
  const result = (async (): Promise<DbState> => {
    const t0 = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db().$queryRaw`SELECT 1`,
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("probe timeout")), timeoutMs); }),
      ]);
      g[DB_DOWN_AT_KEY] = undefined;
      return { database: "ok", latencyMs: Date.now() - t0 };
    } catch (err) {
      // Only a refused or broken connection is an outage. A probe that merely waited past its time
      // limit (a busy pool, the embedded database's one connection queue) answers 503 here but must
      // not make every page answer 503 for the next 2 s (decision 093).
      if (isDbUnavailable(err)) noteDbUnavailable();
      return { database: "unavailable", latencyMs: Date.now() - t0 };
    } finally {
      clearTimeout(timer);
    }
  })();
  g.__zjbDbProbe = { at: now, result };
  return result;
}
