// Each CapLock key of a send-off (county, middle school, vocational school) proven by a race that only that
// key can serialise: the competing calls share that key and no other. Removing the key from the
// lockCaps() call in src/server/send-off/send-off.ts (or src/server/plan/allocation.ts) fails its test.
import { describe, expect } from "vitest";
import { actorFor, dbKind, raceTest, testDb, waitForLockWait } from "../../support/db";
import { createMiddleSchool, createMiniPrefecture, createUser } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createApplications } from "../../../prisma/factories/applications";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { sendOff } from "@/server/send-off/send-off";
import { saveAllocations } from "@/server/plan/allocation";
import { discardDraft, issueVersion, saveDraft } from "@/server/plan/write";
import { getIssuedPlan } from "@/server/plan/read";
import { AppError } from "@/server/errors";

const IN_WINDOW = new Date("2020-05-08T02:00:00Z"); // 10:00 Beijing, in 送读期 2020-05-06..14

async function world(caps: { countyA: number; countyB: number; vocA: number; vocP: number; allocation: number }) {
  const p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb());
  const schoolA2 = await createMiddleSchool(testDb(), p.countyA.id);
  await createIssuedPlan(testDb(), {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: caps.countyA }, { countyId: p.countyB.id, sendOffCap: caps.countyB }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: caps.vocA }, { vocationalSchoolId: p.vocP.id, enrolCap: caps.vocP }],
  });
  // Send-off needs an approved 实施方案 (filings gate); this test is about something else.
  await approveImplementationPlans(testDb(), { year: 2020, countyIds: [p.countyA.id, p.countyB.id], vocationalSchoolIds: [p.vocP.id], byUserId: p.users.prefecture.id });
  for (const s of [p.schoolA, p.schoolB, schoolA2]) await allocate(testDb(), 2020, s.id, caps.allocation);
  const userA2 = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: schoolA2.id });
  return { ...p, schoolA2, userA2 };
}

/** Fires every send-off at once (one student each) and counts the outcomes. */
async function fire(calls: (() => Promise<unknown>)[]) {
  const results = await Promise.allSettled(calls.map((c) => c()));
  const capRefusal = (r: PromiseSettledResult<unknown>) => r.status === "rejected" && r.reason instanceof AppError && r.reason.code === "CAP_EXCEEDED";
  const errors = results.filter((r) => r.status === "rejected" && !capRefusal(r));
  if (errors.length) console.error(errors.slice(0, 3));
  return { accepted: results.filter((r) => r.status === "fulfilled").length, refused: results.filter(capRefusal).length, errors: errors.length };
}

/**
 * Deterministic interleaving: send-off `first` is stopped between its recount and its commit (its
 * enrolment insert needs a key-share lock on the middle-school row, which the test holds FOR UPDATE),
 * then `second` starts. With the shared key `second` waits for `first` and then sees it; without it,
 * `second` counts, passes and commits while `first` is still in flight, and both are accepted.
 */
async function pausedPair(firstSchoolId: string, first: () => Promise<unknown>, second: () => Promise<unknown>) {
  const settle = (p: Promise<unknown>) => p.then(() => "sent", (e: unknown) => e);
  let one: Promise<unknown> | undefined, two: Promise<unknown> | undefined;
  let secondWaited = false;
  await testDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "MiddleSchool" WHERE id = ${firstSchoolId} FOR UPDATE`;
    // The send-off's critical section is one query text starting with the CapLock upsert (decision 098), and
    // pg_stat_activity shows only its first 1 KB: the first waits inside it (on the school row, at its
    // enrolment insert), so "the second waits too" is two backends waiting in a statement naming CapLock.
    one = settle(first());
    expect(await waitForLockWait('%"CapLock"%', one)).toBe(true);
    two = settle(second());
    secondWaited = await waitForLockWait('%"CapLock"%', two, 20_000, 2);
  }, { timeout: 60_000 }); // commit releases the row: `first` inserts and commits
  return { first: await one, second: await two, secondWaited };
}

const interleave = <T,>(a: T[], b: T[]) => a.flatMap((x, i) => [x, b[i]]);

describe(`each send-off lock key, alone (database: ${dbKind()})`, () => {
  raceTest("vocational-school key: 500 send-offs from two counties (high caps) to one school with E = 100 → exactly 100", async () => {
    // Two counties, two middle schools: the county and middle-school keys differ, only the school's key is shared.
    const p = await world({ countyA: 1000, countyB: 1000, vocA: 100, vocP: 1000, allocation: 1000 });
    const fromA = await createApplications(testDb(), { count: 250, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    const fromB = await createApplications(testDb(), { count: 250, middleSchoolId: p.schoolB.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolB.id });
    const [countyA, countyB] = [await actorFor(p.users.countyA), await actorFor(p.users.countyB)];
    const r = await fire(interleave(
      fromA.map((id) => () => sendOff(countyA, { applicationIds: [id] }, IN_WINDOW)),
      fromB.map((id) => () => sendOff(countyB, { applicationIds: [id] }, IN_WINDOW)),
    ));
    console.log(`[lock voc] accepted=${r.accepted} refused=${r.refused} errors=${r.errors}`);
    expect(r).toEqual({ accepted: 100, refused: 400, errors: 0 });
    expect(await testDb().enrolment.count({ where: { vocationalSchoolId: p.vocA.id } })).toBe(100);
  }, 240_000);

  raceTest("county key: 500 send-offs from two schools of one county to two vocational schools, S = 100 → exactly 100", async () => {
    // Two middle schools and two vocational schools: only the county's key is shared.
    const p = await world({ countyA: 100, countyB: 1000, vocA: 1000, vocP: 1000, allocation: 1000 });
    const one = await createApplications(testDb(), { count: 250, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    const two = await createApplications(testDb(), { count: 250, middleSchoolId: p.schoolA2.id, vocationalSchoolId: p.vocP.id, enteredById: p.userA2.id });
    const [schoolA, schoolA2] = [await actorFor(p.users.schoolA), await actorFor(p.userA2)];
    const r = await fire(interleave(
      one.map((id) => () => sendOff(schoolA, { applicationIds: [id] }, IN_WINDOW)),
      two.map((id) => () => sendOff(schoolA2, { applicationIds: [id] }, IN_WINDOW)),
    ));
    console.log(`[lock county] accepted=${r.accepted} refused=${r.refused} errors=${r.errors}`);
    expect(r).toEqual({ accepted: 100, refused: 400, errors: 0 });
    expect(await testDb().enrolment.count({ where: { countyId: p.countyA.id } })).toBe(100);
  }, 240_000);

  raceTest("vocational-school key, interleaved: a send-off from another county waits for the one in flight and is refused at E", async () => {
    const p = await world({ countyA: 1000, countyB: 1000, vocA: 1, vocP: 1000, allocation: 1000 });
    const [x] = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    const [y] = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolB.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolB.id });
    const [a, b] = [await actorFor(p.users.countyA), await actorFor(p.users.countyB)];
    const r = await pausedPair(p.schoolA.id, () => sendOff(a, { applicationIds: [x] }, IN_WINDOW), () => sendOff(b, { applicationIds: [y] }, IN_WINDOW));
    expect(r.first).toBe("sent");
    expect(r.second).toMatchObject({ code: "CAP_EXCEEDED", message: expect.stringContaining("计划 1 人，已招收 1 人，剩余 0 个名额") });
    expect(r.secondWaited).toBe(true);
    expect(await testDb().enrolment.count({ where: { vocationalSchoolId: p.vocA.id } })).toBe(1);
  }, 60_000);

  raceTest("county key, interleaved: a send-off from another school of the county to another vocational school waits and is refused at S", async () => {
    const p = await world({ countyA: 1, countyB: 1000, vocA: 1000, vocP: 1000, allocation: 1000 });
    const [x] = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    const [y] = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolA2.id, vocationalSchoolId: p.vocP.id, enteredById: p.userA2.id });
    const [a, a2] = [await actorFor(p.users.schoolA), await actorFor(p.userA2)];
    const r = await pausedPair(p.schoolA.id, () => sendOff(a, { applicationIds: [x] }, IN_WINDOW), () => sendOff(a2, { applicationIds: [y] }, IN_WINDOW));
    expect(r.first).toBe("sent");
    expect(r.second).toMatchObject({ code: "CAP_EXCEEDED", message: expect.stringContaining("计划 1 人，已送读 1 人，剩余 0 个名额") });
    expect(r.secondWaited).toBe(true);
    expect(await testDb().enrolment.count({ where: { countyId: p.countyA.id } })).toBe(1);
  }, 60_000);

  raceTest("middle-school key: a county lowering a school's allocation while the school sends off — the send-off waits and then sees the new allocation", async () => {
    // The allocation save and the send-off share only the school's key (the save does not take the county key).
    const p = await world({ countyA: 1000, countyB: 1000, vocA: 1000, vocP: 1000, allocation: 10 });
    const ids = await createApplications(testDb(), { count: 6, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    const school = await actorFor(p.users.schoolA);
    await sendOff(school, { applicationIds: ids.slice(0, 5) }, IN_WINDOW);
    const county = await actorFor(p.users.countyA);
    const plan = await testDb().quotaPlan.findUniqueOrThrow({ where: { year: 2020 } });

    let save: Promise<unknown> | undefined, send: Promise<unknown> | undefined;
    let sendWaited = false;
    await testDb().$transaction(async (tx) => {
      // Holding the allocation row stops the save after it has counted the send-offs, before it commits.
      await tx.$queryRaw`SELECT 1 FROM "MiddleSchoolAllocation" WHERE "planId" = ${plan.id} AND "middleSchoolId" = ${p.schoolA.id} FOR UPDATE`;
      save = saveAllocations(county, { year: 2020, allocations: [{ middleSchoolId: p.schoolA.id, allocation: 5 }] }, IN_WINDOW).then(() => "saved", (e: unknown) => e);
      expect(await waitForLockWait('%"MiddleSchoolAllocation"%', save)).toBe(true);
      send = sendOff(school, { applicationIds: [ids[5]] }, IN_WINDOW).then(() => "sent", (e: unknown) => e);
      sendWaited = await waitForLockWait('%"CapLock"%', send);
    }, { timeout: 60_000 });

    expect(await save).toBe("saved");
    const refusal = await send;
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "CAP_EXCEEDED", message: expect.stringContaining("分配 5 人，已送读 5 人，剩余 0 个名额，本次选择 1 人") });
    expect(sendWaited).toBe(true);
    const allocation = await testDb().middleSchoolAllocation.findUniqueOrThrow({ where: { planId_middleSchoolId: { planId: plan.id, middleSchoolId: p.schoolA.id } } });
    expect({ allocation: allocation.allocation, sent: await testDb().enrolment.count({ where: { middleSchoolId: p.schoolA.id } }) }).toEqual({ allocation: 5, sent: 5 });
  }, 120_000);
});

describe(`a plan amendment against a send-off in flight (database: ${dbKind()})`, () => {
  raceTest("issuing a version that lowers E waits for the send-off holding the cap locks, then refuses with the new count", async () => {
    const p = await world({ countyA: 1000, countyB: 1000, vocA: 10, vocP: 1000, allocation: 100 });
    const [x, y] = await createApplications(testDb(), { count: 2, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    const school = await actorFor(p.users.schoolA);
    await sendOff(school, { applicationIds: [x] }, IN_WINDOW);
    const zhou = await actorFor(p.users.prefecture);
    const draft = await saveDraft(zhou, {
      year: 2020, amendReason: "测试：调减招生计划",
      counties: [p.countyA, p.countyB].map((c) => ({ countyId: c.id, cohortBase: 4000, sendOffCap: 1000, shanghaiTask: 0 })),
      vocationalSchools: [{ vocationalSchoolId: p.vocA.id, enrolCap: 1, shanghaiTask: 0 }, { vocationalSchoolId: p.vocP.id, enrolCap: 1000, shanghaiTask: 0 }],
    }, IN_WINDOW);
    // The second send-off is held between its recount and its commit; the issue starts meanwhile.
    const r = await pausedPair(p.schoolA.id, () => sendOff(school, { applicationIds: [y] }, IN_WINDOW), () => issueVersion(zhou, { versionId: draft.versionId }, IN_WINDOW));
    expect(r.first).toBe("sent");
    expect(r.second).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`${p.vocA.name}招生计划调为 1 人，少于已招收的 2 人`) });
    expect(r.secondWaited).toBe(true);
    expect((await getIssuedPlan(testDb(), 2020))?.vocationalById.get(p.vocA.id)?.enrolCap).toBe(10);
    await discardDraft(zhou, { versionId: draft.versionId }, IN_WINDOW); // leave no open draft of 2020
  }, 60_000);
});
