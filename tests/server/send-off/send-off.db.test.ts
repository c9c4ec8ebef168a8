import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, dbKind, raceTest, testDb } from "../../support/db";
import { createMiniPrefecture, createMiddleSchool, createUser } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createApplications } from "../../../prisma/factories/applications";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { sendOff } from "@/server/send-off/send-off";
import { AppError } from "@/server/errors";
import { withdrawApplication } from "@/server/applications/write";
import { changeChosenSchool } from "@/server/applications/change-school";

const IN_WINDOW = new Date("2020-05-08T02:00:00Z"); // 10:00 Beijing, Friday of 送读期 2020-05-06..14
const AFTER_WINDOW = new Date("2020-05-14T16:00:00Z"); // 00:00 Beijing May 15

type Mini = Awaited<ReturnType<typeof createMiniPrefecture>>;

/** A fresh mini prefecture with an issued 2020 plan. Plans are per year and global, so each suite re-issues. */
async function setup(caps: { county: number; allocation: number; voc: number; vocP?: number }) {
  const p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb());
  await createIssuedPlan(testDb(), {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: caps.county }, { countyId: p.countyB.id, sendOffCap: caps.county }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: caps.voc }, { vocationalSchoolId: p.vocP.id, enrolCap: caps.vocP ?? caps.voc }],
  });
  await allocate(testDb(), 2020, p.schoolA.id, caps.allocation);
  await allocate(testDb(), 2020, p.schoolB.id, caps.allocation);
  await approveImplementationPlans(testDb(), { year: 2020, countyIds: [p.countyA.id, p.countyB.id], vocationalSchoolIds: [p.vocP.id], byUserId: p.users.prefecture.id });
  return p;
}

const apps = (p: Mini, count: number, extra: Partial<Parameters<typeof createApplications>[1]> = {}) =>
  createApplications(testDb(), { count, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, ...extra });

describe("send-off rules", () => {
  let p: Mini;
  beforeAll(async () => { p = await setup({ county: 1000, allocation: 1000, voc: 1000 }); });

  test("a middle school sends off an approved student; the enrolment and audit are written", async () => {
    const [id] = await apps(p, 1);
    const r = await sendOff(await actorFor(p.users.schoolA), { applicationIds: [id] }, IN_WINDOW);
    expect(r.sent).toBe(1);
    const e = await testDb().enrolment.findUniqueOrThrow({ where: { applicationId: id } });
    expect(e).toMatchObject({ countyId: p.countyA.id, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, arrivalStatus: "PENDING" });
    expect((await testDb().application.findUniqueOrThrow({ where: { id } })).status).toBe("SENT_OFF");
    expect(await testDb().auditLog.count({ where: { action: "sendOff.execute", entityId: id } })).toBe(1);
  });

  test("refused outside 送读期, naming the window", async () => {
    const [id] = await apps(p, 1);
    await expect(sendOff(await actorFor(p.users.schoolA), { applicationIds: [id] }, AFTER_WINDOW)).rejects.toThrow(
      "送读期为 2020年5月6日至2020年5月14日，当前不在送读期，不能送读",
    );
    expect(await testDb().enrolment.count({ where: { applicationId: id } })).toBe(0);
  });

  test("refused for 不同意, unsigned and unreviewed applications, and twice for the same student", async () => {
    const actor = await actorFor(p.users.schoolA);
    for (const status of ["REJECTED", "DRAFT", "SIGNED"] as const) {
      const [id] = await apps(p, 1, { status });
      await expect(sendOff(actor, { applicationIds: [id] }, IN_WINDOW)).rejects.toThrow(/尚未经初中学校审核同意/);
    }
    const [id] = await apps(p, 1);
    await sendOff(actor, { applicationIds: [id] }, IN_WINDOW);
    await expect(sendOff(actor, { applicationIds: [id] }, IN_WINDOW)).rejects.toThrow(/已经送读/);
  });

  test("scope: the county sends its own county's students; another county's are not found; schools of other roles may not", async () => {
    const [id] = await apps(p, 1);
    await expect(sendOff(await actorFor(p.users.countyB), { applicationIds: [id] }, IN_WINDOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sendOff(await actorFor(p.users.schoolB), { applicationIds: [id] }, IN_WINDOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sendOff(await actorFor(p.users.vocA), { applicationIds: [id] }, IN_WINDOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sendOff(await actorFor(p.users.countyA), { applicationIds: [id] }, IN_WINDOW)).resolves.toMatchObject({ sent: 1 });
  });
});

describe("caps", () => {
  test("county cap: a batch that would pass S is refused as a whole, with the numbers", async () => {
    const p = await setup({ county: 3, allocation: 10, voc: 10 });
    const ids = await apps(p, 4);
    const actor = await actorFor(p.users.countyA);
    await expect(sendOff(actor, { applicationIds: ids }, IN_WINDOW)).rejects.toThrow(/计划 3 人，已送读 0 人，剩余 3 个名额，本次选择 4 人/);
    expect(await testDb().enrolment.count({ where: { countyId: p.countyA.id } })).toBe(0);
    const r = await sendOff(actor, { applicationIds: ids.slice(0, 3) }, IN_WINDOW);
    expect(r.remaining.county).toBe(0);
    await expect(sendOff(actor, { applicationIds: [ids[3]] }, IN_WINDOW)).rejects.toMatchObject({ code: "CAP_EXCEEDED" });
  });

  test("middle-school allocation, and a school without allocation", async () => {
    const p = await setup({ county: 10, allocation: 2, voc: 10 });
    const ids = await apps(p, 3);
    const actor = await actorFor(p.users.schoolA);
    await expect(sendOff(actor, { applicationIds: ids }, IN_WINDOW)).rejects.toThrow(/分配 2 人，已送读 0 人，剩余 2 个名额，本次选择 3 人/);
    const unallocated = await createMiddleSchool(testDb(), p.countyA.id);
    const user = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: unallocated.id });
    const [id] = await createApplications(testDb(), { count: 1, middleSchoolId: unallocated.id, vocationalSchoolId: p.vocA.id, enteredById: user.id });
    await expect(sendOff(await actorFor(user), { applicationIds: [id] }, IN_WINDOW)).rejects.toThrow(/尚未给.*分配送读名额/);
  });

  test("vocational-school cap E", async () => {
    const p = await setup({ county: 10, allocation: 10, voc: 2 });
    const ids = await apps(p, 3);
    await expect(sendOff(await actorFor(p.users.schoolA), { applicationIds: ids }, IN_WINDOW)).rejects.toThrow(/招生计划：计划 2 人，已招收 0 人/);
  });

  test("no issued plan → refused", async () => {
    const p = await createMiniPrefecture(testDb());
    await createStandardCalendar(testDb(), 2021, "2021-05-05");
    const [id] = await createApplications(testDb(), { count: 1, year: 2021, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    await expect(sendOff(await actorFor(p.users.schoolA), { applicationIds: [id] }, new Date("2021-05-07T02:00:00Z"))).rejects.toThrow(/2021年送读招生计划尚未下达/);
  });
});

describe(`concurrency (database: ${dbKind()})`, () => {
  async function race(capKind: "county" | "voc") {
    const p = capKind === "county" ? await setup({ county: 100, allocation: 1000, voc: 1000 }) : await setup({ county: 1000, allocation: 1000, voc: 100 });
    const ids = await apps(p, 500);
    const actor = await actorFor(p.users.countyA);
    const results = await Promise.allSettled(ids.map((id) => sendOff(actor, { applicationIds: [id] }, IN_WINDOW)));
    const accepted = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter((r) => r.status === "rejected" && r.reason instanceof AppError && r.reason.code === "CAP_EXCEEDED").length;
    const errors = results.filter((r) => r.status === "rejected" && !(r.reason instanceof AppError && r.reason.code === "CAP_EXCEEDED"));
    console.log(`[concurrency ${capKind} cap, ${dbKind()}] accepted=${accepted} refused=${refused} errors=${errors.length}`);
    if (errors.length) console.error(errors.slice(0, 3));
    expect({ accepted, refused, errors: errors.length }).toEqual({ accepted: 100, refused: 400, errors: 0 });
    const where = capKind === "county" ? { countyId: p.countyA.id } : { vocationalSchoolId: p.vocA.id };
    expect(await testDb().enrolment.count({ where })).toBe(100);
  }
  // One school, one county, one vocational school: all three keys are shared here. Each key alone is
  // proven in locks.db.test.ts.
  raceTest("500 concurrent send-offs at a county cap of 100 → exactly 100 accepted", () => race("county"), 180_000);
  raceTest("500 concurrent send-offs at a vocational-school cap of 100 → exactly 100 accepted", () => race("voc"), 180_000);
});

describe(`send-off racing a withdrawal or a change of school (database: ${dbKind()})`, () => {
  const PNG = { name: "c.png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) };
  raceTest("a student is never both withdrawn and sent off, nor enrolled at a school other than the one chosen", async () => {
    const p = await setup({ county: 1000, allocation: 1000, voc: 1000 });
    const ids = await apps(p, 40);
    const school = await actorFor(p.users.schoolA);
    // The send-off is quicker to its row lock: start it 0–14 ms late in some pairs, so that each kind of
    // call wins some of them (the test proves nothing if one kind always loses).
    const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const results = await Promise.allSettled(ids.flatMap((id, i) => {
      const send = () => later(i % 4 < 2 ? 0 : 2 * (i % 8)).then(() => sendOff(school, { applicationIds: [id] }, IN_WINDOW)).then(() => "sendOff" as const);
      const other = () => i % 2 === 0
        ? withdrawApplication(school, { id, reason: "家长决定不再送读" }, IN_WINDOW).then(() => "withdraw" as const)
        : changeChosenSchool(school, { id, toVocationalSchoolId: p.vocP.id, file: PNG }, IN_WINDOW).then(() => "changeSchool" as const);
      return i % 4 < 2 ? [send(), other()] : [other(), send()];
    }));
    const won = (kind: string) => results.filter((r) => r.status === "fulfilled" && r.value === kind).length;
    const failures = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    console.log(`[race send-off/withdraw/change] sendOff=${won("sendOff")} withdraw=${won("withdraw")} changeSchool=${won("changeSchool")} refused=${failures.length}`);
    // Not vacuous: every kind of call succeeded at least once, and every refusal is a domain refusal.
    expect(won("sendOff")).toBeGreaterThan(0);
    expect(won("withdraw")).toBeGreaterThan(0);
    expect(won("changeSchool")).toBeGreaterThan(0);
    for (const f of failures) expect(f).toBeInstanceOf(AppError);
    for (const id of ids) {
      const a = await testDb().application.findUniqueOrThrow({ where: { id }, include: { enrolment: true } });
      if (a.status === "SENT_OFF") {
        expect(a.enrolment).not.toBeNull();
        expect(a.enrolment!.vocationalSchoolId).toBe(a.vocationalSchoolId);
      } else {
        expect(a.enrolment).toBeNull();
      }
      expect(a.status === "WITHDRAWN" && a.enrolment !== null).toBe(false);
    }
  }, 60_000);
});

