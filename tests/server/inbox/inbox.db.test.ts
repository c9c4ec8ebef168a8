// Issue 15 item 4: the to-do inbox is computed from the data — each line appears with the state that causes
// it and disappears when the state is gone, only for the roles concerned, in the actor's scope.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { createApplications } from "../../../prisma/factories/applications";
import { createYearCalendar } from "../../../prisma/factories/calendar";
import { inboxFor, inboxCount, type InboxItem, type InboxSource } from "@/server/inbox";
import { getPhase, type SchoolCalendar } from "@/lib/calendar";
import type { Actor } from "@/server/auth/load-actor";

// A year no other test file uses (its calendar is this file's).
const Y = 2038;
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let cal: SchoolCalendar;
let prefecture: Actor, countyA: Actor, countyB: Actor, schoolA: Actor, schoolB: Actor, vocA: Actor;

const keys = (items: InboxItem[], source: string) => items.filter((i) => i.source === source).map((i) => `${i.key}=${i.count}`).sort();
const inbox = async (actor: Actor, date: string, source: string) => keys(await inboxFor(actor, at(date)), source);

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  cal = await createYearCalendar(testDb(), { year: Y, mayDayHolidayEnd: `${Y}-05-05`, updatedById: p.users.prefecture.id });
  [prefecture, countyA, countyB, schoolA, schoolB, vocA] = await Promise.all(
    [p.users.prefecture, p.users.countyA, p.users.countyB, p.users.schoolA, p.users.schoolB, p.users.vocA].map(actorFor),
  );
});

describe("applications awaiting a consent scan or the school's review", () => {
  test("appear for the middle school that holds them and disappear when reviewed or withdrawn", async () => {
    const db = testDb();
    const day = `${Y}-04-25`;
    expect(await inbox(schoolA, day, "applications")).toEqual([]);
    const [draft] = await createApplications(db, { count: 1, year: Y, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, status: "DRAFT" });
    const [signed] = await createApplications(db, { count: 1, year: Y, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, status: "SIGNED" });
    await createApplications(db, { count: 2, year: Y, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, status: "APPROVED" });
    expect(await inbox(schoolA, day, "applications")).toEqual(["consent=1", "review=1"]);
    const lines = (await inboxFor(schoolA, at(day))).filter((i) => i.source === "applications");
    expect(lines.map((l) => l.href).sort()).toEqual([`/applications?year=${Y}&status=DRAFT`, `/applications?year=${Y}&status=SIGNED`]);
    // Scope and role: another school, the county and the vocational school have nothing to do here.
    expect(await inbox(schoolB, day, "applications")).toEqual([]);
    expect(await inbox(countyA, day, "applications")).toEqual([]);
    expect(await inbox(vocA, day, "applications")).toEqual([]);
    // Reviewed (同意): the review line is gone, the unsigned draft still waits.
    await db.application.update({ where: { id: signed }, data: { status: "APPROVED", reviewDecision: true, reviewDate: day } });
    expect(await inbox(schoolA, day, "applications")).toEqual(["consent=1"]);
    // Withdrawn by the student (自愿撤回): nothing left.
    await db.application.update({ where: { id: draft }, data: { status: "WITHDRAWN", withdrawnAt: at(day), withdrawReason: "自愿撤回" } });
    expect(await inbox(schoolA, day, "applications")).toEqual([]);
  });
});

describe("students not arrived 3 days after send-off", () => {
  test("appear on the 3rd day for the county, the middle school and (until recorded) the vocational school", async () => {
    const db = testDb();
    const sendOff = getPhase(cal, "sendOff").start; // e.g. 2038-05-06
    const [appId] = await createApplications(db, { count: 1, year: Y, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    await db.application.update({ where: { id: appId }, data: { status: "SENT_OFF" } });
    const e = await db.enrolment.create({
      data: { applicationId: appId, year: Y, countyId: p.countyA.id, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, sentOffAt: at(sendOff), sentOffById: p.users.schoolA.id },
    });
    const day2 = addDays(sendOff, 2), day3 = addDays(sendOff, 3);
    for (const a of [countyA, schoolA, vocA]) expect(await inbox(a, day2, "arrivals")).toEqual([]);
    expect(await inbox(countyA, day3, "arrivals")).toEqual(["overdue=1"]);
    expect(await inbox(schoolA, day3, "arrivals")).toEqual(["overdue=1"]);
    expect(await inbox(vocA, day3, "arrivals")).toEqual(["pending=1"]);
    expect(await inbox(countyB, day3, "arrivals")).toEqual([]);
    expect(await inbox(prefecture, day3, "arrivals")).toEqual([]);
    // Recorded as not arrived: the school's part is done, the county and middle school still follow up.
    await db.enrolment.update({ where: { id: e.id }, data: { arrivalStatus: "NOT_ARRIVED" } });
    expect(await inbox(vocA, day3, "arrivals")).toEqual([]);
    expect(await inbox(countyA, day3, "arrivals")).toEqual(["overdue=1"]);
    await db.enrolment.update({ where: { id: e.id }, data: { arrivalStatus: "ARRIVED", arrivedOn: day3 } });
    for (const a of [countyA, schoolA, vocA]) expect(await inbox(a, day3, "arrivals")).toEqual([]);
  });
});

describe("附件4 in 确认期", () => {
  test("receive / release for the prefecture, check for the county, answer discrepancies for the school", async () => {
    const db = testDb();
    const day = getPhase(cal, "confirmation").start;
    const enrolments = await db.enrolment.findMany({ where: { vocationalSchoolId: p.vocA.id, year: Y } });
    const rows = enrolments.map((e) => ({ enrolmentId: e.id, countyId: e.countyId, countyName: p.countyA.name, studentName: "学生" }));
    const sub = await db.rosterSubmission.create({ data: { vocationalSchoolId: p.vocA.id, year: Y, version: 1, rows: rows as never, rowCount: rows.length, submittedById: p.users.vocA.id } });
    expect(await inbox(prefecture, day, "roster")).toEqual(["receive=1"]);
    await db.rosterSubmission.update({ where: { id: sub.id }, data: { receivedAt: at(day), receivedById: p.users.prefecture.id } });
    expect(await inbox(prefecture, day, "roster")).toEqual(["release=1"]);
    expect(await inbox(countyA, day, "roster")).toEqual([]);
    await db.rosterRelease.create({ data: { submissionId: sub.id, countyId: p.countyA.id, releasedById: p.users.prefecture.id } });
    expect(await inbox(prefecture, day, "roster")).toEqual([]);
    expect(await inbox(countyA, day, "roster")).toEqual([`unchecked=${rows.length}`]);
    expect(await inbox(countyB, day, "roster")).toEqual([]);
    // The county raises a discrepancy: its line is gone, the school's appears; the school answers: gone.
    const check = await db.rosterCheck.create({ data: { submissionId: sub.id, enrolmentId: rows[0].enrolmentId, countyId: p.countyA.id, status: "DISCREPANCY", comment: "该生已回原校", checkedById: p.users.countyA.id } });
    expect(await inbox(countyA, day, "roster")).toEqual(rows.length > 1 ? [`unchecked=${rows.length - 1}`] : []);
    expect(await inbox(vocA, day, "roster")).toEqual(["discrepancies=1"]);
    await db.rosterCheck.update({ where: { id: check.id }, data: { status: "RESOLVED", answer: "已核实", answeredAt: at(day), answeredById: p.users.vocA.id } });
    expect(await inbox(vocA, day, "roster")).toEqual([]);
  });
});

describe("filings due or returned", () => {
  test("a due 实施方案 appears 14 days ahead, goes to the reviewer when submitted, comes back when returned", async () => {
    const db = testDb();
    // Policy date 3月31日 (no bureau setting for this year).
    expect(await inbox(countyA, `${Y}-03-16`, "filings")).toEqual([]);
    expect(await inbox(countyA, `${Y}-03-17`, "filings")).toEqual(["due:IMPLEMENTATION_PLAN=1"]);
    expect(await inbox(countyA, `${Y}-04-02`, "filings")).toEqual(["due:IMPLEMENTATION_PLAN=1"]);
    expect((await inboxFor(countyA, at(`${Y}-04-02`))).find((i) => i.source === "filings")).toMatchObject({ tone: "overdue", href: `/filings/implementation-plan?year=${Y}` });
    const f = await db.filing.create({
      data: { kind: "IMPLEMENTATION_PLAN", year: Y, version: 1, filerKey: `county:${p.countyA.id}`, countyId: p.countyA.id, status: "SUBMITTED", content: { summary: "实施方案" }, submittedOn: `${Y}-03-20`, submittedAt: at(`${Y}-03-20`), submittedById: p.users.countyA.id, createdById: p.users.countyA.id },
    });
    expect(await inbox(countyA, `${Y}-03-25`, "filings")).toEqual([]);
    expect(await inbox(prefecture, `${Y}-03-25`, "filings")).toEqual([`review:IMPLEMENTATION_PLAN:${Y}=1`]);
    await db.filing.update({ where: { id: f.id }, data: { status: "RETURNED", reviewComment: "请补充巩固措施", reviewedAt: at(`${Y}-03-26`), reviewedById: p.users.prefecture.id } });
    expect(await inbox(prefecture, `${Y}-03-26`, "filings")).toEqual([]);
    expect(await inbox(countyA, `${Y}-03-26`, "filings")).toEqual(["returned:IMPLEMENTATION_PLAN=1"]);
    await db.filing.update({ where: { id: f.id }, data: { status: "APPROVED" } });
    expect(await inbox(countyA, `${Y}-03-26`, "filings")).toEqual([]);
    // Another county's own deadline is its own: county B still has it.
    expect(await inbox(countyB, `${Y}-03-26`, "filings")).toEqual(["due:IMPLEMENTATION_PLAN=1"]);
  });
});

describe("deadlines in the next 14 days that concern the role", () => {
  test("送读期 opens for the middle school and the county, not for the vocational school (it sees 报到登记期)", async () => {
    const start = getPhase(cal, "sendOff").start;
    const before = (n: number) => addDays(start, -n);
    expect(await inbox(schoolA, before(15), "deadlines")).not.toContain("sendOff:start=1");
    expect(await inbox(schoolA, before(14), "deadlines")).toContain("sendOff:start=1");
    expect(await inbox(countyA, before(3), "deadlines")).toContain("sendOff:start=1");
    expect(await inbox(vocA, before(3), "deadlines")).toEqual(["reception:start=1"]);
    expect(await inbox(prefecture, before(3), "deadlines")).toEqual([]);
    // In 送读期, the end is the deadline.
    expect(await inbox(countyA, start, "deadlines")).toContain("sendOff:end=1");
  });
});

describe("the inbox is open to new kinds of to-do", () => {
  test("a source added to the list shows up with the others and in the badge count", async () => {
    const extra: InboxSource = async (actor) => (actor.role === "VOCATIONAL_SCHOOL" ? [{ source: "risk", key: "x", title: "2 名学生有流失风险", href: "/students", count: 2, tone: "todo" }] : []);
    const items = await inboxFor(vocA, at(`${Y}-01-10`), [extra]);
    expect(items.map((i) => i.source)).toEqual(["risk"]);
    expect(await inboxFor(countyA, at(`${Y}-01-10`), [extra])).toEqual([]);
    expect(await inboxCount(vocA, at(`${Y}-01-10`))).toBe((await inboxFor(vocA, at(`${Y}-01-10`))).length);
  });
});

function addDays(date: string, n: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
