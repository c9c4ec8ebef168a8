// Demo data for the home-page dashboards (issue 15 item 3): the completed 2019 year gets the plan it was
// run under, so its charts compare plan and result. 2019 was the pilot year: the figures below are DEMO
// figures sized to the demo's 45 students of 2019 (not the policy's table, which exists for 2020 only):
// each school's allocation = its students sent + 2, each county's S = its allocations + 2 (5 where
// nobody was sent), each vocational school's E = its students + 3 (5 where none). Four 楚雄技师学院 students
// are 建档立卡 (东西协作※), and 楚雄市第一中学 has 2019 applications that were rejected or withdrawn,
// so the middle school's "applications by state" chart has more than one bar.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../src/generated/prisma/client";
import { createIssuedPlan } from "./factories/plan";
import { createApplicationRow } from "./factories/applications";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;
const YEAR = 2019;

export async function seedDashboardDemo(db: Db) {
  if (await db.quotaPlan.findUnique({ where: { year: YEAR } })) return 0;
  const bureau = await db.user.findUniqueOrThrow({ where: { username: "zhou" } });
  const enrolments = await db.enrolment.findMany({ where: { year: YEAR }, select: { id: true, countyId: true, middleSchoolId: true, vocationalSchoolId: true, applicationId: true } });
  if (!enrolments.length) return 0;
  const plan2020 = JSON.parse(readFileSync(path.join(__dirname, "data", "plan-2020.json"), "utf8")) as { counties: { name: string; cohortBase: number }[] };
  const counties = await db.county.findMany({ orderBy: { sortOrder: "asc" } });
  const schools = await db.vocationalSchool.findMany({ orderBy: { sortOrder: "asc" } });
  const countBy = (key: "countyId" | "middleSchoolId" | "vocationalSchoolId") => {
    const m = new Map<string, number>();
    for (const e of enrolments) m.set(e[key], (m.get(e[key]) ?? 0) + 1);
    return m;
  };
  const bySchool = countBy("middleSchoolId"), byVoc = countBy("vocationalSchoolId");
  const middleSchools = await db.middleSchool.findMany({ where: { id: { in: [...bySchool.keys()] } }, select: { id: true, countyId: true } });
  const allocation = new Map(middleSchools.map((m) => [m.id, bySchool.get(m.id)! + 2]));
  const countyCap = (countyId: string) => {
    const mine = middleSchools.filter((m) => m.countyId === countyId);
    return mine.length ? mine.reduce((n, m) => n + allocation.get(m.id)!, 0) + 2 : 5;
  };
  const jishi = schools.find((s) => s.name === "楚雄技师学院");
  const version = await createIssuedPlan(db, {
    year: YEAR, createdById: bureau.id,
    counties: counties.map((c) => ({
      countyId: c.id, cohortBase: plan2020.counties.find((x) => x.name === c.name)?.cohortBase ?? 1000, sendOffCap: countyCap(c.id),
      shanghaiTask: c.name === "楚雄市" ? 4 : c.name === "牟定县" ? 2 : 0,
    })),
    vocational: schools.map((s) => ({ vocationalSchoolId: s.id, enrolCap: byVoc.has(s.id) ? byVoc.get(s.id)! + 3 : 5, shanghaiTask: s.id === jishi?.id ? 6 : 0 })),
  });
  await db.planVersion.update({ where: { id: version.id }, data: { issuedAt: new Date("2019-04-16T10:00:00+08:00"), createdAt: new Date("2019-04-15T10:00:00+08:00") } });
  await db.middleSchoolAllocation.createMany({
    data: middleSchools.map((m) => ({ planId: version.planId, middleSchoolId: m.id, allocation: allocation.get(m.id)!, updatedById: bureau.id, updatedAt: new Date("2019-04-20T09:00:00+08:00") })),
  });
  // 东西协作※: three 楚雄市 students and one 牟定县 student of 楚雄技师学院 were 建档立卡.
  if (jishi) {
    const names = new Map(counties.map((c) => [c.id, c.name]));
    const at = enrolments.filter((e) => e.vocationalSchoolId === jishi.id);
    const picked = [...at.filter((e) => names.get(e.countyId) === "楚雄市").slice(0, 3), ...at.filter((e) => names.get(e.countyId) === "牟定县").slice(0, 1)];
    await db.enrolment.updateMany({ where: { id: { in: picked.map((e) => e.id) } }, data: { shanghaiFlag: true } });
    await db.application.updateMany({ where: { id: { in: picked.map((e) => e.applicationId) } }, data: { shanghaiFlag: true } });
  }
  // 楚雄市第一中学 2019: besides its 3 students sent off, 2 applications the school did not approve and 1 withdrawn.
  const yizhong = await db.middleSchool.findFirst({ where: { name: "楚雄市第一中学" } });
  const user = yizhong && (await db.user.findFirst({ where: { middleSchoolId: yizhong.id }, orderBy: { username: "asc" } }));
  const voc = schools.find((s) => s.name === "楚雄市职中");
  if (yizhong && user && voc) {
    for (const [status, name] of [["REJECTED", "杨志明"], ["REJECTED", "李春梅"], ["WITHDRAWN", "王建华"]] as const) {
      await createApplicationRow(db, {
        year: YEAR, middleSchoolId: yizhong.id, vocationalSchoolId: voc.id, enteredById: user.id, status, reviewDate: "2019-05-06",
        input: { studentName: name, sex: name === "李春梅" ? "FEMALE" : "MALE", className: "九年级（2）班", guardianRelation: name === "李春梅" ? "母女" : "父子" },
      });
    }
  }
  return enrolments.length;
}
