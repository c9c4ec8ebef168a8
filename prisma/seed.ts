// ZJB_DEMO=1: loads the demo prefecture into an empty database (idempotent: does nothing when data exists);
// with ZJB_DEMO_SCALE=full, a whole prefecture's 2020 at real scale instead (prisma/factories/full-year.ts).
// Otherwise (a real database): creates only the first prefecture administrator, with a one-time password.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../src/generated/prisma/client";
import { createDemoPrefecture } from "./factories";
import { buildFullYear } from "./factories/full-year";
import { seedDemoAllocations, seedDemoPlan } from "./factories/plan";
import { createDemoCalendar } from "./factories/calendar";
import { createDemoApplications } from "./factories/applications";
import { bootstrapFirstAdmin } from "./seed-bootstrap";
import { seedDemoFilings } from "./seed-filings";
import { seedStudentStatusDemo } from "./seed-student-status";
import { seedRetentionDemo } from "./seed-retention";
import { seedFieldworkDemo } from "./seed-fieldwork";
import { seedAuditDemo } from "./seed-audit";
import { seedGraduationDemo } from "./seed-graduation";
import { seedAidDemo } from "./seed-aid";
import { seedCurrentYearDemo } from "./seed-current-year";
import { seedDashboardDemo } from "./seed-dashboards";

/**
 * "Now" at seed time, as the server's clock (src/server/clock.ts) will see it: the training date
 * (ZJB_TRAINING_DATE, noon China time) when set, else the real time.
 */
function seedNow(): Date {
  const day = process.env.ZJB_TRAINING_DATE?.trim();
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00+08:00`) : new Date();
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL 未设置");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
  try {
    if (process.env.ZJB_DEMO !== "1") {
      await bootstrapFirstAdmin(db);
      return;
    }
    if ((await db.prefecture.count()) > 0) {
      console.log("[zjb] 数据库已有数据，跳过演示数据。");
      return;
    }
    if (process.env.ZJB_DEMO_SCALE === "full") {
      // 全州规模的演示（decision 090）：150 所初中、约 200 个账号、9 000 份报名（ZJB_DEMO_APPLICATIONS 可改），代替常规演示数据。
      const applications = Number(process.env.ZJB_DEMO_APPLICATIONS) || 9000;
      const f = await buildFullYear(db, { applications });
      console.log(`[zjb] 已载入全州规模演示数据：${f.year}年报名 ${f.applications} 份、送读 ${f.counts.enrolments} 人、账号 ${f.users.length} 个（${f.seconds} 秒）；请以 ZJB_TRAINING_DATE=${f.trainingDate} 启动以处于送读期`);
      return;
    }
    const dir = path.join(__dirname, "data");
    const demo = JSON.parse(readFileSync(path.join(dir, "demo-prefecture.json"), "utf8"));
    const plan = JSON.parse(readFileSync(path.join(dir, "plan-2020.json"), "utf8"));
    const t0 = Date.now();
    await createDemoPrefecture(db, demo, plan);
    // 附件2 2020 through the real import path: v1 = the file with its 9 problems, v2 = corrected and issued.
    await seedDemoPlan(db, plan, demo.prefecture.username);
    // 落实到校: each county bureau spreads its issued cap over its middle schools.
    await seedDemoAllocations(db, plan.year, new Date("2020-04-20T09:00:00+08:00"));
    await createDemoCalendar(db, demo.prefecture.username); // 2020 工作日历：送读期 2020-05-06 至 2020-05-14
    // 附件3: 10 approved 2020 applications (6 楚雄市第一中学, 4 双柏县第一中学) for the send-off pages.
    await createDemoApplications(db);
    await seedDemoFilings(db); // 实施方案 approved except 元谋县 (pending), 附件5, 2021 上报计划数: prisma/seed-filings.ts
    await seedStudentStatusDemo(db); // 2019 完整一年：离校（各类型）、回校确认、秋季注册、附件6
    await seedRetentionDemo(db); // 2019 巩固考核：楚雄技师学院（四个县市的学生，计入数），楚雄市职中原因说明与县市考核
    await seedFieldworkDemo(db); // 2019 宣传走访（含跨县市、已作废）、跟踪回访与家访、流失风险标记（已解除 / 学生已离校）: prisma/seed-fieldwork.ts
    await seedAuditDemo(db); // 2019 操作日志：谁显示了李春华的完整身份证号、登录失败（含不存在的用户名）与账号锁定
    await seedGraduationDemo(db); // 2019 毕业：档案送回、义务教育证书、职业技能等级证书（部分缺）、升学去向
    await seedAidDemo(db); // 2019 资助：县市补助学生生活费、交通费，义务教育阶段资助，对职业学校的补助
    await seedDashboardDemo(db); // 2019 计划（演示数字）、名额、东西协作※ 学生、未同意和撤回的报名：首页图表（prisma/seed-dashboards.ts）
    const t1 = Date.now();
    // 今年（按启动时的日期计算）：日历、计划、报名、送读……到今天所在的阶段为止：prisma/seed-current-year.ts
    const current = await seedCurrentYearDemo(db, seedNow(), plan);
    console.log(`[zjb] 已载入演示数据：楚雄州、10 个县市、12 所职业学校、演示初中学校及各单位账号（${Date.now() - t0} ms）`);
    if (current) {
      console.log(`[zjb] ${current.year}年演示数据（${current.phase}）：报名 ${current.applications} 份、送读 ${current.sentOff} 人、报到 ${current.arrived} 人、附件4 ${current.rosters} 所学校（${Date.now() - t1} ms）`);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
