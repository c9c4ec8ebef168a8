import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture, createUser } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { createApplications, fakeExe, tinyPdf, tinyPng } from "../../../prisma/factories/applications";
import { sendOff } from "@/server/send-off/send-off";
import { recordArrival } from "@/server/reception/reception";
import { attachProof, confirmReturn, correctEvent, recordExamBack, recordExamReturn, recordLeave } from "@/server/student-status/write";
import { getStudent, listStudents } from "@/server/student-status/read";
import { annex6Board, annex6Sheets, decideRegistration, receiveAnnex6, submitAnnex6 } from "@/server/student-status/registration";
import type { Actor } from "@/server/auth/load-actor";

const MAY_6 = new Date("2020-05-06T01:00:00Z");
const MAY_8 = new Date("2020-05-08T02:00:00Z");
const JUNE_20 = new Date("2020-06-20T02:00:00Z");
const AUG_31 = new Date("2020-08-31T12:00:00Z"); // 20:00 in China, the day before the window
const SEP_10 = new Date("2020-09-10T02:00:00Z");
const png = (name = "证明.png") => ({ name, bytes: new Uint8Array(tinyPng()) });

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let voc: Actor;
let e: string[]; // enrolments of vocA from schoolA; e[7] never arrives

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb()); // 2020, autumn registration completed 2020-09-15
  await createIssuedPlan(testDb(), {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: 50 }, { countyId: p.countyB.id, sendOffCap: 50 }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 50 }, { vocationalSchoolId: p.vocP.id, enrolCap: 50 }],
  });
  // Send-off needs an approved 实施方案 (filings gate); this test is about something else.
  await approveImplementationPlans(testDb(), { year: 2020, countyIds: [p.countyA.id, p.countyB.id], vocationalSchoolIds: [p.vocP.id], byUserId: p.users.prefecture.id });
  await allocate(testDb(), 2020, p.schoolA.id, 20);
  const ids = await createApplications(testDb(), { count: 8, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
  await sendOff(await actorFor(p.users.schoolA), { applicationIds: ids }, MAY_6);
  voc = await actorFor(p.users.vocA);
  e = (await testDb().enrolment.findMany({ where: { applicationId: { in: ids } }, orderBy: { id: "asc" } })).map((x) => x.id);
  await recordArrival(voc, { enrolmentIds: e.slice(0, 7), status: "ARRIVED", arrivedOn: "2020-05-07" }, MAY_8);
});

const counts = async (enrolmentId: string) => ({
  events: await testDb().statusEvent.count({ where: { enrolmentId } }),
  docs: await testDb().document.count({ where: { kind: "LEAVE_PROOF", vocationalSchoolId: p.vocA.id } }),
});

describe("leaving (离校) and the exemption rule", () => {
  test("回原初中 with a proof is exempt; 其他高中 without proof is not, until the proof is uploaded", async () => {
    const back = await recordLeave(voc, { enrolmentId: e[0], type: "LEFT_RETURN_MIDDLE_SCHOOL", occurredOn: "2020-06-15", file: png() }, JUNE_20);
    expect(back).toMatchObject({ exempt: true, type: "LEFT_RETURN_MIDDLE_SCHOOL" });
    expect(await testDb().enrolment.findUniqueOrThrow({ where: { id: e[0] } })).toMatchObject({ status: "LEFT" });

    const moved = await recordLeave(voc, { enrolmentId: e[1], type: "LEFT_OTHER_HIGH_SCHOOL", occurredOn: "2020-06-16", otherSchoolName: "楚雄州民族中学" }, JUNE_20);
    expect(moved.exempt).toBe(false);
    expect((await getStudent(voc, e[1])).leave).toMatchObject({ exempt: false, explanation: expect.stringMatching(/^计入流失：尚未上传/) });
    const after = await attachProof(voc, { eventId: moved.id, file: { name: "在读证明.pdf", bytes: new Uint8Array(tinyPdf()) } });
    expect(after.exempt).toBe(true);
    expect((await getStudent(voc, e[1])).leave).toMatchObject({ exempt: true, explanation: expect.stringMatching(/^不计入职业学校巩固考核/) });
  });

  test("辍学 / 其他 take no proof: a file is refused and nothing is stored", async () => {
    const before = await counts(e[2]);
    await expect(recordLeave(voc, { enrolmentId: e[2], type: "LEFT_DROPOUT", occurredOn: "2020-06-16", file: png() }, JUNE_20)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/没有有效证明/) });
    expect(await counts(e[2])).toEqual(before);
    const drop = await recordLeave(voc, { enrolmentId: e[2], type: "LEFT_DROPOUT", occurredOn: "2020-06-16" }, JUNE_20);
    expect(drop.exempt).toBe(false);
    await expect(attachProof(voc, { eventId: drop.id, file: png() })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  test("bad input: before 报到, twice, a file that is not PDF/JPEG/PNG, over 10 MB, a date in the future → refused, nothing stored", async () => {
    await expect(recordLeave(voc, { enrolmentId: e[7], type: "LEFT_DROPOUT", occurredOn: "2020-06-16" }, JUNE_20)).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/尚未登记报到，不能登记离校/) });
    await expect(recordLeave(voc, { enrolmentId: e[0], type: "LEFT_DROPOUT", occurredOn: "2020-06-16" }, JUNE_20)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/已登记离校.*不能重复登记/) });
    const before = await counts(e[3]);
    await expect(recordLeave(voc, { enrolmentId: e[3], type: "LEFT_RETURN_MIDDLE_SCHOOL", occurredOn: "2020-06-16", file: { name: "证明.pdf", bytes: new Uint8Array(fakeExe()) } }, JUNE_20)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/不是JPG、PNG 图片或 PDF 文件/) });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(tinyPng());
    await expect(recordLeave(voc, { enrolmentId: e[3], type: "LEFT_RETURN_MIDDLE_SCHOOL", occurredOn: "2020-06-16", file: { name: "大.png", bytes: big } }, JUNE_20)).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/超过 10 MB/) });
    await expect(recordLeave(voc, { enrolmentId: e[3], type: "LEFT_DROPOUT", occurredOn: "2020-06-21" }, JUNE_20)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(recordLeave(voc, { enrolmentId: e[3], type: "LEFT_DROPOUT", occurredOn: "2020-05-01" }, JUNE_20)).rejects.toThrow(/不能早于报到日期/);
    expect(await counts(e[3])).toEqual(before);
    expect((await testDb().enrolment.findUniqueOrThrow({ where: { id: e[3] } })).status).toBe("ENROLLED");
  });
});

describe("scoping", () => {
  test("a vocational school cannot record a leaver it did not receive; other roles cannot record leaving", async () => {
    const other = await actorFor(await createUser(testDb(), { role: "VOCATIONAL_SCHOOL", orgId: p.vocP.id }));
    await expect(recordLeave(other, { enrolmentId: e[3], type: "LEFT_DROPOUT", occurredOn: "2020-06-16" }, JUNE_20)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getStudent(other, e[3])).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(recordLeave(await actorFor(p.users.countyA), { enrolmentId: e[3], type: "LEFT_DROPOUT", occurredOn: "2020-06-16" }, JUNE_20)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("a middle school sees and confirms only its own returners; a county sees every leaver of its county", async () => {
    const msA = await actorFor(p.users.schoolA);
    const msB = await actorFor(p.users.schoolB);
    const returners = await listStudents(msA, { q: "", page: 1, view: "RETURNERS" }, 2020);
    expect(returners.items.map((r) => r.id)).toEqual([e[0]]);
    expect((await listStudents(msB, { q: "", page: 1, view: "RETURNERS" }, 2020)).total).toBe(0);
    const ev = await testDb().statusEvent.findFirstOrThrow({ where: { enrolmentId: e[0], type: "LEFT_RETURN_MIDDLE_SCHOOL" } });
    await expect(confirmReturn(msB, { eventId: ev.id }, JUNE_20)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const confirmed = await confirmReturn(msA, { eventId: ev.id }, JUNE_20);
    expect(confirmed.returnConfirmedById).toBe(p.users.schoolA.id);
    const county = await listStudents(await actorFor(p.users.countyA), { q: "", page: 1, view: "LEFT" }, 2020);
    expect(county.items.map((r) => r.id).sort()).toEqual([e[0], e[1], e[2]].sort());
    expect((await listStudents(await actorFor(p.users.countyB), { q: "", page: 1, view: "LEFT" }, 2020)).total).toBe(0);
  });
});

describe("corrections and the exam return", () => {
  test("a wrong leave is corrected by a new event naming it; both stay visible and audited; the student is enrolled again", async () => {
    const wrong = await recordLeave(voc, { enrolmentId: e[4], type: "LEFT_DROPOUT", occurredOn: "2020-06-18" }, JUNE_20);
    await expect(correctEvent(voc, { eventId: wrong.id, reason: "" }, JUNE_20)).rejects.toMatchObject({ code: "VALIDATION" });
    const fix = await correctEvent(voc, { eventId: wrong.id, reason: "登记错了学生，该生仍在校" }, JUNE_20);
    expect(fix).toMatchObject({ type: "CORRECTION", correctsEventId: wrong.id, comment: "登记错了学生，该生仍在校" });
    const s = await getStudent(voc, e[4]);
    expect(s.status).toBe("ENROLLED");
    expect(s.leave).toBeUndefined();
    expect(s.events.map((x) => [x.type, !!x.revokedAt])).toEqual([["LEFT_DROPOUT", true], ["CORRECTION", false]]);
    await expect(correctEvent(voc, { eventId: wrong.id, reason: "再次更正" }, JUNE_20)).rejects.toMatchObject({ code: "CONFLICT" });
    const audits = await testDb().auditLog.findMany({ where: { entityType: "Enrolment", entityId: e[4], action: { in: ["student.leave", "student.correct"] } } });
    expect(audits.map((a) => a.action).sort()).toEqual(["student.correct", "student.leave"]);
  });

  test("going back for the provincial exam keeps the student enrolled; the return is recorded once", async () => {
    const ev = await recordExamReturn(voc, { enrolmentId: e[5], occurredOn: "2020-06-18", examUntil: "2020-06-22" }, JUNE_20);
    expect((await testDb().enrolment.findUniqueOrThrow({ where: { id: e[5] } })).status).toBe("ENROLLED");
    await expect(recordExamBack(voc, { eventId: ev.id, examBackOn: "2020-06-17" }, JUNE_20)).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await recordExamBack(voc, { eventId: ev.id, examBackOn: "2020-06-20" }, JUNE_20)).examBackOn).toBe("2020-06-20");
    await expect(recordExamBack(voc, { eventId: ev.id, examBackOn: "2020-06-20" }, JUNE_20)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("autumn registration and 附件6", () => {
  test("registration is refused outside the autumn window, naming the dates; leavers cannot be registered", async () => {
    await expect(decideRegistration(voc, { enrolmentIds: [e[3]], decision: "REGISTERED" }, AUG_31)).rejects.toMatchObject({
      code: "OUT_OF_WINDOW", message: "秋季中职学籍注册期为 2020年9月1日至2020年9月15日，当前不在秋季中职学籍注册期，不能注册中职学籍",
    });
    expect((await testDb().enrolment.findUniqueOrThrow({ where: { id: e[3] } })).registrationDecision).toBeNull();
    await expect(decideRegistration(voc, { enrolmentIds: [e[0]], decision: "REGISTERED" }, SEP_10)).rejects.toThrow(/已离校，不能注册中职学籍/);
    await expect(decideRegistration(voc, { enrolmentIds: [e[7]], decision: "REGISTERED" }, SEP_10)).rejects.toThrow(/未报到/);
  });

  test("the school registers the rest, submits 附件6 with the 流失 columns; leaving after registration is refused", async () => {
    await expect(submitAnnex6(voc, {}, 2020, SEP_10)).rejects.toThrow(/还有在读学生未办理秋季注册/);
    expect(await decideRegistration(voc, { enrolmentIds: [e[3], e[4], e[5]], decision: "REGISTERED" }, SEP_10)).toBe(3);
    expect(await decideRegistration(voc, { enrolmentIds: [e[6]], decision: "NOT_CONTINUING" }, SEP_10)).toBe(1);
    await expect(recordLeave(voc, { enrolmentId: e[3], type: "LEFT_DROPOUT", occurredOn: "2020-09-10" }, SEP_10)).rejects.toThrow(/已完成义务教育阶段/);
    const sub = await submitAnnex6(voc, {}, 2020, SEP_10);
    expect(sub.rowCount).toBe(7);
    const sheets = await annex6Sheets(voc, { year: 2020, source: "submitted" });
    const loss = Object.fromEntries(sheets[0].rows.map((r) => [r.studentName, [r.lossReason, r.lossProof]]));
    const names = await testDb().application.findMany({ where: { enrolment: { id: { in: [e[0], e[1], e[2], e[3]] } } }, select: { studentName: true, enrolment: { select: { id: true } } } });
    const nameOf = (id: string) => names.find((n) => n.enrolment!.id === id)!.studentName;
    expect(loss[nameOf(e[0])]).toEqual(["回原初中就读", "有"]);
    expect(loss[nameOf(e[1])]).toEqual(["到其他高中阶段学校就读（楚雄州民族中学）", "有"]);
    expect(loss[nameOf(e[2])]).toEqual(["辍学", "无"]);
    expect(loss[nameOf(e[3])]).toEqual(["", ""]);
    await expect(submitAnnex6(voc, {}, 2020, SEP_10)).rejects.toMatchObject({ code: "VALIDATION" });
    const pref = await actorFor(p.users.prefecture);
    await receiveAnnex6(pref, { submissionId: sub.id }, SEP_10);
    const board = await annex6Board(pref, 2020);
    expect(board.find((b) => b.schoolId === p.vocA.id)!.submission).toMatchObject({ rowCount: 7, leftCount: 3, withProof: 2, registered: 3, receivedAt: expect.any(Date) });
    // A county sees only its own students' part; another county none.
    expect((await annex6Sheets(await actorFor(p.users.countyA), { year: 2020, source: "submitted" }))[0].rows).toHaveLength(7);
    expect(await annex6Sheets(await actorFor(p.users.countyB), { year: 2020, source: "submitted" })).toEqual([]);
  });
});
