// `npm run restore -- FILE [--force]`: puts a backup of `npm run backup` back, then proves it: the row
// count of every table and the checksum of every document must equal the backup's manifest.
// A database that already holds data is refused unless --force: then a real PostgreSQL's tables are
// replaced in one transaction (pg_restore --clean --single-transaction), and an embedded data folder
// is kept aside as pglite.before-restore-<time> (never deleted). Decision 053.
import { existsSync, mkdtempSync, readFileSync, renameSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./lib/db.mjs";
import {
  FORMAT, cleanup, compareInventories, exec, inventory, libpqArgs, pgQuery, pgTool, pgliteQuery, runningServerPid, withPg,
} from "./lib/backup.mjs";

const argv = process.argv.slice(2).filter((a) => a !== "--");
const force = argv.includes("--force");
const file = argv.find((a) => !a.startsWith("--"));
const dataDir = process.env.ZJB_DATA_DIR ? path.resolve(process.env.ZJB_DATA_DIR) : path.join(root, ".data");

function fail(message) {
  console.error(`\n[zjb] 恢复失败 / restore failed:\n${message}\n`);
  process.exit(1);
}

const hasData = (inv) => Object.entries(inv.tables).some(([t, n]) => t !== "_prisma_migrations" && n > 0);
const refuse = (where) => fail(`${where}中已有数据。为防止覆盖，恢复只写入空数据库；确认要用备份替换现有数据时，请加 --force 再运行。`);

async function intoPostgres(work, url) {
  const pgRestore = pgTool("pg_restore");
  if (!pgRestore) fail("本机没有 pg_restore。请安装与备份所用 pg_dump 同一主版本（或更新）的 PostgreSQL 客户端。");
  const before = await withPg(url, (c) => inventory(pgQuery(c)));
  if (hasData(before) && !force) refuse("目标数据库");
  // The dump grants to zjb_app (decision 012): a new server needs the role first (ignored if it exists or we may not).
  await withPg(url, (c) => c.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zjb_app') THEN CREATE ROLE zjb_app NOLOGIN; END IF; END $$`)).catch(() => {});
  const { url: u, env } = libpqArgs(url);
  await exec(pgRestore, ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "-d", u, path.join(work, "database.pgdump")], { env });
  return withPg(url, (c) => inventory(pgQuery(c)));
}

async function intoPglite(work) {
  const pid = runningServerPid(dataDir);
  if (pid) fail(`内置数据库正在被运行中的系统使用（进程 ${pid}）。请先停止它（按 Ctrl+C），再恢复。`);
  const { PGlite } = await import("@electric-sql/pglite");
  const target = path.join(dataDir, "pglite");
  if (existsSync(target)) {
    const db = await PGlite.create(target);
    const inv = await inventory(pgliteQuery(db)).finally(() => db.close());
    if (hasData(inv) && !force) refuse(`内置数据库（${target}）`);
    const aside = `${target}.before-restore-${new Date().toISOString().replace(/[-:.]/g, "").slice(0, 15)}`;
    renameSync(target, aside);
    console.log(`[zjb] 原有内置数据库已移到 ${aside}（未删除）。`);
  }
  const db = await PGlite.create(target, { loadDataDir: new Blob([readFileSync(path.join(work, "pglite-data.tar.gz"))]) });
  try { return await inventory(pgliteQuery(db)); } finally { await db.close(); }
}

async function main() {
  if (!file || !existsSync(file) || !statSync(file).isFile()) fail("用法：npm run restore -- <备份文件 zjb-backup-….tar> [--force]");
  const t0 = Date.now();
  const work = mkdtempSync(path.join(os.tmpdir(), "zjb-restore-"));
  process.on("exit", () => cleanup(work)); // also when fail() exits early
  try {
    await exec("tar", ["-xf", path.resolve(file), "-C", work]);
    const manifest = JSON.parse(readFileSync(path.join(work, "manifest.json"), "utf8"));
    if (manifest.format !== FORMAT) fail(`不是本系统的备份文件（格式 ${manifest.format}）。`);
    const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
    if (manifest.kind === "postgresql" && !url) fail("这是 PostgreSQL 的备份：请设置 DATABASE_URL（或 MIGRATION_DATABASE_URL，数据库所有者）指向要恢复到的空数据库。");
    if (manifest.kind === "pglite" && url) fail("这是内置数据库的备份：请不设置 DATABASE_URL 运行（恢复到 .data/pglite，或 ZJB_DATA_DIR 指定的目录）。");
    const after = manifest.kind === "postgresql" ? await intoPostgres(work, url) : await intoPglite(work);
    const diff = compareInventories(manifest, after);
    for (const [t, n] of Object.entries(manifest.tables)) console.log(`  ${t.padEnd(28)} 备份 ${String(n).padStart(7)}  恢复后 ${String(after.tables[t] ?? "无").padStart(7)}`);
    console.log(`  上传文件 ${manifest.documents.length} 个，校验值${diff.some((l) => l.startsWith("文件")) ? "不一致" : "全部一致"}`);
    if (diff.length) fail(`恢复后的数据与备份不一致：\n${diff.slice(0, 20).join("\n")}`);
    console.log(`[zjb] 恢复完成（备份时间 ${manifest.createdAt}），用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒。`);
  } finally {
    cleanup(work);
  }
}

main().catch((err) => fail(err.stack || String(err)));
