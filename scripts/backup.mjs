// `npm run backup [-- --out DIR]`: one file zjb-backup-<China date-time>.tar in DIR (default ZJB_BACKUP_DIR,
// else backups/): the whole database (uploaded documents included) and a manifest of row counts and
// document checksums. DATABASE_URL set → pg_dump (one snapshot); unset → PGlite's own dump of .data/pglite,
// through the running `npm start` when there is one. Prints the file's path last. Decision 053.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./lib/db.mjs";
import {
  FORMAT, askRunningServer, backupFileName, cleanup, exec, inventory, inventoryOfPgliteDump, libpqArgs, pgQuery, pgTool,
  runningServerPid, withPg,
} from "./lib/backup.mjs";

const argv = process.argv.slice(2);
const outDir = path.resolve(argv.includes("--out") ? argv[argv.indexOf("--out") + 1] : process.env.ZJB_BACKUP_DIR || path.join(root, "backups"));
const dataDir = process.env.ZJB_DATA_DIR ? path.resolve(process.env.ZJB_DATA_DIR) : path.join(root, ".data");

function fail(message) {
  console.error(`\n[zjb] 备份失败 / backup failed:\n${message}\n`);
  process.exit(1);
}

async function postgres(work, url) {
  const pgDump = pgTool("pg_dump");
  if (!pgDump) fail("本机没有 pg_dump。请安装与数据库服务器同一主版本（或更新）的 PostgreSQL 客户端，例如 Debian 的 postgresql-client-15。");
  return withPg(url, async (client) => {
    // The manifest and the dump read the same snapshot: what the counts say is what the file holds.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query("SELECT pg_export_snapshot() AS s")).rows[0].s;
    const inv = await inventory(pgQuery(client));
    const { url: u, env } = libpqArgs(url);
    try {
      await exec(pgDump, ["--format=custom", "--no-owner", `--snapshot=${snapshot}`, `--file=${path.join(work, "database.pgdump")}`, u], { env });
    } catch (err) {
      fail(`${err.message}\n（pg_dump 的主版本不能低于数据库服务器；需要能连接 DATABASE_URL 的账号有读取全部表的权限。）`);
    }
    await client.query("COMMIT");
    const version = (await exec(pgDump, ["--version"])).trim();
    return { kind: "postgresql", tool: version, ...inv };
  });
}

async function embedded(work) {
  const pid = runningServerPid(dataDir);
  if (pid) {
    await askRunningServer(dataDir, work); // the running server dumps under its query lock
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    if (!statSync(path.join(dataDir, "pglite"), { throwIfNoEntry: false })) fail(`没有找到内置数据库（${path.join(dataDir, "pglite")}）。`);
    const lock = path.join(dataDir, "pglite.pid");
    writeFileSync(lock, String(process.pid)); // `npm start` waits for us instead of opening the same files
    try {
      const db = await PGlite.create(path.join(dataDir, "pglite"));
      const blob = await db.dumpDataDir("gzip");
      writeFileSync(path.join(work, "pglite-data.tar.gz"), Buffer.from(await blob.arrayBuffer()));
      await db.close();
    } finally {
      try { unlinkSync(lock); } catch { /* gone */ }
    }
  }
  // Count what the dump itself holds (opened in memory), not the live database a moment later.
  const inv = await inventoryOfPgliteDump(readFileSync(path.join(work, "pglite-data.tar.gz")));
  const version = JSON.parse(readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version;
  return { kind: "pglite", tool: `PGlite ${version} dumpDataDir`, ...inv };
}

async function main() {
  const t0 = Date.now();
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), "zjb-backup-"));
  process.on("exit", () => cleanup(work)); // also when fail() exits early
  try {
    const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
    const manifest = { format: FORMAT, createdAt: new Date().toISOString(), ...(url ? await postgres(work, url) : await embedded(work)) };
    writeFileSync(path.join(work, "manifest.json"), JSON.stringify(manifest, null, 1));
    const file = path.join(outDir, backupFileName());
    const files = ["manifest.json", manifest.kind === "postgresql" ? "database.pgdump" : "pglite-data.tar.gz"];
    await exec("tar", ["-cf", file + ".part", "-C", work, ...files]);
    renameSync(file + ".part", file); // a half-written file never carries the final name
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    console.log(`[zjb] 备份完成（${manifest.kind === "postgresql" ? "PostgreSQL" : "内置数据库"}）：${Object.keys(manifest.tables).length} 张表共 ${rows} 行，` +
      `${manifest.documents.length} 个上传文件，${(statSync(file).size / 1048576).toFixed(1)} MB，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒。`);
    console.log(file);
  } finally {
    cleanup(work);
  }
}

main().catch((err) => fail(err.stack || String(err)));
