// Issue 14 item 6 (decision 026): the county records aid to its students and subsidies to schools in fen;
// bad amounts never reach the database; the summary equals an independent recount; voids keep the row.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, afterConstraintError, testDb } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiniPrefecture, createVocationalSchool } from "../../../prisma/factories";
import { createApplicationRow } from "../../../prisma/factories/applications";
import { recordSchoolSubsidy, recordStudentAid, voidAid } from "@/server/aid/write";
import { aidOf, aidSummary } from "@/server/aid/read";
import type { Actor } from "@/server/auth/load-actor";

const JULY_10 = new Date("2020-07-10T02:00:00Z");
let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let countyA: Actor, countyB: Actor, prefecture: Actor, voc: Actor, ms: Actor;
const YEAR = 2027; // a year of its own: the summary is compared with a recount over the whole year

async function student(middleSchoolId: string, vocationalSchoolId: string, arrived = true) {
  const db = testDb();
  const school = await db.middleSchool.findUniqueOrThrow({ where: { id: middleSchoolId } });
  const app = await createApplicationRow(db, { middleSchoolId, vocationalSchoolId, enteredById: p.users.schoolA.id, status: "APPROVED" });
  const e = await db.enrolment.create({
    data: {
      applicationId: app.id, year: YEAR, countyId: school.countyId, middleSchoolId, vocationalSchoolId, sentOffAt: new Date("2020-05-08T02:00:00Z"),
      sentOffById: p.users.schoolA.id, arrivalStatus: arrived ? "ARRIVED" : "NOT_ARRIVED", arrivedOn: arrived ? "2020-05-09" : null,
    },
  });
  return e.id;
}
const code = (x: Promise<unknown>) => x.then(() => "OK", (e: { code?: string }) => e.code ?? String(e));

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  [countyA, countyB, prefecture, voc, ms] = await Promise.all([p.users.countyA, p.users.countyB, p.users.prefecture, p.users.vocA, p.users.schoolA].map((u) => actorFor(u)));
});

describe("payments to students", () => {
  test("the county records a payment in fen for its own student, audited in yuan", async () => {
    const id = await student(p.schoolA.id, p.vocA.id);
    const row = await recordStudentAid(countyA, { enrolmentId: id, kind: "LIVING", amount: 62550, period: "2027年春季学期", paidOn: "2020-07-01" }, JULY_10);
    expect(row).toMatchObject({ amountFen: 62550, countyId: p.countyA.id, kind: "LIVING" });
    await expectAudit("aid.student", countyA, { type: "Enrolment", id }, { kind: "生活费补助", yuan: "625.50", period: "2027年春季学期" });
  });

  test("another county's student is not found; a student who never arrived and a future date are refused; nothing stored", async () => {
    const other = await student(p.schoolB.id, p.vocA.id);
    const notArrived = await student(p.schoolA.id, p.vocA.id, false);
    const mine = await student(p.schoolA.id, p.vocA.id);
    const input = { kind: "TRANSPORT" as const, amount: 20000, period: "2027年春季学期", paidOn: "2020-07-01" };
    expect(await code(recordStudentAid(countyA, { ...input, enrolmentId: other }, JULY_10))).toBe("NOT_FOUND");
    await expect(recordStudentAid(countyA, { ...input, enrolmentId: notArrived }, JULY_10)).rejects.toThrow(/没有到职业学校报到/);
    await expect(recordStudentAid(countyA, { ...input, enrolmentId: mine, paidOn: "2020-07-11" }, JULY_10)).rejects.toThrow(/不能晚于今天/);
    expect(await testDb().studentAid.count({ where: { enrolmentId: { in: [other, notArrived, mine] } } })).toBe(0);
  });

  test("the database refuses a negative or zero amount even if the form were bypassed", async () => {
    const id = await student(p.schoolA.id, p.vocA.id);
    const data = { enrolmentId: id, countyId: p.countyA.id, kind: "LIVING" as const, period: "x", paidOn: "2020-07-01", recordedById: p.users.countyA.id };
    await expect(testDb().studentAid.create({ data: { ...data, amountFen: -100 } })).rejects.toThrow(/StudentAid_amount_check|check constraint/i);
    await afterConstraintError();
    await expect(testDb().studentAid.create({ data: { ...data, amountFen: 0 } })).rejects.toThrow(/StudentAid_amount_check|check constraint/i);
    await afterConstraintError();
  });

  test("a void keeps the row with its reason, leaves the totals, and cannot be repeated; another county cannot void it", async () => {
    const id = await student(p.schoolA.id, p.vocA.id);
    const row = await recordStudentAid(countyA, { enrolmentId: id, kind: "COMPULSORY_AID", amount: 62500, period: "2027年春季学期", paidOn: "2020-07-01" }, JULY_10);
    expect(await code(voidAid(countyB, { id: row.id, target: "STUDENT", reason: "录错" }, JULY_10))).toBe("NOT_FOUND");
    await voidAid(countyA, { id: row.id, target: "STUDENT", reason: "金额录错" }, JULY_10);
    expect(await code(voidAid(countyA, { id: row.id, target: "STUDENT", reason: "金额录错" }, JULY_10))).toBe("CONFLICT");
    const rows = await aidOf(voc, id);
    expect(rows.map((r) => [r.amountFen, r.voidReason])).toEqual([[62500, "金额录错"]]);
    await expectAudit("aid.void", countyA, { type: "StudentAid", id: row.id }, { yuan: "625.00", reason: "金额录错" });
  });
});

describe("subsidies to schools and the county summary", () => {
  test("a county subsidises its own 职中 or a prefecture school teaching its students, not another county's school", async () => {
    const otherCountySchool = await createVocationalSchool(testDb(), p.prefecture.id, { countyId: p.countyB.id });
    const input = { year: YEAR, amount: 5000000, purpose: "职教班办学补助", paidOn: "2020-07-01" };
    expect(await code(recordSchoolSubsidy(countyA, { ...input, vocationalSchoolId: otherCountySchool.id }, JULY_10))).toBe("NOT_FOUND");
    // vocP (州属) has no student from county A in this test yet → not found; with one → allowed.
    const freshP = await createVocationalSchool(testDb(), p.prefecture.id, { countyId: null });
    expect(await code(recordSchoolSubsidy(countyA, { ...input, vocationalSchoolId: freshP.id }, JULY_10))).toBe("NOT_FOUND");
    await student(p.schoolA.id, freshP.id);
    const row = await recordSchoolSubsidy(countyA, { ...input, vocationalSchoolId: freshP.id }, JULY_10);
    expect(row.amountFen).toBe(5000000);
    await recordSchoolSubsidy(countyA, { ...input, vocationalSchoolId: p.vocA.id, amount: 1234567 }, JULY_10);
    await expectAudit("aid.school", countyA, { type: "VocationalSchool", id: p.vocA.id }, { yuan: "12,345.67" });
  });

  test("the summary equals an independent recount from the database, per county and in total", async () => {
    const b = await student(p.schoolB.id, p.vocP.id);
    await recordStudentAid(countyB, { enrolmentId: b, kind: "TRANSPORT", amount: 30001, period: "2027年春季学期", paidOn: "2020-07-01" }, JULY_10);
    const s = await aidSummary(prefecture, YEAR);
    const recount = await testDb().$queryRaw<{ countyId: string; kind: string; fen: number; students: number }[]>`
      SELECT a."countyId", a.kind::text AS kind, sum(a."amountFen")::int AS fen, count(DISTINCT a."enrolmentId")::int AS students
        FROM "StudentAid" a JOIN "Enrolment" e ON e.id = a."enrolmentId"
       WHERE e.year = ${YEAR} AND a."voidedAt" IS NULL GROUP BY a."countyId", a.kind`;
    const schools = await testDb().$queryRaw<{ countyId: string; fen: number }[]>`
      SELECT "countyId", sum("amountFen")::int AS fen FROM "SchoolSubsidy" WHERE year = ${YEAR} AND "voidedAt" IS NULL GROUP BY "countyId"`;
    for (const c of [p.countyA, p.countyB]) {
      const row = s.counties.find((x) => x.countyId === c.id)!;
      for (const kind of ["COMPULSORY_AID", "LIVING", "TRANSPORT"] as const) {
        expect(row[kind], `${c.name} ${kind}`).toBe(recount.find((r) => r.countyId === c.id && r.kind === kind)?.fen ?? 0);
      }
      expect(row.schools).toBe(schools.find((r) => r.countyId === c.id)?.fen ?? 0);
      expect(row.total).toBe(row.studentTotal + row.schools);
    }
    expect(s.counties.find((x) => x.countyId === p.countyA.id)).toMatchObject({ LIVING: 62550, COMPULSORY_AID: 0, schools: 6234567 });
    expect(s.counties.find((x) => x.countyId === p.countyB.id)).toMatchObject({ TRANSPORT: 30001, students: 1 });
    // A county sees only its own row; a middle school only its students' aid.
    expect((await aidSummary(countyB, YEAR)).counties.map((c) => c.countyId)).toEqual([p.countyB.id]);
    expect((await aidSummary(ms, YEAR)).sum.TRANSPORT).toBe(0);
  });
});
