// Data for the fault harness (scripts/faults.mjs) in a migrated, empty database at DATABASE_URL: a small
// prefecture with the 2020 calendar, an issued plan and approved 实施方案, accounts with known passwords,
// SEND_OFF approved applications, and import workbooks written to OUT_DIR. Prints JSON on its last line.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../src/generated/prisma/client";
import { createMiniPrefecture, createUser } from "../../prisma/factories";
import { createYearCalendar } from "../../prisma/factories/calendar";
import { allocate, createIssuedPlan } from "../../prisma/factories/plan";
import { approveImplementationPlans } from "../../prisma/factories/filings";
import { applicationInput, createApplications, importRow, importWorkbook } from "../../prisma/factories/applications";

const PASSWORD = "faults1234";

async function main() {
  const out = process.env.OUT_DIR!;
  const sendOff = Number(process.env.SEND_OFF ?? 0);
  const batches = (process.env.BATCHES ?? "").split(",").filter(Boolean).map(Number); // rows per workbook
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 1 }) });
  const m = await createMiniPrefecture(db);
  await createYearCalendar(db, { year: 2020, mayDayHolidayEnd: "2020-05-05", updatedById: m.users.prefecture.id });
  await createIssuedPlan(db, {
    year: 2020, createdById: m.users.prefecture.id,
    counties: [{ countyId: m.countyA.id, sendOffCap: 1000 }, { countyId: m.countyB.id, sendOffCap: 1000 }],
    vocational: [{ vocationalSchoolId: m.vocA.id, enrolCap: 5000 }, { vocationalSchoolId: m.vocP.id, enrolCap: 5000 }],
  });
  await allocate(db, 2020, m.schoolA.id, 1000);
  await approveImplementationPlans(db, { year: 2020, countyIds: [m.countyA.id], byUserId: m.users.prefecture.id });
  const user = (role: "PREFECTURE" | "COUNTY" | "MIDDLE_SCHOOL", orgId: string, username: string) =>
    createUser(db, { role, orgId, username, password: PASSWORD }).then((u) => ({ id: u.id, username, password: PASSWORD }));
  const users = {
    prefecture: await user("PREFECTURE", m.prefecture.id, "f-zhou"),
    county: await user("COUNTY", m.countyA.id, "f-county"),
    school: await user("MIDDLE_SCHOOL", m.schoolA.id, "f-school"),
  };
  await db.user.updateMany({ where: { username: { startsWith: "f-" } }, data: { mustChangePassword: false } });
  const applicationIds = sendOff
    ? await createApplications(db, { count: sendOff, middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: users.school.id })
    : [];
  // Workbooks to import: each batch's ID numbers tell afterwards which rows came from which file.
  const workbooks = [];
  for (const [i, n] of batches.entries()) {
    const raws = Array.from({ length: n }, (_, k) => applicationInput("x", { sex: k % 2 ? "FEMALE" : "MALE" }));
    const file = path.join(out, `batch-${i}.xlsx`);
    writeFileSync(file, await importWorkbook(raws.map((r) => importRow(r, m.vocA.name))));
    workbooks.push({ file, idNumbers: raws.map((r) => r.idNumber) });
  }
  // A vocational school (prefecture-level) whose ROSTER students arrived, have a class and a 学号: ready
  // to submit its 附件4 roster in the confirmation period.
  const roster = Number(process.env.ROSTER ?? 0);
  let voc = null;
  if (roster) {
    voc = await createUser(db, { role: "VOCATIONAL_SCHOOL", orgId: m.vocP.id, username: "f-voc", password: PASSWORD }).then((u) => ({ id: u.id, username: "f-voc", password: PASSWORD }));
    const ids = await createApplications(db, { count: roster, middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocP.id, enteredById: users.school.id });
    await db.application.updateMany({ where: { id: { in: ids } }, data: { status: "SENT_OFF" } });
    await db.$executeRaw`INSERT INTO "VocationalClass" (id, "vocationalSchoolId", year, name, code, major, "sizeLimit", "headTeacherName", "headTeacherPhone", "updatedAt")
      VALUES ('f-class', ${m.vocP.id}, 2020, '2020级1班', '01', '电子技术', 500, '钱老师', '13912345678', now())`;
    await db.$executeRaw`
      INSERT INTO "Enrolment" (id, "applicationId", year, "countyId", "middleSchoolId", "vocationalSchoolId", "sentOffAt", "sentOffById", "arrivalStatus", "arrivedOn", "classId", "studentNo", "updatedAt")
      SELECT 'f-e' || a.id, a.id, 2020, a."countyId", a."middleSchoolId", a."vocationalSchoolId", now(), ${users.county.id}, 'ARRIVED', '2020-05-20', 'f-class',
             '2020' || lpad((row_number() OVER (ORDER BY a.id))::text, 5, '0'), now()
        FROM "Application" a WHERE a.id = ANY(${ids})`;
  }
  await db.$disconnect();
  console.log(JSON.stringify({ users: { ...users, voc }, applicationIds, workbooks, vocationalSchoolId: m.vocA.id }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
