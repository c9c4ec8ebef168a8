import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, afterConstraintError, testDb } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createApplications } from "../../../prisma/factories/applications";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { sendOff } from "@/server/send-off/send-off";
import { assignToClass, listEnrolments, listOverdueArrivals, recordArrival, saveClass, setStudentNo, setStudentNoPattern } from "@/server/reception/reception";
import { sendOffProgress } from "@/server/progress/progress";
import type { Actor } from "@/server/auth/load-actor";

const MAY_6 = new Date("2020-05-06T01:00:00Z");
const MAY_8 = new Date("2020-05-08T02:00:00Z");
const MAY_11 = new Date("2020-05-11T02:00:00Z");
const JULY = new Date("2020-07-01T02:00:00Z"); // after 稳定期 (ends 2020-06-04)

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let voc: Actor;
let enrolmentIds: string[];

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb());
  await createIssuedPlan(testDb(), {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: 50, shanghaiTask: 5 }, { countyId: p.countyB.id, sendOffCap: 50 }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 50, shanghaiTask: 2 }, { vocationalSchoolId: p.vocP.id, enrolCap: 50 }],
  });
  await allocate(testDb(), 2020, p.schoolA.id, 20);
  await approveImplementationPlans(testDb(), { year: 2020, countyIds: [p.countyA.id], byUserId: p.users.prefecture.id });
  const ids = await createApplications(testDb(), { count: 5, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
  const sh = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, shanghaiFlag: true });
  await sendOff(await actorFor(p.users.schoolA), { applicationIds: [...ids, ...sh] }, MAY_6);
  voc = await actorFor(p.users.vocA);
  enrolmentIds = (await testDb().enrolment.findMany({ where: { applicationId: { in: [...ids, ...sh] } }, orderBy: { id: "asc" } })).map((e) => e.id);
});

describe("reception (报到)", () => {
  test("the school records arrivals; the overdue list shows students not arrived 3 days after send-off", async () => {
    await recordArrival(voc, { enrolmentIds: enrolmentIds.slice(0, 4), status: "ARRIVED", arrivedOn: "2020-05-07" }, MAY_8);
    const county = await actorFor(p.users.countyA);
    expect(await listOverdueArrivals(county, MAY_8)).toHaveLength(0); // only 2 days since May 6
    const overdue = await listOverdueArrivals(county, MAY_11);
    expect(overdue.map((o) => o.id).sort()).toEqual(enrolmentIds.slice(4).sort());
    expect(await listOverdueArrivals(await actorFor(p.users.schoolB), MAY_11)).toHaveLength(0);
  });

  test("arrival dates must lie between send-off and today; outside the reception window it is refused", async () => {
    await expect(recordArrival(voc, { enrolmentIds: [enrolmentIds[4]], status: "ARRIVED", arrivedOn: "2020-05-05" }, MAY_8)).rejects.toThrow(/早于送读日期/);
    await expect(recordArrival(voc, { enrolmentIds: [enrolmentIds[4]], status: "ARRIVED", arrivedOn: "2020-05-09" }, MAY_8)).rejects.toThrow(/不能晚于今天/);
    await expect(recordArrival(voc, { enrolmentIds: [enrolmentIds[4]], status: "NOT_ARRIVED" }, JULY)).rejects.toThrow(/报到登记期为 2020年5月6日至2020年6月4日，当前不在报到登记期/);
  });

  test("another school cannot touch these students; other roles may not record arrivals", async () => {
    const other = await testDb().user.create({ data: { username: `voc-p-${Date.now()}`, displayName: "x", passwordHash: "x", role: "VOCATIONAL_SCHOOL", vocationalSchoolId: p.vocP.id } });
    await expect(recordArrival(await actorFor(other), { enrolmentIds: [enrolmentIds[0]], status: "NOT_ARRIVED" }, MAY_8)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(recordArrival(await actorFor(p.users.countyA), { enrolmentIds: [enrolmentIds[0]], status: "NOT_ARRIVED" }, MAY_8)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const page = await listEnrolments(await actorFor(other), { q: "", page: 1, arrival: "", classId: "" }, 2020);
    expect(page.total).toBe(0);
  });

  test("progress counts come from the database, with the ※ task", async () => {
    const pr = await sendOffProgress(await actorFor(p.users.prefecture), 2020);
    const a = pr.counties.find((c) => c.id === p.countyA.id)!;
    expect(a).toMatchObject({ cap: 50, sent: 6, arrived: 4, shanghai: 1, shanghaiTask: 5 });
    const v = pr.vocationalSchools.find((c) => c.id === p.vocA.id)!;
    expect(v).toMatchObject({ cap: 50, sent: 6, shanghaiTask: 2, shanghai: 1 });
    const county = await sendOffProgress(await actorFor(p.users.countyA), 2020);
    expect(county.counties.map((c) => c.id)).toEqual([p.countyA.id]);
    expect(county.middleSchools.find((s) => s.id === p.schoolA.id)).toMatchObject({ allocation: 20, sent: 6 });
  });
});

describe("classes (编班) and 学号", () => {
  test("assigning over the class size is refused; 学号 follow the school's pattern; duplicates refused", async () => {
    const cls = await saveClass(voc, { name: "2020级汽修1班", code: "1", major: "汽车运用与维修", sizeLimit: 3, headTeacherName: "赵老师", headTeacherPhone: "13812345678" }, MAY_8);
    await expect(assignToClass(voc, { classId: cls.id, enrolmentIds: enrolmentIds.slice(0, 4) })).rejects.toThrow(/班额 3 人，已有 0 人，剩余 3 个位置，本次选择 4 人/);
    await setStudentNoPattern(voc, { pattern: "{year}{class:2}{seq:3}" });
    const r = await assignToClass(voc, { classId: cls.id, enrolmentIds: enrolmentIds.slice(0, 3) });
    expect(r).toEqual({ assigned: 3, remaining: 0 });
    const nos = (await testDb().enrolment.findMany({ where: { classId: cls.id }, orderBy: { studentNo: "asc" } })).map((e) => e.studentNo);
    expect(nos).toEqual(["202001001", "202001002", "202001003"]);
    await expect(assignToClass(voc, { classId: cls.id, enrolmentIds: [enrolmentIds[3]] })).rejects.toMatchObject({ code: "CAP_EXCEEDED" });
    await expect(setStudentNo(voc, { enrolmentId: enrolmentIds[3], studentNo: nos[0]! })).rejects.toThrow(/学号 202001001 已分配给/);
    await setStudentNo(voc, { enrolmentId: enrolmentIds[0], studentNo: "202001099" });
    await expect(saveClass(voc, { id: cls.id, name: "2020级汽修1班", code: "1", major: "汽车运用与维修", sizeLimit: 2, headTeacherName: "赵老师", headTeacherPhone: "13812345678" }, MAY_8)).rejects.toThrow(/班额不能改为 2/);
    await expect(saveClass(voc, { name: "2020级汽修1班", code: "9", major: "汽修", sizeLimit: 3, headTeacherName: "赵老师", headTeacherPhone: "13812345678" }, MAY_8)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await testDb().auditLog.count({ where: { action: "class.assign", entityId: cls.id } })).toBe(1);
  });

  test("the database itself refuses a duplicate 学号 in one school", async () => {
    await testDb().enrolment.update({ where: { id: enrolmentIds[4] }, data: { studentNo: "DUP-1" } });
    await expect(testDb().enrolment.update({ where: { id: enrolmentIds[5] }, data: { studentNo: "DUP-1" } })).rejects.toThrow();
    await afterConstraintError();
  });
});
