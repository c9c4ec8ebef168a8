// Database helpers shared by `npm start`, `npm test` and `npm run bench` (plain Node, no build step).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

/** Runs a command asynchronously (a synchronous spawn would block the PGlite server's event loop). */
export function run(cmd, args, { env = process.env, cwd = root, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let out = "";
    if (quiet) {
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
    }
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} 退出码 ${code}\n${out}`)),
    );
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Embedded PostgreSQL: PGlite (WASM) served over the wire protocol. One connection only
 * (TOOLCHAIN.md): callers must set the app's pool size to 1.
 */
export async function startPglite(dataDir, port) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const p = port ?? (await freePort());
  const server = new (queuedServer(PGLiteSocketServer))({ db, port: p, host: "127.0.0.1", maxConnections: 1 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${p}/postgres?sslmode=disable`,
    db,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * PGLiteSocketServer refuses ("Too many connections") a connection that arrives while its one slot is
 * taken. After any failed statement outside a transaction (a refused unique key, a bad value) the pg
 * pool discards its connection and opens a new one at once, before the server has noticed the old
 * socket's close: the next query, often another user's, failed. Here a new connection waits for the
 * slot (up to `waitMs`) instead of being refused. Decision 050.
 */
export function queuedServer(Base, waitMs = 15_000) {
  return class QueuedSocketServer extends Base {
    async start() {
      await super.start();
      // Node itself drops connections past net.Server#maxConnections, before handleConnection sees them.
      this.server.maxConnections = this.maxConnections + 64;
    }
    async handleConnection(socket) {
      const deadline = Date.now() + waitMs;
      while (this.active && this.handlers.size >= this.maxConnections && !socket.destroyed && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5));
      }
      return super.handleConnection(socket);
    }
  };
}

/** Throws a clear bilingual error when the server cannot be reached. */
export async function checkReachable(url, timeoutMs = 5000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (err) {
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
    const e = new Error(
      `无法连接数据库 ${safe}：${err.message}\n` +
        `Cannot reach the PostgreSQL server in DATABASE_URL. 请检查 DATABASE_URL 是否正确、数据库服务是否已启动；` +
        `若只想试用，请不设置 DATABASE_URL，系统会自动使用内置数据库。`,
    );
    e.code = "DB_UNREACHABLE";
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates a new database on the server of `serverUrl` and returns its URL. With `template`, a copy of
 * that database (a migrated one: `CREATE DATABASE … TEMPLATE` takes well under a second where
 * `migrate` takes about 12 s on the 2-core CI machine; decision 097). Nobody may be connected to it.
 */
export async function createDatabase(serverUrl, name, { template } = {}) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const u = new URL(serverUrl);
  u.pathname = "/" + name;
  return u.toString();
}

export async function dropDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Makes sure ZJB_TEST_TEMPLATE_DB names a migrated template database on the server of `serverUrl`: when
 * it is unset, creates `<prefix>_<pid>_<time>`, migrates it and sets the variable (for this process and the
 * ones it starts). Resolves to a function that drops what was made here (nothing when it already existed).
 */
export async function ensureMigratedTemplate(serverUrl, prefix) {
  if (process.env.ZJB_TEST_TEMPLATE_DB) return async () => {};
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await migrate(await createDatabase(serverUrl, name));
  process.env.ZJB_TEST_TEMPLATE_DB = name;
  return () => dropDatabase(serverUrl, name);
}

/**
 * A migrated, empty database on the server of `serverUrl`: a copy of the migrated template named in
 * ZJB_TEST_TEMPLATE_DB when `npm test` or the Vitest global setup made one for this run, else created and
 * migrated here. Returns its URL and a function that drops it.
 */
export async function migratedDatabase(serverUrl, name) {
  const template = process.env.ZJB_TEST_TEMPLATE_DB;
  const url = await createDatabase(serverUrl, name, { template });
  if (!template) await migrate(url);
  return { url, drop: () => dropDatabase(serverUrl, name) };
}

export async function migrate(url, { quiet = true } = {}) {
  await run(process.execPath, [path.join(root, "scripts/prisma.mjs"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    quiet,
  });
}

/** Migrations in prisma/migrations not yet applied at `url` (all of them when the table is missing). */
export async function pendingMigrations(url) {
  const { readdirSync } = await import("node:fs");
  const names = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const done = await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const applied = new Set(done.rows.map((r) => r.migration_name));
    return names.filter((n) => !applied.has(n)).length;
  } catch {
    return names.length;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function seed(url, extraEnv = {}) {
  await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "prisma/seed.ts")], {
    env: { ...process.env, ...extraEnv, DATABASE_URL: url },
  });
}
