// Backup and restore (decision 053): one file per backup, a tar holding
//   manifest.json        kind, time, row count of every table, sha256 of every stored document
//   database.pgdump      pg_dump's custom format (real PostgreSQL), or
//   pglite-data.tar.gz   PGlite's own dump of its data folder (embedded database)
// Uploaded documents live in the database (DocumentBlob), so the dump holds them; the manifest lets a
// restore prove that every table and every document came back whole.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const FORMAT = "zjb-backup/1";

/** Row counts of every table in schema public, and the stored vs recomputed checksum of every document. */
export async function inventory(query) {
  const tables = (await query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)).map((r) => r.t);
  const counts = {};
  for (const t of tables) counts[t] = Number((await query(`SELECT count(*)::int AS n FROM "${t}"`))[0].n);
  const documents = tables.includes("DocumentBlob")
    ? (await query(`SELECT d.id, d.sha256 AS stored, encode(sha256(b.bytes), 'hex') AS actual FROM "Document" d JOIN "DocumentBlob" b ON b."documentId" = d.id ORDER BY d.id`))
    : [];
  return { tables: counts, documents: documents.map((d) => ({ id: d.id, sha256: d.actual, stored: d.stored })) };
}

export const pgQuery = (client) => async (sql) => (await client.query(sql)).rows;
export const pgliteQuery = (db) => async (sql) => (await db.query(sql)).rows;

/** Differences between two inventories, as lines a person can read (empty when equal). */
export function compareInventories(expected, actual) {
  const lines = [];
  const names = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)]);
  for (const t of [...names].sort()) {
    if (expected.tables[t] !== actual.tables[t]) lines.push(`表 ${t}：备份 ${expected.tables[t] ?? "无"} 行，恢复后 ${actual.tables[t] ?? "无"} 行`);
  }
  const want = new Map(expected.documents.map((d) => [d.id, d.sha256]));
  const got = new Map(actual.documents.map((d) => [d.id, d.sha256]));
  for (const [id, sha] of want) if (got.get(id) !== sha) lines.push(`文件 ${id}：校验值不一致或缺失`);
  for (const id of got.keys()) if (!want.has(id)) lines.push(`文件 ${id}：备份中没有`);
  return lines;
}

export function exec(cmd, args, { env = process.env, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: [input ? "pipe" : "ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => reject(e.code === "ENOENT" ? Object.assign(new Error(`找不到命令 ${cmd}`), { code: "ENOENT" }) : e));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} 退出码 ${code}：${err.trim() || out.trim()}`))));
    if (input) child.stdin.end(input);
  });
}

/** pg_dump / pg_restore: PATH first, then the newest /usr/lib/postgresql/<n>/bin. */
export function pgTool(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) if (existsSync(path.join(base, v, "bin", name))) return path.join(base, v, "bin", name);
  }
  return null;
}

/** libpq tools read the password from PGPASSWORD; keep it out of the process list. */
export function libpqArgs(url) {
  const u = new URL(url);
  const env = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = "";
  u.searchParams.delete("schema");
  return { url: u.toString(), env };
}

/** The date in China for file names: zjb-backup-20260512-031500.tar */
export function backupFileName(at = new Date()) {
  const s = new Date(at.getTime() + 8 * 3600_000).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `zjb-backup-${s}.tar`;
}

/**
 * The running `npm start` (embedded database) answers `dump <folder>` on .data/control.sock: PGlite
 * dumps its data folder under its own query lock, so the file is one instant of the database.
 */
export async function serveControl(dataDir, embedded) {
  const sock = path.join(dataDir, "control.sock");
  if (existsSync(sock)) unlinkSync(sock);
  const server = net.createServer((conn) => {
    let buf = "";
    conn.on("data", async (d) => {
      buf += d;
      if (!buf.includes("\n")) return;
      const req = JSON.parse(buf.slice(0, buf.indexOf("\n")));
      try {
        if (req.cmd !== "dump") throw new Error("unknown command");
        const blob = await embedded.db.dumpDataDir("gzip");
        writeFileSync(path.join(req.dir, "pglite-data.tar.gz"), Buffer.from(await blob.arrayBuffer()));
        conn.end(JSON.stringify({ ok: true }) + "\n");
      } catch (err) {
        conn.end(JSON.stringify({ ok: false, message: String(err?.message ?? err) }) + "\n");
      }
    });
    conn.on("error", () => {});
  });
  await new Promise((resolve, reject) => server.listen(sock, resolve).on("error", reject));
  return { close: () => { server.close(); try { unlinkSync(sock); } catch { /* gone */ } } };
}

export function askRunningServer(dataDir, dir) {
  return new Promise((resolve, reject) => {
    const conn = net.connect(path.join(dataDir, "control.sock"));
    let buf = "";
    conn.on("connect", () => conn.write(JSON.stringify({ cmd: "dump", dir }) + "\n"));
    conn.on("data", (d) => (buf += d));
    conn.on("end", () => {
      try {
        const r = JSON.parse(buf);
        if (r.ok) resolve(); else reject(new Error(r.message));
      } catch (err) { reject(err); }
    });
    conn.on("error", reject);
  });
}

/** The pid in .data/pglite.pid when that process is alive (a running `npm start`), else null. */
export function runningServerPid(dataDir) {
  const lock = path.join(dataDir, "pglite.pid");
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, "utf8"));
  try { process.kill(pid, 0); return pid === process.pid ? null : pid; } catch { return null; }
}

/** Opens a PGlite (in memory) from a data-folder dump, for counting what the dump holds. */
export async function inventoryOfPgliteDump(gz) {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create({ loadDataDir: new Blob([gz]) });
  try { return await inventory(pgliteQuery(db)); } finally { await db.close(); }
}

export async function withPg(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return await fn(client); } finally { await client.end().catch(() => {}); }
}

export function cleanup(dir) { rmSync(dir, { recursive: true, force: true }); }
