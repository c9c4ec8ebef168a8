// The years every year-bound page offers (decision 035): those with a calendar, a plan or applications, today's
// and the one asked for, newest first. The applications' years are found by walking the index (decision 099):
// the result must be exactly what reading every application gives.
import { beforeAll, describe, expect, test } from "vitest";
import { testDb } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { yearAtHand } from "@/server/year";

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
const tag = `ya${process.pid}`;

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  // Applications in years that have neither a calendar nor a plan, one of them between two others.
  for (const [i, year] of [2011, 2013, 2013, 2016].entries()) {
    await testDb().$executeRaw`
      INSERT INTO "Application" (id, year, "countyId", "middleSchoolId", "className", "headTeacherName", "headTeacherPhone", "studentName", sex,
        "studentPhone", "addressCounty", "addressTownship", "addressVillage", "addressStreet", "studentNumber", "idNumber", "birthDate",
        "guardianName", "guardianRelation", "guardianPhone", "vocationalSchoolId", "eligibilityGround", "studentSigned", "guardianSigned",
        status, "enteredById", "updatedAt")
      VALUES (${`${tag}-${i}`}, ${year}, ${p.countyA.id}, ${p.schoolA.id}, '初三(1)班', '李老师', '13800000000', ${`往年学生${i}`}, 'MALE',
        '13900000000', '楚雄市', '鹿城镇', '北浦社区', '北浦路', ${String(process.pid % 1e9).padStart(9, "0") + `0000${i}`}, ${`5323011997010${i}001X`}, '1997-01-01',
        '王家长', 'OTHER', '13700000000', ${p.vocA.id}, 'LEARNING_DIFFICULTY', true, true, 'WITHDRAWN', ${p.users.schoolA.id}, now())`;
  }
});

describe("yearAtHand", () => {
  test("offers exactly the years with a calendar, a plan or applications, plus today's and the one asked for, newest first", async () => {
    const rows = await testDb().$queryRaw<{ year: number }[]>`
      SELECT year FROM "YearCalendar" UNION SELECT year FROM "QuotaPlan" UNION SELECT DISTINCT year FROM "Application"`;
    const now = new Date("2020-05-08T02:00:00Z");
    const at = await yearAtHand({ year: "2009" }, { now });
    const expected = [...new Set([...rows.map((r) => Number(r.year)), 2020, 2009])].sort((a, b) => b - a);
    expect(at.years).toEqual(expected);
    expect(at.years).toEqual(expect.arrayContaining([2016, 2013, 2011, 2009, 2020]));
    expect(at).toMatchObject({ year: 2009, current: 2020 });
  });
});
