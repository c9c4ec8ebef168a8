// Issue 14 items 4–5 (decisions 024, 025): who graduated, certificates only for graduates, the files sent back
// and received, the lists of who still lacks a certificate, the continuation path feeding autumn registration.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, afterConstraintError, testDb } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiniPrefecture, createUser, createVocationalSchool } from "../../../prisma/factories";
import { createApplicationRow } from "../../../prisma/factories/applications";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import {
  completeProgramme, receiveGrades, recordCompulsoryCertificate, recordSkillCertificate, sendGrades, setContinuation, voidGraduationRecord,
} from "@/server/graduation/write";
import { graduationBoard } from "@/server/graduation/read";
import { listStudents } from "@/server/student-status/read";
import { decideRegistration, submitAnnex6 } from "@/server/student-status/registration";
import type { Actor } from "@/server/auth/load-actor";

const JULY_10 = new Date("2020-07-10T02:00:00Z");
const SEP_10 = new Date("2020-09-10T02:00:00Z");
let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let voc: Actor, ms: Actor, msB: Actor, county: Actor, prefecture: Actor;

async function student(status: "ENROLLED" | "LEFT" = "ENROLLED", middleSchoolId = p.schoolA.id, vocationalSchoolId = p.vocA.id) {
  const db = testDb();
  const school = await db.middleSchool.findUniqueOrThrow({ where: { id: middleSchoolId } });
  const app = await createApplicationRow(db, { middleSchoolId, vocationalSchoolId, enteredById: p.users.schoolA.id, status: "APPROVED" });
  const e = await db.enrolment.create({
    data: {
      applicationId: app.id, year: 2020, countyId: school.countyId, middleSchoolId, vocationalSchoolId, sentOffAt: new Date("2020-05-08T02:00:00Z"),
      sentOffById: p.users.schoolA.id, arrivalStatus: "ARRIVED", arrivedOn: "2020-05-09", status,
    },
  });
  if (status === "LEFT") await db.statusEvent.create({ data: { enrolmentId: e.id, type: "LEFT_DROPOUT", occurredOn: "2020-06-01", recordedById: p.users.vocA.id } });
  return e.id;
}
const graduate = async (middleSchoolId = p.schoolA.id) => {
  const id = await student("ENROLLED", middleSchoolId);
  await completeProgramme(voc, { enrolmentIds: [id], completedOn: "2020-07-03" }, JULY_10);
  return id;
};
const code = (p: Promise<unknown>) => p.then(() => "OK", (e: { code?: string }) => e.code ?? String(e));
const events = (enrolmentId: string, type: string) => testDb().statusEvent.count({ where: { enrolmentId, type: type as never } });

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb()); // 2020: 确认期 ends 2020-06-11, autumn registration 2020-09-01 … 2020-09-15
  voc = await actorFor(p.users.vocA);
  ms = await actorFor(p.users.schoolA);
  msB = await actorFor(p.users.schoolB);
  county = await actorFor(p.users.countyA);
  prefecture = await actorFor(p.users.prefecture);
});

describe("完成义务教育 (who graduated)", () => {
  test("a student still enrolled graduates: status, date, timeline event, audit; leaves the 在读 count but keeps history", async () => {
    const id = await student();
    expect(await completeProgramme(voc, { enrolmentIds: [id], completedOn: "2020-07-03" }, JULY_10)).toBe(1);
    expect(await testDb().enrolment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "GRADUATED", graduatedOn: "2020-07-03" });
    expect(await events(id, "COMPLETED")).toBe(1);
    await expectAudit("graduation.complete", voc, { type: "VocationalSchool", id: p.vocA.id }, { completedOn: "2020-07-03" });
    const enrolled = await listStudents(voc, { q: "", page: 1, view: "ENROLLED" }, 2020);
    expect(enrolled.items.map((r) => r.id)).not.toContain(id);
    const all = await listStudents(voc, { q: "", page: 1, view: "GRADUATED" }, 2020);
    expect(all.items.map((r) => r.id)).toContain(id);
  });

  test("a leaver never graduates; a date inside the 确认期 or in the future is refused; nothing stored", async () => {
    const left = await student("LEFT");
    expect(await code(completeProgramme(voc, { enrolmentIds: [left], completedOn: "2020-07-03" }, JULY_10))).toBe("INVALID_STATE");
    const id = await student();
    await expect(completeProgramme(voc, { enrolmentIds: [id], completedOn: "2020-06-08" }, JULY_10)).rejects.toThrow(/须在2020年确认期结束（2020年6月11日）之后/);
    await expect(completeProgramme(voc, { enrolmentIds: [id], completedOn: "2020-07-11" }, JULY_10)).rejects.toThrow(/不能晚于今天/);
    expect(await testDb().enrolment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "ENROLLED", graduatedOn: null });
    expect(await events(id, "COMPLETED") + await events(left, "COMPLETED")).toBe(0);
  });

  test("another school's student is not found", async () => {
    const other = await student("ENROLLED", p.schoolA.id, p.vocP.id);
    expect(await code(completeProgramme(voc, { enrolmentIds: [other], completedOn: "2020-07-03" }, JULY_10))).toBe("NOT_FOUND");
  });
});

describe("certificates only for graduates", () => {
  test("a student still enrolled or a leaver gets no certificate (Chinese message, nothing stored)", async () => {
    const enrolled = await student();
    const left = await student("LEFT");
    await expect(recordCompulsoryCertificate(ms, { enrolmentId: enrolled, number: "A1", issuedOn: "2020-07-05" }, JULY_10)).rejects.toThrow(/尚未完成义务教育.*不能登记义务教育证书/);
    await expect(recordSkillCertificate(voc, { enrolmentId: left, name: "汽车维修工", level: "初级", number: "S1", issuedOn: "2020-07-05" }, JULY_10)).rejects.toThrow(/已离校，没有在职业学校完成义务教育/);
    await expect(sendGrades(voc, { enrolmentId: enrolled, sentOn: "2020-07-05" }, JULY_10)).rejects.toThrow(/尚未完成义务教育/);
    expect(await testDb().statusEvent.count({ where: { enrolmentId: { in: [enrolled, left] }, type: { in: ["COMPULSORY_CERTIFICATE", "SKILL_CERTIFICATE", "GRADES_SENT"] } } })).toBe(0);
  });

  test("the middle school records one 义务教育证书; a second is refused until the first is voided with a reason", async () => {
    const id = await graduate();
    await recordCompulsoryCertificate(ms, { enrolmentId: id, number: "53230120200001", issuedOn: "2020-07-06" }, JULY_10);
    await expectAudit("graduation.compulsoryCertificate", ms, { type: "Enrolment", id }, { number: "53230120200001", issuedOn: "2020-07-06" });
    expect(await code(recordCompulsoryCertificate(ms, { enrolmentId: id, number: "X", issuedOn: "2020-07-06" }, JULY_10))).toBe("CONFLICT");
    // Another middle school, or the vocational school, cannot touch it.
    expect(await code(recordCompulsoryCertificate(msB, { enrolmentId: id, number: "X", issuedOn: "2020-07-06" }, JULY_10))).toBe("NOT_FOUND");
    const cert = await testDb().statusEvent.findFirstOrThrow({ where: { enrolmentId: id, type: "COMPULSORY_CERTIFICATE" } });
    expect(await code(voidGraduationRecord(voc, { eventId: cert.id, reason: "编号错误" }, JULY_10))).toBe("NOT_FOUND");
    await voidGraduationRecord(ms, { eventId: cert.id, reason: "编号录错" }, JULY_10);
    await recordCompulsoryCertificate(ms, { enrolmentId: id, number: "53230120200002", issuedOn: "2020-07-06" }, JULY_10);
    const all = await testDb().statusEvent.findMany({ where: { enrolmentId: id, type: "COMPULSORY_CERTIFICATE" }, orderBy: { createdAt: "asc" } });
    expect(all.map((c) => [c.certificateNo, c.revokedAt !== null])).toEqual([["53230120200001", true], ["53230120200002", false]]);
  });

  test("the database holds at most one live 义务教育证书 per student", async () => {
    const id = await graduate();
    const row = { enrolmentId: id, type: "COMPULSORY_CERTIFICATE" as const, occurredOn: "2020-07-06", recordedById: p.users.schoolA.id };
    await testDb().statusEvent.create({ data: { ...row, certificateNo: "1" } });
    await expect(testDb().statusEvent.create({ data: { ...row, certificateNo: "2" } })).rejects.toThrow(/Unique constraint|StatusEvent_one_live/);
    await afterConstraintError();
  });

  test("the vocational school records two 职业技能等级证书 for one graduate; the same number twice is refused", async () => {
    const id = await graduate();
    await recordSkillCertificate(voc, { enrolmentId: id, name: "汽车维修工", level: "初级（五级）", number: "S-001", issuedOn: "2020-07-06" }, JULY_10);
    await recordSkillCertificate(voc, { enrolmentId: id, name: "汽车美容装潢工", level: "初级（五级）", number: "S-002", issuedOn: "2020-07-07" }, JULY_10);
    expect(await code(recordSkillCertificate(voc, { enrolmentId: id, name: "汽车维修工", level: "初级（五级）", number: "S-001", issuedOn: "2020-07-06" }, JULY_10))).toBe("CONFLICT");
    expect(await events(id, "SKILL_CERTIFICATE")).toBe(2);
    await expectAudit("graduation.skillCertificate", voc, { type: "Enrolment", id }, { name: "汽车美容装潢工", level: "初级（五级）", number: "S-002" });
  });
});

describe("grades and files sent back to the original middle school", () => {
  test("sent by the vocational school, received by the middle school on a date not before it was sent", async () => {
    const id = await graduate();
    const sent = await sendGrades(voc, { enrolmentId: id, sentOn: "2020-07-06", comment: "成绩单、档案" }, JULY_10);
    expect(await code(sendGrades(voc, { enrolmentId: id, sentOn: "2020-07-06" }, JULY_10))).toBe("CONFLICT");
    await expect(receiveGrades(ms, { eventId: sent.id, receivedOn: "2020-07-05" }, JULY_10)).rejects.toThrow(/不能早于职业学校送回的日期/);
    expect(await code(receiveGrades(msB, { eventId: sent.id, receivedOn: "2020-07-08" }, JULY_10))).toBe("NOT_FOUND");
    await receiveGrades(ms, { eventId: sent.id, receivedOn: "2020-07-08" }, JULY_10);
    expect(await testDb().statusEvent.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ receivedOn: "2020-07-08", receivedById: p.users.schoolA.id });
    expect(await code(receiveGrades(ms, { eventId: sent.id, receivedOn: "2020-07-09" }, JULY_10))).toBe("CONFLICT");
  });
});

describe("lists per school of who still lacks a certificate", () => {
  test("counts and lists by what is missing, scoped to the reader", async () => {
    const complete = await graduate();
    await sendGrades(voc, { enrolmentId: complete, sentOn: "2020-07-06" }, JULY_10);
    const sent = await testDb().statusEvent.findFirstOrThrow({ where: { enrolmentId: complete, type: "GRADES_SENT" } });
    await receiveGrades(ms, { eventId: sent.id, receivedOn: "2020-07-07" }, JULY_10);
    await recordCompulsoryCertificate(ms, { enrolmentId: complete, number: "C-1", issuedOn: "2020-07-08" }, JULY_10);
    await recordSkillCertificate(voc, { enrolmentId: complete, name: "电工", level: "初级", number: "E-1", issuedOn: "2020-07-08" }, JULY_10);
    const noSkill = await graduate();
    await recordCompulsoryCertificate(ms, { enrolmentId: noSkill, number: "C-2", issuedOn: "2020-07-08" }, JULY_10);
    const fromB = await graduate(p.schoolB.id);

    const board = await graduationBoard(voc, 2020, { missing: "ANY" });
    const ids = board.rows.map((r) => r.id);
    expect(ids).toContain(noSkill);
    expect(ids).toContain(fromB);
    expect(ids).not.toContain(complete);
    expect(board.rows.find((r) => r.id === complete)).toBeUndefined();
    expect((await graduationBoard(voc, 2020, {})).rows.find((r) => r.id === complete)?.gaps).toEqual([]);
    expect((await graduationBoard(voc, 2020, { missing: "COMPULSORY" })).rows.map((r) => r.id)).not.toContain(noSkill);
    expect((await graduationBoard(voc, 2020, { missing: "SKILL" })).rows.map((r) => r.id)).toContain(noSkill);
    // Per school: the numbers equal a recount of the list.
    const all = await graduationBoard(voc, 2020, {});
    const school = all.schools.find((s) => s.schoolId === p.vocA.id)!;
    expect(school.graduates).toBe(all.rows.length);
    expect(school.missingAny).toBe(board.rows.length);
    // Scope: school B's middle school sees only its own graduates; the county its county's.
    expect((await graduationBoard(msB, 2020, {})).rows.map((r) => r.id)).toEqual([fromB]);
    expect((await graduationBoard(county, 2020, {})).rows.map((r) => r.id)).not.toContain(fromB);
    expect((await graduationBoard(prefecture, 2020, {})).rows.map((r) => r.id)).toEqual(expect.arrayContaining([complete, noSkill, fromB]));
  });
});

describe("升学去向 feeds autumn registration", () => {
  test("a path other than 继续在本校 refuses 注册中职学籍, and 继续在本校 refuses 不继续; nothing stored", async () => {
    const other = await graduate();
    await setContinuation(voc, { enrolmentId: other, path: "OTHER_HIGH_SCHOOL", note: "报考楚雄一中" });
    await expectAudit("graduation.continuation", voc, { type: "Enrolment", id: other }, { to: "报考其他高中阶段学校", note: "报考楚雄一中" });
    await expect(decideRegistration(voc, { enrolmentIds: [other], decision: "REGISTERED" }, SEP_10)).rejects.toThrow(/升学去向为“报考其他高中阶段学校”，不能在本校注册中职学籍/);
    const here = await graduate();
    await setContinuation(voc, { enrolmentId: here, path: "CONTINUE_HERE" });
    await expect(decideRegistration(voc, { enrolmentIds: [here], decision: "NOT_CONTINUING" }, SEP_10)).rejects.toThrow(/应注册中职学籍/);
    expect(await testDb().enrolment.count({ where: { id: { in: [other, here] }, registrationDecision: { not: null } } })).toBe(0);
    await decideRegistration(voc, { enrolmentIds: [here], decision: "REGISTERED" }, SEP_10);
    await decideRegistration(voc, { enrolmentIds: [other], decision: "NOT_CONTINUING" }, SEP_10);
    // After registration the path must agree with the decision.
    await expect(setContinuation(voc, { enrolmentId: here, path: "OTHER" , note: "就业" })).rejects.toThrow(/与升学去向“其他”不符/);
  });

  test("registering a student still 在读 graduates them (date of the decision) and records 继续在本校", async () => {
    const id = await student();
    await decideRegistration(voc, { enrolmentIds: [id], decision: "REGISTERED" }, SEP_10);
    expect(await testDb().enrolment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "GRADUATED", graduatedOn: "2020-09-10", continuationPath: "CONTINUE_HERE" });
  });

  test("附件6 is refused while a graduate has no registration decision", async () => {
    // A school of its own whose only student graduated but is not registered yet.
    const school = await createVocationalSchool(testDb(), p.prefecture.id, { countyId: p.countyA.id });
    const own = await actorFor(await createUser(testDb(), { role: "VOCATIONAL_SCHOOL", orgId: school.id }));
    const id = await student("ENROLLED", p.schoolA.id, school.id);
    await completeProgramme(own, { enrolmentIds: [id], completedOn: "2020-07-03" }, JULY_10);
    await expect(submitAnnex6(own, {}, 2020, SEP_10)).rejects.toThrow(/还有在读学生未办理秋季注册/);
    expect(await testDb().annex6Submission.count({ where: { vocationalSchoolId: school.id } })).toBe(0);
    await decideRegistration(own, { enrolmentIds: [id], decision: "REGISTERED" }, SEP_10);
    await expect(submitAnnex6(own, {}, 2020, SEP_10)).resolves.toMatchObject({ version: 1, rowCount: 1 });
  });

  test("a path for a student who did not graduate is refused; 其他 needs its note", async () => {
    expect(await code(setContinuation(voc, { enrolmentId: await student(), path: "CONTINUE_HERE" }))).toBe("INVALID_STATE");
    await expect(setContinuation(voc, { enrolmentId: await graduate(), path: "OTHER" })).rejects.toThrow(/请写明去向/);
  });
});

describe("after graduation the 职教班 stage is over", () => {
  test("a graduate cannot be recorded as leaving (history kept, not attrition)", async () => {
    const { recordLeave } = await import("@/server/student-status/write");
    const id = await graduate();
    await expect(recordLeave(voc, { enrolmentId: id, type: "LEFT_DROPOUT", occurredOn: "2020-07-08", comment: "外出务工" }, JULY_10)).rejects.toThrow(/已完成义务教育阶段（职教班阶段已结束/);
    expect(await testDb().enrolment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "GRADUATED" });
  });
});
