// Issue 14: retention computed from the data (= an independent SQL recount), credited counts per county,
// the assessment sign-off (scope, standard, frozen versions, audit) and the school's explanation.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture, createUser } from "../../../prisma/factories";
import { createApplicationRow } from "../../../prisma/factories/applications";
import { retentionBoard, schoolRetention, countyCredits } from "@/server/retention/read";
import { recordExplanation, signAssessment } from "@/server/retention/write";
import { reportFigures } from "@/server/filings/figures";

const SEP_20 = new Date("2020-09-20T02:00:00Z");
let p: Awaited<ReturnType<typeof createMiniPrefecture>>;

type Fate = "kept" | "exempt" | "noProof" | "dropout" | "corrected" | "reLeft" | "undecided";
async function student(vocationalSchoolId: string, middleSchoolId: string, fate: Fate) {
  const db = testDb();
  const ms = await db.middleSchool.findUniqueOrThrow({ where: { id: middleSchoolId }, include: { county: true } });
  const app = await createApplicationRow(db, { middleSchoolId, vocationalSchoolId, enteredById: p.users.schoolA.id, status: "APPROVED" });
  const left = fate === "exempt" || fate === "noProof" || fate === "dropout" || fate === "reLeft";
  const e = await db.enrolment.create({
    data: {
      applicationId: app.id, year: 2020, countyId: ms.countyId, middleSchoolId, vocationalSchoolId, sentOffAt: new Date("2020-05-08T02:00:00Z"), sentOffById: p.users.schoolA.id,
      arrivalStatus: "ARRIVED", arrivedOn: "2020-05-09", status: left ? "LEFT" : fate === "undecided" ? "ENROLLED" : "GRADUATED",
      registrationDecision: left || fate === "undecided" ? null : "REGISTERED", autumnRegistered: !left && fate !== "undecided",
    },
  });
  const ev = (data: Record<string, unknown>) => db.statusEvent.create({ data: { enrolmentId: e.id, recordedById: p.users.vocA.id, occurredOn: "2020-06-10", ...data } as never });
  if (fate === "exempt") await ev({ type: "LEFT_RETURN_MIDDLE_SCHOOL", exempt: true });
  if (fate === "noProof") await ev({ type: "LEFT_OTHER_HIGH_SCHOOL", exempt: false });
  if (fate === "dropout") await ev({ type: "LEFT_DROPOUT", exempt: false });
  if (fate === "corrected") await ev({ type: "LEFT_DROPOUT", exempt: false, revokedAt: new Date(), revokedById: p.users.vocA.id });
  // Left, recorded as a dropout on a later day, corrected, then recorded again as a return to the middle school on
  // an earlier day: the latest leave *not revoked* counts (exempt), not the latest of all.
  if (fate === "reLeft") {
    await ev({ type: "LEFT_DROPOUT", exempt: false, occurredOn: "2020-06-20", revokedAt: new Date(), revokedById: p.users.vocA.id });
    await ev({ type: "LEFT_RETURN_MIDDLE_SCHOOL", exempt: true, occurredOn: "2020-06-01" });
  }
  return { enrolmentId: e.id, countyId: ms.countyId, countyName: ms.county.name, countyOrder: ms.county.sortOrder, studentName: app.studentName };
}

async function roster(vocationalSchoolId: string, rows: Awaited<ReturnType<typeof student>>[]) {
  await testDb().rosterSubmission.create({ data: { vocationalSchoolId, year: 2020, version: 1, rows: rows as never, rowCount: rows.length, submittedById: p.users.vocA.id } });
}

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  // 州属 school vocP: 11 from county A, 5 from county B; 2 exempt (one after a corrected dropout), 1 without proof,
  // 1 dropout, 1 corrected leave.
  const fatesA: Fate[] = ["exempt", "noProof", "dropout", "corrected", "reLeft", "kept", "kept", "kept", "kept", "kept", "kept"];
  const fatesB: Fate[] = ["kept", "kept", "kept", "kept", "kept"];
  const rows = [
    ...(await Promise.all(fatesA.map((f) => student(p.vocP.id, p.schoolA.id, f)))),
    ...(await Promise.all(fatesB.map((f) => student(p.vocP.id, p.schoolB.id, f)))),
  ];
  // A leaver who left before the roster was confirmed is not on it and does not count.
  await student(p.vocP.id, p.schoolA.id, "dropout");
  await roster(p.vocP.id, rows);
  // County school vocA: 2 students, one not yet decided (live figure, not final).
  await roster(p.vocA.id, [await student(p.vocA.id, p.schoolA.id, "kept"), await student(p.vocA.id, p.schoolA.id, "undecided")]);
});

describe("retention from the data", () => {
  test("the figures equal an independent recount from the database", async () => {
    const f = await schoolRetention(testDb(), p.vocP.id, 2020);
    const [recount] = await testDb().$queryRaw<{ confirmed: number; exempt: number; lost: number; kept: number }[]>`
      WITH r AS (SELECT (x->>'enrolmentId') AS id FROM "RosterSubmission" s, jsonb_array_elements(s.rows) x
                  WHERE s."vocationalSchoolId" = ${p.vocP.id} AND s.year = 2020 AND s."supersededAt" IS NULL)
      SELECT count(*)::int AS confirmed,
             count(*) FILTER (WHERE e.status = 'LEFT' AND EXISTS (SELECT 1 FROM "StatusEvent" v WHERE v."enrolmentId" = e.id AND v."revokedAt" IS NULL AND v.exempt))::int AS exempt,
             count(*) FILTER (WHERE e.status = 'LEFT' AND NOT EXISTS (SELECT 1 FROM "StatusEvent" v WHERE v."enrolmentId" = e.id AND v."revokedAt" IS NULL AND v.exempt))::int AS lost,
             count(*) FILTER (WHERE e.status <> 'LEFT')::int AS kept
        FROM r JOIN "Enrolment" e ON e.id = r.id`;
    expect(recount).toEqual({ confirmed: 16, exempt: 2, lost: 2, kept: 12 });
    expect(f.retention).toMatchObject({ confirmed: recount.confirmed, exemptLeavers: recount.exempt, lostLeavers: recount.lost, numerator: recount.kept, denominator: recount.confirmed - recount.exempt });
    expect(f.retention.rate).toBeCloseTo(12 / 14);
    expect(f.retention.meetsTarget).toBe(false);
    expect(f.final).toBe(true);
    expect(f.exempt.map((l) => l.typeLabel)).toEqual(["回原初中就读", "回原初中就读"]);
    expect(f.lost.map((l) => l.typeLabel).sort()).toEqual(["到其他高中阶段学校就读", "辍学"].sort());
    // Below 95 %: each county credited at 95 %, rounded half up.
    expect(f.counties.map((c) => [c.countyName, c.students, c.basis, c.exact, c.credited])).toEqual([
      [p.countyA.name, 11, "FLOOR", 10.45, 10], [p.countyB.name, 5, "FLOOR", 4.75, 5],
    ]);
    const board = await retentionBoard(await actorFor(p.users.prefecture), 2020);
    expect(board.find((b) => b.schoolId === p.vocP.id)?.figure?.retention.numerator).toBe(12);
  });

  test("a county sees its credited count from the prefecture-level school", async () => {
    const credits = await countyCredits(await actorFor(p.users.countyA), 2020);
    expect(credits.find((c) => c.schoolId === p.vocP.id)?.credit).toMatchObject({ students: 11, credited: 10 });
  });

  test("the September report uses the same formula", async () => {
    const figures = await reportFigures(testDb(), 2020, { countyId: null, vocationalSchoolId: p.vocA.id } as never);
    expect(figures.retention).toBe(1); // 2 confirmed, no leavers: both still enrolled
  });

  test("no confirmed roster: a clear message, no figure", async () => {
    await expect(schoolRetention(testDb(), p.vocP.id, 2019)).rejects.toThrow(/没有已确认的在读学生名单/);
  });
});

describe("assessment sign-off", () => {
  test("outside the assessor's scope is not found; the county cannot assess a prefecture-level school", async () => {
    const input = { vocationalSchoolId: p.vocP.id, year: 2020, result: "FAIL" as const, comment: "未达标", method: "按 95%" };
    await expect(signAssessment(await actorFor(p.users.countyA), input, SEP_20)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(signAssessment(await actorFor(p.users.prefecture), { ...input, vocationalSchoolId: p.vocA.id }, SEP_20)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await testDb().retentionAssessment.count({ where: { vocationalSchoolId: { in: [p.vocA.id, p.vocP.id] } } })).toBe(0);
  });

  test("the prefecture cannot pass a school below 95 %; a live figure cannot be signed", async () => {
    const pref = await actorFor(p.users.prefecture);
    await expect(signAssessment(pref, { vocationalSchoolId: p.vocP.id, year: 2020, result: "PASS", comment: "好" }, SEP_20)).rejects.toThrow(/低于考核标准 95%/);
    await expect(signAssessment(await actorFor(p.users.countyA), { vocationalSchoolId: p.vocA.id, year: 2020, result: "PASS", comment: "好", method: "自定办法" }, SEP_20))
      .rejects.toThrow(/尚未最终确定/);
  });

  test("signed, frozen, corrected by a new version with a reason, audited", async () => {
    const pref = await actorFor(p.users.prefecture);
    const v1 = await signAssessment(pref, { vocationalSchoolId: p.vocP.id, year: 2020, result: "FAIL", comment: "巩固率低于 95%，约谈学校" }, SEP_20);
    expect(v1).toMatchObject({ version: 1, result: "FAIL", assessorCountyId: null });
    expect((v1.figures as { counties: unknown[] }).counties).toHaveLength(2);
    await expect(signAssessment(pref, { vocationalSchoolId: p.vocP.id, year: 2020, result: "FAIL", comment: "再签" }, SEP_20)).rejects.toThrow(/已签署，不能修改/);
    const v2 = await signAssessment(pref, { vocationalSchoolId: p.vocP.id, year: 2020, result: "FAIL", comment: "意见补充", reason: "补充约谈安排" }, SEP_20);
    expect(v2.version).toBe(2);
    expect((await testDb().retentionAssessment.findUniqueOrThrow({ where: { id: v1.id } })).supersededAt).not.toBeNull();
    expect(await testDb().auditLog.count({ where: { action: "retention.assess", entityId: p.vocP.id } })).toBe(2);
  });
});

describe("explanation below 95 %", () => {
  test("recorded for a school below 95 %, refused for one that meets it", async () => {
    const school = { ...(await actorFor(p.users.vocA)) };
    await expect(recordExplanation(school, { year: 2020, text: "学生家庭搬迁较多，已逐户家访" }, SEP_20)).rejects.toThrow(/无需说明原因/);
    const pSchoolUser = await createUser(testDb(), { role: "VOCATIONAL_SCHOOL", orgId: p.vocP.id });
    const row = await recordExplanation(await actorFor(pSchoolUser), { year: 2020, text: "两名学生外出务工，已多次家访劝返" }, SEP_20);
    expect(row.vocationalSchoolId).toBe(p.vocP.id);
    expect(await testDb().auditLog.count({ where: { action: "retention.explain", entityId: p.vocP.id } })).toBe(1);
  });
});
