// Issue 21: publicity visits (宣传期), follow-ups and home visits (稳定期/巩固期), the 流失风险 flag's
// lifecycle (raised → listed and in the inbox → cleared or the student leaves), scope and bad input.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, afterConstraintError, raceTest, testDb, waitForLockWait } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiddleSchool, createMiniPrefecture, createUser } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { createApplications, tinyPng } from "../../../prisma/factories/applications";
import { sendOff } from "@/server/send-off/send-off";
import { recordArrival } from "@/server/reception/reception";
import { correctEvent, recordLeave } from "@/server/student-status/write";
import { confirmVisit, listVisits, recordVisit, visitCoverage, voidVisit } from "@/server/fieldwork/visits";
import { clearRiskFlag, listOpenFlags, openFollowUp, recordFollowUp, studentFollowUps } from "@/server/fieldwork/follow-ups";
import { riskFlagInboxItems } from "@/server/fieldwork/inbox";
import { fieldworkBySchool } from "@/server/fieldwork/counts";
import { reportFigures } from "@/server/filings/figures";
import type { Actor } from "@/server/auth/load-actor";
import type { RecordFollowUpInput } from "@/lib/schemas/fieldwork";

const MAY_6 = new Date("2020-05-06T01:00:00Z");
const MAY_8 = new Date("2020-05-08T02:00:00Z");
const JUNE_20 = new Date("2020-06-20T02:00:00Z");
const SEP_20 = new Date("2020-09-20T02:00:00Z");
const png = () => ({ name: "宣传现场.png", bytes: new Uint8Array(tinyPng()) });

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let q: Awaited<ReturnType<typeof createMiniPrefecture>>;
const a: Record<string, Actor> = {};
let e: string[]; // schoolA → vocA, all arrived 2020-05-07
let eB: string; // schoolB (county B) → vocP
let schoolA2: string; // a second middle school of county A that nobody visits

const visit = (middleSchoolId: string, visitedOn = "2020-04-24") => ({
  middleSchoolId, visitedOn, people: "招生办 王老师、李老师", content: "介绍义务教育职教班专业设置和资助政策", studentsReached: 120, parentsReached: 35, files: [] as { name: string; bytes: Uint8Array }[],
});
const followUp = (enrolmentId: string, over: Partial<RecordFollowUpInput> = {}): RecordFollowUpInput => ({
  enrolmentId, kind: "HOME_VISIT", occurredOn: "2020-06-18", middleSchoolParticipants: "班主任 张老师", vocationalParticipants: "班主任 李老师",
  otherParticipants: "学生母亲", notes: "父亲外出务工，母亲希望孩子回家帮忙，学生本人想继续学习汽修。", risk: false, riskReason: "", ...over,
});

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  q = await createMiniPrefecture(testDb());
  schoolA2 = (await createMiddleSchool(testDb(), p.countyA.id)).id;
  await createStandardCalendar(testDb()); // 2020: 送读期 5月6日–5月14日, autumn registration completed 2020-09-15
  await createIssuedPlan(testDb(), {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: 50 }, { countyId: p.countyB.id, sendOffCap: 50 }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 50 }, { vocationalSchoolId: p.vocP.id, enrolCap: 50 }],
  });
  await approveImplementationPlans(testDb(), { year: 2020, countyIds: [p.countyA.id, p.countyB.id], vocationalSchoolIds: [p.vocP.id], byUserId: p.users.prefecture.id });
  await allocate(testDb(), 2020, p.schoolA.id, 20);
  await allocate(testDb(), 2020, p.schoolB.id, 20);
  for (const [k, u] of Object.entries(p.users)) a[k] = await actorFor(u);
  a.vocP = await actorFor(await createUser(testDb(), { role: "VOCATIONAL_SCHOOL", orgId: p.vocP.id }));
  a.otherPrefecture = await actorFor(q.users.prefecture);
  const ids = await createApplications(testDb(), { count: 4, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
  await sendOff(a.schoolA, { applicationIds: ids }, MAY_6);
  e = (await testDb().enrolment.findMany({ where: { applicationId: { in: ids } }, orderBy: { id: "asc" } })).map((x) => x.id);
  await recordArrival(a.vocA, { enrolmentIds: e, status: "ARRIVED", arrivedOn: "2020-05-07" }, MAY_8);
  const idsB = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolB.id, vocationalSchoolId: p.vocP.id, enteredById: p.users.schoolB.id });
  await sendOff(a.schoolB, { applicationIds: idsB }, MAY_6);
  eB = (await testDb().enrolment.findFirstOrThrow({ where: { applicationId: idsB[0] } })).id;
  await recordArrival(a.vocP, { enrolmentIds: [eB], status: "ARRIVED", arrivedOn: "2020-05-07" }, MAY_8);
});

describe("publicity visits (宣传期)", () => {
  test("a vocational school records a visit with a photo; the middle school confirms; scope follows the schools and their counties", async () => {
    const r = await recordVisit(a.vocA, { ...visit(p.schoolA.id), files: [png()] }, MAY_8);
    const files = await testDb().publicityVisitFile.findMany({ where: { visitId: r.visit.id }, include: { document: true } });
    expect(files).toHaveLength(1);
    expect(files[0].document).toMatchObject({ vocationalSchoolId: p.vocA.id, middleSchoolId: p.schoolA.id, countyId: p.countyA.id });
    await expectAudit("publicity.record", a.vocA, { type: "PublicityVisit", id: r.visit.id }, { visitedOn: "2020-04-24", studentsReached: 120, files: 1 });

    const seen = async (who: Actor) => (await listVisits(who, 2020)).some((v) => v.id === r.visit.id);
    expect(await Promise.all([a.vocA, a.schoolA, a.countyA, a.prefecture].map(seen))).toEqual([true, true, true, true]);
    expect(await Promise.all([a.vocP, a.schoolB, a.countyB, a.otherPrefecture].map(seen))).toEqual([false, false, false, false]);

    await expect(confirmVisit(a.schoolB, { visitId: r.visit.id }, MAY_8)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const ok = await confirmVisit(a.schoolA, { visitId: r.visit.id }, MAY_8);
    expect(ok.confirmedAt).not.toBeNull();
    await expectAudit("publicity.confirm", a.schoolA, { type: "PublicityVisit", id: r.visit.id }, { visitedOn: "2020-04-24" });
  });

  test("a county-level 职中 may visit another county's school (decision 060): the host county sees it, marked", async () => {
    const r = await recordVisit(a.vocA, visit(p.schoolB.id, "2020-04-27"), MAY_8);
    const row = (await listVisits(a.countyB, 2020)).find((v) => v.id === r.visit.id);
    expect(row).toMatchObject({ otherCounty: true, vocationalSchoolName: p.vocA.name });
  });

  test("bad input is refused in Chinese and nothing is stored", async () => {
    const before = await testDb().publicityVisit.count();
    await expect(recordVisit(a.vocA, visit(p.schoolA.id, "2019-12-20"), MAY_8)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/不在2020年度内/) });
    await expect(recordVisit(a.vocA, visit(p.schoolA.id, "2020-05-20"), JUNE_20)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/晚于2020年送读期结束（2020年5月14日）/) });
    await expect(recordVisit(a.vocA, visit(p.schoolA.id, "2020-05-09"), MAY_8)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/不能晚于今天/) });
    await expect(recordVisit(a.vocA, visit(q.schoolA.id), MAY_8)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await testDb().publicityVisit.count()).toBe(before);
  });

  test("the county sees which of its middle schools nobody visited; a voided visit does not count", async () => {
    const cover = async () => Object.fromEntries((await visitCoverage(a.countyA, 2020)).map((s) => [s.id, s.visits]));
    expect(await cover()).toMatchObject({ [p.schoolA.id]: 1, [schoolA2]: 0 });
    const wrong = await recordVisit(a.vocA, visit(schoolA2, "2020-04-28"), MAY_8);
    expect((await cover())[schoolA2]).toBe(1);
    await expect(voidVisit(a.vocP, { visitId: wrong.visit.id, reason: "登记错学校" }, MAY_8)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await voidVisit(a.vocA, { visitId: wrong.visit.id, reason: "登记错学校" }, MAY_8);
    expect((await cover())[schoolA2]).toBe(0);
    expect((await visitCoverage(a.countyA, 2020)).map((s) => s.id)).not.toContain(p.schoolB.id);
  });
});

describe("follow-ups: scope and sensitive notes", () => {
  test("the schools involved, their county and the prefecture see a follow-up; lists never carry the notes; opening them is audited", async () => {
    const r = await recordFollowUp(a.schoolA, followUp(e[0], { kind: "STUDY_CHECK" }), JUNE_20);
    await expectAudit("followUp.record", a.schoolA, { type: "Enrolment", id: e[0] }, { kind: "学习情况了解", occurredOn: "2020-06-18", riskFlag: null });
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "followUp.record", entityId: e[0] }, orderBy: { id: "desc" } });
    expect(JSON.stringify(audit.summary)).not.toContain("父亲外出务工");

    for (const who of [a.schoolA, a.vocA, a.countyA, a.prefecture]) {
      const list = await studentFollowUps(who, e[0]);
      expect(list.followUps.map((f) => f.id)).toContain(r.followUp.id);
      expect(JSON.stringify(list)).not.toContain("父亲外出务工");
    }
    for (const who of [a.schoolB, a.vocP, a.countyB, a.otherPrefecture]) {
      expect((await studentFollowUps(who, e[0])).followUps).toEqual([]);
      await expect(openFollowUp(who, r.followUp.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(recordFollowUp(who.role === "COUNTY" || who.role === "PREFECTURE" ? a.schoolB : who, followUp(e[0]), JUNE_20)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const opened = await openFollowUp(a.vocA, r.followUp.id);
    expect(opened.notes).toContain("父亲外出务工");
    await expectAudit("followUp.open", a.vocA, { type: "FollowUp", id: r.followUp.id }, { enrolmentId: e[0] });
  });

  test("dates outside the student's programme year are refused and nothing is stored", async () => {
    const before = await testDb().followUp.count({ where: { enrolmentId: e[0] } });
    await expect(recordFollowUp(a.vocA, followUp(e[0], { occurredOn: "2020-05-01" }), JUNE_20)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/早于学生到职业学校就读（2020年5月7日）/) });
    await expect(recordFollowUp(a.vocA, followUp(e[0], { occurredOn: "2020-09-16" }), SEP_20)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/晚于2020年度巩固期结束（2020年9月15日）/) });
    await expect(recordFollowUp(a.vocA, followUp(e[0], { occurredOn: "2020-06-21" }), JUNE_20)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/不能晚于今天/) });
    expect(await testDb().followUp.count({ where: { enrolmentId: e[0] } })).toBe(before);
  });
});

describe("the 流失风险 flag: raised → listed and in the inbox → cleared, or the student leaves", () => {
  const inboxHrefs = async (who: Actor) => (await riskFlagInboxItems(who, JUNE_20)).map((i) => i.href);

  test("raised by a home visit of the middle school, it shows for both schools and the county, not elsewhere; cleared with a reason it goes", async () => {
    const r = await recordFollowUp(a.schoolA, followUp(e[1], { risk: true, riskReason: "家长要求回家务农" }), JUNE_20);
    expect(r.flag).not.toBeNull();
    for (const who of [a.schoolA, a.vocA, a.countyA]) {
      expect(await inboxHrefs(who)).toContain(`/students/${e[1]}`);
      expect((await listOpenFlags(who)).map((f) => f.enrolmentId)).toContain(e[1]);
    }
    const [item] = (await riskFlagInboxItems(a.vocA, JUNE_20)).filter((i) => i.href === `/students/${e[1]}`);
    expect(item).toMatchObject({ source: "riskFlag", title: expect.stringMatching(/^流失风险：.+（.+），已标记 2 天/) });
    for (const who of [a.schoolB, a.vocP, a.countyB, a.otherPrefecture]) expect(await inboxHrefs(who)).not.toContain(`/students/${e[1]}`);
    expect(await riskFlagInboxItems(a.prefecture, JUNE_20)).toEqual([]);
    expect((await listOpenFlags(a.prefecture)).map((f) => f.enrolmentId)).toContain(e[1]);

    // A second flagged follow-up while the flag is open keeps the one flag.
    const again = await recordFollowUp(a.vocA, followUp(e[1], { kind: "PHONE", occurredOn: "2020-06-19", risk: true, riskReason: "仍未返校" }), JUNE_20);
    expect(again).toMatchObject({ flag: null, alreadyFlagged: true });
    expect(await testDb().riskFlag.count({ where: { enrolmentId: e[1] } })).toBe(1);

    await expect(clearRiskFlag(a.schoolB, { flagId: r.flag!.id, reason: "已返校" }, JUNE_20)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await clearRiskFlag(a.vocA, { flagId: r.flag!.id, reason: "学生已返校，家长同意继续就读" }, JUNE_20);
    await expectAudit("riskFlag.clear", a.vocA, { type: "Enrolment", id: e[1] }, { flagId: r.flag!.id, reason: "学生已返校，家长同意继续就读" });
    for (const who of [a.schoolA, a.vocA, a.countyA]) expect(await inboxHrefs(who)).not.toContain(`/students/${e[1]}`);
    await expect(clearRiskFlag(a.schoolA, { flagId: r.flag!.id, reason: "重复" }, JUNE_20)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await studentFollowUps(a.countyA, e[1])).flags[0]).toMatchObject({ state: "CLEARED", clearReason: "学生已返校，家长同意继续就读" });

    // A new risk later raises a new flag.
    const later = await recordFollowUp(a.vocA, followUp(e[1], { occurredOn: "2020-06-20", risk: true, riskReason: "再次旷课" }), JUNE_20);
    expect(later.flag).not.toBeNull();
  });

  test("a leaver is no longer listed; correcting the leave brings the flag back; no follow-up is recorded for a leaver", async () => {
    await recordFollowUp(a.schoolA, followUp(e[2], { risk: true, riskReason: "连续旷课一周" }), JUNE_20);
    expect(await inboxHrefs(a.vocA)).toContain(`/students/${e[2]}`);
    const leave = await recordLeave(a.vocA, { enrolmentId: e[2], type: "LEFT_DROPOUT", occurredOn: "2020-06-19" }, JUNE_20);
    for (const who of [a.schoolA, a.vocA, a.countyA]) expect(await inboxHrefs(who)).not.toContain(`/students/${e[2]}`);
    expect((await studentFollowUps(a.vocA, e[2])).flags[0].state).toBe("LEFT");
    await expect(recordFollowUp(a.schoolA, followUp(e[2]), JUNE_20)).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/已登记离校，不再登记跟踪回访/) });
    await correctEvent(a.vocA, { eventId: leave.id, reason: "登记错了学生" }, JUNE_20);
    expect(await inboxHrefs(a.vocA)).toContain(`/students/${e[2]}`);
  });
});

describe("counts feed the September report and the county's list", () => {
  test("county A's and vocA's report figures count live visits and the follow-ups of their students", async () => {
    const county = await reportFigures(testDb(), 2020, { countyId: p.countyA.id, vocationalSchoolId: null });
    // visits to county A's schools: schoolA (1 live), schoolA2 (voided) → 1 visit, 1 school of 2.
    // follow-ups of county A's students: e0 ×1, e1 ×3, e2 ×1 = 5; home visits 4; flags raised 3.
    expect(county.fieldwork).toEqual({ publicityVisits: 1, visitedMiddleSchools: 1, middleSchools: 2, followUps: 5, homeVisits: 3, riskFlagsRaised: 3 });
    const school = await reportFigures(testDb(), 2020, { countyId: null, vocationalSchoolId: p.vocA.id });
    expect(school.fieldwork).toMatchObject({ publicityVisits: 2, visitedMiddleSchools: 2, middleSchools: null, followUps: 5 });
    const rows = await fieldworkBySchool(a.countyA, 2020);
    expect(rows.middle.find((m) => m.id === p.schoolA.id)).toMatchObject({ visitsReceived: 1, confirmed: 1, followUpsBySchool: 3, followUpsByVocational: 2, openFlags: 2 });
    expect(rows.vocational.find((v) => v.id === p.vocA.id)).toMatchObject({ visitsMade: 1, followUpsByVocational: 2 });
  });
});

describe("one open flag per student, also when both schools flag at the same moment", () => {
  raceTest("two simultaneous flagged follow-ups wait on the student's row lock: both are recorded, one flag", async () => {
    // Another transaction holds the student's row; both calls must queue behind it (proved through
    // pg_stat_activity, not by timing), then run one after the other.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = testDb().$transaction(async (tx) => {
      // NO KEY UPDATE: blocks the code's FOR UPDATE, not the foreign-key checks of the inserts.
      await tx.$queryRaw`SELECT id FROM "Enrolment" WHERE id = ${e[3]} FOR NO KEY UPDATE`;
      locked();
      await new Promise<void>((r) => (release = r));
    }, { timeout: 30_000 });
    await isLocked;
    const both = Promise.all([
      recordFollowUp(a.schoolA, followUp(e[3], { kind: "PHONE", risk: true, riskReason: "家长来电说想让孩子回家" }), JUNE_20),
      recordFollowUp(a.vocA, followUp(e[3], { kind: "PHONE", risk: true, riskReason: "连续三天未到校" }), JUNE_20),
    ]);
    const waited = await waitForLockWait("%FOR UPDATE%", both).finally(() => release());
    await holder;
    expect(waited, "the follow-ups queue behind the student's row lock").toBe(true);
    const [m, v] = await both;
    expect([m.alreadyFlagged, v.alreadyFlagged].sort()).toEqual([false, true]);
    expect(await testDb().riskFlag.count({ where: { enrolmentId: e[3] } })).toBe(1);
    expect(await testDb().followUp.count({ where: { enrolmentId: e[3] } })).toBe(2);
  });

  test("the database itself refuses a second open flag for a student (partial unique index)", async () => {
    const f = await testDb().followUp.create({ data: { enrolmentId: e[3], kind: "OTHER", occurredOn: "2020-06-19", recorderRole: "MIDDLE_SCHOOL", notes: "直接写入", recordedById: p.users.schoolA.id } });
    await expect(testDb().riskFlag.create({ data: { enrolmentId: e[3], followUpId: f.id, reason: "第二个标记", raisedOn: "2020-06-19", raisedById: p.users.schoolA.id } })).rejects.toThrow();
    await afterConstraintError();
    expect(await testDb().riskFlag.count({ where: { enrolmentId: e[3], clearedAt: null } })).toBe(1);
  });
});
