// Every audited action of the send-off → reception → classes → roster → 附件4 export path writes one audit
// row naming the actor, the entity and a summary of the change; each is read back here.
import { beforeAll, describe, expect, test, vi } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiniPrefecture } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createApplications } from "../../../prisma/factories/applications";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { sendOff } from "@/server/send-off/send-off";
import { assignToClass, recordArrival, saveClass, setStudentNo, setStudentNoPattern } from "@/server/reception/reception";
import { answerDiscrepancy, checkRosterRow, confirmAllRows, receiveRoster, releaseRoster, schoolDiscrepancies, submitRoster } from "@/server/roster/roster";
import type { Actor } from "@/server/auth/load-actor";

// The 附件4 route asks next-auth for the signed-in user; here the session is the vocational school's.
const session = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock("@/server/auth/actor", () => ({ getActor: async () => session.actor }));

const SEND = new Date("2020-05-07T02:00:00Z");
const STABILISATION = new Date("2020-05-20T02:00:00Z");
const CONFIRM = new Date("2020-06-08T02:00:00Z");

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let county: Actor, voc: Actor, prefecture: Actor;
let appIds: string[];
let enrolmentIds: string[];

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb());
  await createIssuedPlan(testDb(), {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: 100 }, { countyId: p.countyB.id, sendOffCap: 100 }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 100 }, { vocationalSchoolId: p.vocP.id, enrolCap: 100 }],
  });
  // Send-off needs an approved 实施方案 (filings gate); this test is about something else.
  await approveImplementationPlans(testDb(), { year: 2020, countyIds: [p.countyA.id, p.countyB.id], vocationalSchoolIds: [p.vocP.id], byUserId: p.users.prefecture.id });
  await allocate(testDb(), 2020, p.schoolA.id, 100);
  appIds = await createApplications(testDb(), { count: 3, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
  [county, voc, prefecture] = await Promise.all([p.users.countyA, p.users.vocA, p.users.prefecture].map(actorFor));
});

describe("audit rows of the send-off path", () => {
  test("a multi-student send-off: one row, by the county, listing every student", async () => {
    await sendOff(county, { applicationIds: appIds }, SEND);
    const row = await expectAudit("sendOff.execute", county, { type: "Application", id: null }, { count: 3 });
    expect([...(row.summary as { applicationIds: string[] }).applicationIds].sort()).toEqual([...appIds].sort());
    enrolmentIds = (await testDb().enrolment.findMany({ where: { applicationId: { in: appIds } }, orderBy: { id: "asc" } })).map((e) => e.id);
  });

  test("报到 recorded for several students", async () => {
    await recordArrival(voc, { enrolmentIds, status: "ARRIVED", arrivedOn: "2020-05-08" }, STABILISATION);
    const row = await expectAudit("reception.arrival", voc, { type: "Enrolment", id: null }, { status: "ARRIVED", arrivedOn: "2020-05-08" });
    expect([...(row.summary as { enrolmentIds: string[] }).enrolmentIds].sort()).toEqual([...enrolmentIds].sort());
  });

  test("a class created, then renamed (before/after), students assigned, a 学号 pattern and one 学号 corrected", async () => {
    const data = { name: "2020级审计1班", code: "1", major: "电子技术", sizeLimit: 40, headTeacherName: "钱老师", headTeacherPhone: "13912345678" };
    const cls = await saveClass(voc, data, SEND);
    await expectAudit("class.create", voc, { type: "VocationalClass", id: cls.id }, { name: "2020级审计1班", sizeLimit: 40 });
    await saveClass(voc, { ...data, id: cls.id, name: "2020级审计2班" }, SEND);
    await expectAudit("class.update", voc, { type: "VocationalClass", id: cls.id }, { before: { name: "2020级审计1班" }, after: { name: "2020级审计2班" } });
    await assignToClass(voc, { classId: cls.id, enrolmentIds });
    await expectAudit("class.assign", voc, { type: "VocationalClass", id: cls.id }, { enrolmentIds });
    await setStudentNoPattern(voc, { pattern: "{year}{class:2}{seq:3}" });
    await expectAudit("class.pattern", voc, { type: "VocationalSchool", id: p.vocA.id }, { after: "{year}{class:2}{seq:3}" });
    const before = (await testDb().enrolment.findUniqueOrThrow({ where: { id: enrolmentIds[0] } })).studentNo;
    await setStudentNo(voc, { enrolmentId: enrolmentIds[0], studentNo: "202001777" });
    await expectAudit("class.studentNo", voc, { type: "Enrolment", id: enrolmentIds[0] }, { before, after: "202001777" });
  });

  test("附件4: submitted, received, released, a row confirmed, one questioned, the rest confirmed, answered", async () => {
    const sub = await submitRoster(voc, {}, CONFIRM);
    await expectAudit("roster.submit", voc, { type: "RosterSubmission", id: sub.id }, { version: sub.version, rowCount: 3 });
    await receiveRoster(prefecture, { submissionId: sub.id }, CONFIRM);
    await expectAudit("roster.receive", prefecture, { type: "RosterSubmission", id: sub.id }, { version: sub.version });
    await releaseRoster(prefecture, { submissionId: sub.id }, CONFIRM);
    await expectAudit("roster.release", prefecture, { type: "RosterSubmission", id: sub.id }, { countyIds: [p.countyA.id] });

    const check = (enrolmentId: string, status: "CONFIRMED" | "DISCREPANCY", comment?: string) =>
      checkRosterRow(county, { submissionId: sub.id, enrolmentId, status, comment }, CONFIRM);
    await check(enrolmentIds[0], "CONFIRMED");
    const confirmed = await testDb().rosterCheck.findFirstOrThrow({ where: { enrolmentId: enrolmentIds[0] } });
    await expectAudit("roster.confirm", county, { type: "RosterCheck", id: confirmed.id }, {});
    await check(enrolmentIds[1], "DISCREPANCY", "该生已回原校");
    const questioned = await testDb().rosterCheck.findFirstOrThrow({ where: { enrolmentId: enrolmentIds[1] } });
    await expectAudit("roster.discrepancy", county, { type: "RosterCheck", id: questioned.id }, { comment: "该生已回原校" });
    await confirmAllRows(county, { submissionId: sub.id }, CONFIRM);
    await expectAudit("roster.confirmAll", county, { type: "RosterSubmission", id: sub.id }, { count: 1 });

    const [d] = await schoolDiscrepancies(voc, 2020);
    await answerDiscrepancy(voc, { checkId: d.id, answer: "经核实该生仍在校就读" }, CONFIRM);
    await expectAudit("roster.answer", voc, { type: "RosterCheck", id: d.id }, { answer: "经核实该生仍在校就读" });
  });

  test("the 附件4 export route audits the download before the file leaves the server", async () => {
    session.actor = voc;
    const { GET } = await import("@/app/api/exports/annex4/route");
    const res = await GET(new Request(`http://localhost/api/exports/annex4?year=2020&school=${p.vocA.id}&source=live`), undefined);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    await expectAudit("export.annex4", voc, { type: "VocationalSchool", id: p.vocA.id }, { year: 2020, source: "live", rowCount: 3, sheets: [p.vocA.name] });
  });
});
