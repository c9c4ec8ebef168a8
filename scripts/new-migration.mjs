// Writes a new migration with the SQL that brings the last committed schema (git HEAD's
// prisma/schema.prisma) to the working copy's prisma/schema.prisma. `prisma migrate dev` and
// `migrate diff --from-schema-datasource` do not work through the driver adapter here
// (docs/decisions/001-prisma-6-offline.md), so the diff is taken between two datamodels.
// Hand-written SQL (CHECK constraints, partial indexes, grants) is added to the file by hand.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, run } from "./lib/db.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("用法 / usage: npm run db:new-migration -- <snake_case_name>  （与 git 中最后提交的 prisma/schema.prisma 比较）");
  process.exit(2);
}
// The driver adapter in prisma.config.ts opens a connection even for a datamodel-to-datamodel diff.
if (!process.env.DATABASE_URL) {
  console.error("请设置 DATABASE_URL（任意可连接的 PostgreSQL，例如 postgresql://postgres@127.0.0.1:5432/postgres；不会写入数据）");
  process.exit(2);
}
const base = process.env.ZJB_MIGRATION_BASE ?? "HEAD";
const tmp = mkdtempSync(path.join(os.tmpdir(), "zjb-schema-"));
const from = path.join(tmp, "schema.prisma");
writeFileSync(from, execFileSync("git", ["show", `${base}:prisma/schema.prisma`], { cwd: root }));
const sql = await run(process.execPath, [path.join(root, "scripts/prisma.mjs"), "migrate", "diff",
  "--from-schema-datamodel", from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], { quiet: true });
const body = sql.split("\n").filter((l) => !/^(Loaded Prisma config|Prisma config detected|Prisma schema loaded)/.test(l)).join("\n");
if (/^-- This is an empty migration\.?\s*$/m.test(body.trim()) || body.trim() === "") {
  console.log(`prisma/schema.prisma 与 ${base} 相同，没有需要写入的迁移。`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(root, "prisma/migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), body);
console.log(`已写入 ${path.relative(root, dir)}/migration.sql —— 请审阅（迁移按“;”切分语句，注释中不要写分号），然后运行 npm run db:migrate`);
