// Writes a new migration with the SQL that brings DATABASE_URL (already at the latest migration)
// to prisma/schema.prisma. `prisma migrate dev` does not work through the driver adapter here.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root, run } from "./lib/db.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("用法 / usage: npm run db:new-migration -- <snake_case_name>  (DATABASE_URL 指向已迁移到最新的开发库)");
  process.exit(2);
}
if (!process.env.DATABASE_URL) { console.error("请设置 DATABASE_URL"); process.exit(2); }
const sql = await run(process.execPath, [path.join(root, "scripts/prisma.mjs"), "migrate", "diff",
  "--from-schema-datasource", "prisma/schema.prisma", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], { quiet: true });
const body = sql.split("\n").filter((l) => !/^(Loaded Prisma config|Prisma config detected|Prisma schema loaded)/.test(l)).join("\n");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(root, "prisma/migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), body);
console.log(`已写入 ${path.relative(root, dir)}/migration.sql —— 请审阅后运行 npm run db:migrate`);
