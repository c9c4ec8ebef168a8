// Loads the demo prefecture into an empty database (idempotent: does nothing when data exists).
import { readFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../src/generated/prisma/client";
import { createDemoPrefecture } from "../tests/factories";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL 未设置");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
  try {
    if ((await db.prefecture.count()) > 0) {
      console.log("[zjb] 数据库已有数据，跳过演示数据。");
      return;
    }
    const dir = path.join(__dirname, "data");
    const demo = JSON.parse(readFileSync(path.join(dir, "demo-prefecture.json"), "utf8"));
    const plan = JSON.parse(readFileSync(path.join(dir, "plan-2020.json"), "utf8"));
    const t0 = Date.now();
    await createDemoPrefecture(db, demo, plan);
    console.log(`[zjb] 已载入演示数据：楚雄州、10 个县市、12 所职业学校、演示初中学校及各单位账号（${Date.now() - t0} ms）`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
