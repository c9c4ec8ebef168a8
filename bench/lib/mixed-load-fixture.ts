// Stand-in for bench/lib/full-year-fixture.ts while that generator does not exist in this branch: the
// same JSON contract (last stdout line), a small world. Two counties (plan issued, 实施方案 approved,
// allocations set), a middle school each, two vocational schools, one account per organisation, and
// `--applications N` approved 2020 applications inserted in SQL. Not a full year: no history, no rosters.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../src/generated/prisma/client";
import { createMiniPrefecture } from "../../prisma/factories";
import { allocate, createIssuedPlan } from "../../prisma/factories/plan";
import { createStandardCalendar } from "../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../prisma/factories/filings";
import { hashSync } from "../../prisma/factories";

async function main() {
  const t0 = performance.now();
  const i = process.argv.indexOf("--applications");
  const n = i > 0 ? Number(process.argv[i + 1]) : 900;
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 4 }) });
  const p = await createMiniPrefecture(db);
  await createStandardCalendar(db);
  await createIssuedPlan(db, {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: n }, { countyId: p.countyB.id, sendOffCap: n }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: n }, { vocationalSchoolId: p.vocP.id, enrolCap: n }],
  });
  await allocate(db, 2020, p.schoolA.id, n);
  await allocate(db, 2020, p.schoolB.id, n);
  await approveImplementationPlans(db, { year: 2020, countyIds: [p.countyA.id, p.countyB.id], vocationalSchoolIds: [p.vocP.id], byUserId: p.users.prefecture.id });
  const password = "bench1234";
  const hash = hashSync(password);
  await db.user.updateMany({ where: { id: { in: Object.values(p.users).map((u) => u.id) } }, data: { passwordHash: hash } });
  const doc = await db.document.create({ data: { kind: "CONSENT_SCAN", fileName: "c.png", mimeType: "image/png", size: 1, sha256: "0", uploadedById: p.users.schoolA.id } });
  await db.$executeRaw`
    INSERT INTO "Application" (id, year, "countyId", "middleSchoolId", "className", "headTeacherName", "headTeacherPhone", "studentName", sex,
      "studentPhone", "addressCounty", "addressTownship", "addressVillage", "addressStreet", "studentNumber", "idNumber", "birthDate",
      "guardianName", "guardianRelation", "guardianPhone", "vocationalSchoolId", "eligibilityGround", "studentSigned", "guardianSigned",
      "consentDocumentId", status, "reviewDecision", "reviewDate", "reviewedById", "enteredById", "updatedAt")
    SELECT 'a' || lpad(i::text, 6, '0'), 2020, CASE WHEN i % 3 = 0 THEN ${p.countyB.id} ELSE ${p.countyA.id} END,
           CASE WHEN i % 3 = 0 THEN ${p.schoolB.id} ELSE ${p.schoolA.id} END, '初三(' || (i % 7 + 1) || ')班', '李老师', '13800000000',
           '学生' || i, CASE WHEN i % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END::"Sex", '13900000000', '楚雄市', '鹿城镇', '北浦社区', '北浦路',
           lpad(i::text, 14, '0'), '53' || lpad(i::text, 15, '0') || 'X', '2005-01-01', '王家长', 'OTHER', '13700000000',
           CASE WHEN i % 2 = 0 THEN ${p.vocA.id} ELSE ${p.vocP.id} END,
           'LEARNING_DIFFICULTY', true, true, ${doc.id}, 'APPROVED', true, '2020-04-28', ${p.users.schoolA.id}, ${p.users.schoolA.id}, now()
      FROM generate_series(1, ${n}) AS i`;
  const apps = await db.application.findMany({ select: { id: true, countyId: true, idNumber: true }, orderBy: { id: "asc" } });
  const sendOffApplicationIds: Record<string, string[]> = {};
  for (const a of apps) (sendOffApplicationIds[a.countyId] ??= []).push(a.id);
  const u = (role: string, user: { username: string }, countyId: string | null, middleSchoolId: string | null, vocationalSchoolId: string | null) =>
    ({ role, username: user.username, countyId, middleSchoolId, vocationalSchoolId });
  const users = [
    u("PREFECTURE", p.users.prefecture, null, null, null),
    u("COUNTY", p.users.countyA, p.countyA.id, null, null),
    u("COUNTY", p.users.countyB, p.countyB.id, null, null),
    u("MIDDLE_SCHOOL", p.users.schoolA, p.countyA.id, p.schoolA.id, null),
    u("MIDDLE_SCHOOL", p.users.schoolB, p.countyB.id, p.schoolB.id, null),
    u("VOCATIONAL_SCHOOL", p.users.vocA, p.countyA.id, null, p.vocA.id),
  ];
  await db.$disconnect();
  console.log(JSON.stringify({
    year: 2020, trainingDate: "2020-05-08", password, users, applications: apps.length, sendOffApplicationIds,
    sampleApplicationIds: apps.slice(0, 50).map((a) => a.id), sampleStudentIds: apps.slice(0, 50).map((a) => a.idNumber),
    seconds: (performance.now() - t0) / 1000,
  }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
