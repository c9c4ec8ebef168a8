import { beforeAll, describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import { actorFor, testDb } from "../../support/db";
import { createCounty, createMiddleSchool, createMiniPrefecture, createUser } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createApplications } from "../../../prisma/factories/applications";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { sendOff } from "@/server/send-off/send-off";
import { assignToClass, recordArrival, saveClass } from "@/server/reception/reception";
import {
  annex4Sheets, answerDiscrepancy, checkRosterRow, confirmAllRows, receiveRoster, releaseRoster, rosterBoard,
  schoolDiscrepancies, submitRoster, type RosterRow,
} from "@/server/roster/roster";
import { writeAnnex4 } from "@/server/exports/annex4";
import type { Actor } from "@/server/auth/load-actor";
import { countyRosterPage } from "@/server/roster/county-check";

const SEND = new Date("2020-05-07T02:00:00Z");
const CONFIRM = new Date("2020-06-08T02:00:00Z"); // 确认期 2020-06-05 … 2020-06-11
const STABILISATION = new Date("2020-05-20T02:00:00Z");

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let voc: Actor, prefecture: Actor, countyA: Actor, countyB: Actor;
let countyC: { id: string; name: string };

beforeAll(async () => {
  const db = testDb();
  p = await createMiniPrefecture(db);
  countyC = await createCounty(db, p.prefecture.id, { sortOrder: 3 });
  await createStandardCalendar(db);
  await createIssuedPlan(db, {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [p.countyA, p.countyB, countyC].map((c) => ({ countyId: c.id, sendOffCap: 100 })),
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 100 }, { vocationalSchoolId: p.vocP.id, enrolCap: 100 }],
  });
  await approveImplementationPlans(db, { year: 2020, countyIds: [p.countyA.id, p.countyB.id, countyC.id], byUserId: p.users.prefecture.id });
  // Deliberately shuffled: county C (order 3) first, then B (2), then A (1); two schools in A.
  const schoolA2 = await createMiddleSchool(db, p.countyA.id, { name: "甲县测试二中" });
  const schoolC = await createMiddleSchool(db, countyC.id);
  const made: string[] = [];
  for (const [school, n, cls] of [[schoolC.id, 2, "初三(2)班"], [p.schoolB.id, 2, "初三(1)班"], [schoolA2.id, 2, "初三(10)班"], [p.schoolA.id, 2, "初三(2)班"], [p.schoolA.id, 1, "初三(1)班"]] as const) {
    await allocate(db, 2020, school, 100);
    const u = await createUser(db, { role: "MIDDLE_SCHOOL", orgId: school });
    const ids = await createApplications(db, { count: n, middleSchoolId: school, vocationalSchoolId: p.vocA.id, enteredById: u.id, className: cls });
    await sendOff(await actorFor(u), { applicationIds: ids }, SEND);
    made.push(...ids);
  }
  // One student with an ID ending in X and a 学籍号 starting with 0 (must survive as text).
  await db.application.update({ where: { id: made[0] }, data: { idNumber: "53230119990101123X", studentNumber: "01234567890123" } });
  voc = await actorFor(p.users.vocA);
  prefecture = await actorFor(p.users.prefecture);
  countyA = await actorFor(p.users.countyA);
  countyB = await actorFor(p.users.countyB);
  const enrolments = await db.enrolment.findMany({ where: { vocationalSchoolId: p.vocA.id } });
  await recordArrival(voc, { enrolmentIds: enrolments.map((e) => e.id), status: "ARRIVED", arrivedOn: "2020-05-08" }, STABILISATION);
  const cls = await saveClass(voc, { name: "2020级电子1班", code: "1", major: "电子技术", sizeLimit: 50, headTeacherName: "钱老师", headTeacherPhone: "13912345678" }, SEND);
  await assignToClass(voc, { classId: cls.id, enrolmentIds: enrolments.map((e) => e.id) });
});

describe("roster submission (附件4)", () => {
  test("refused outside 确认期, naming the window", async () => {
    await expect(submitRoster(voc, {}, STABILISATION)).rejects.toThrow("确认期为 2020年6月5日至2020年6月11日，当前不在确认期，不能提交在读学生名单");
  });

  test("the snapshot is sorted by county order, then middle school, then class; resubmission needs a reason", async () => {
    const v1 = await submitRoster(voc, {}, CONFIRM);
    expect(v1.version).toBe(1);
    const rows = v1.rows as unknown as RosterRow[];
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => r.countyOrder)).toEqual([1, 1, 1, 1, 1, 2, 2, 3, 3]);
    const a = rows.filter((r) => r.countyOrder === 1).map((r) => `${r.middleSchoolName}|${r.middleSchoolClass}`);
    expect(a).toEqual([...a].sort((x, y) => {
      const [sx, cx] = x.split("|"); const [sy, cy] = y.split("|");
      return sx.localeCompare(sy, "zh-Hans-CN") || cx.localeCompare(cy, "zh-Hans-CN", { numeric: true });
    }));
    await expect(submitRoster(voc, {}, CONFIRM)).rejects.toThrow(/重新提交须填写原因/);
    const v2 = await submitRoster(voc, { reason: "更正学号" }, CONFIRM);
    expect(v2.version).toBe(2);
    expect((await testDb().rosterSubmission.findUniqueOrThrow({ where: { id: v1.id } })).supersededAt).not.toBeNull();
    expect(await testDb().auditLog.count({ where: { action: "roster.submit", entityId: v2.id } })).toBe(1);
  });

  test("only the vocational school submits", async () => {
    await expect(submitRoster(countyA, {}, CONFIRM)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("feedback to counties and county check", () => {
  test("the prefecture receives and releases; each county sees only its part; discrepancies reach the school", async () => {
    const board = await rosterBoard(prefecture, 2020);
    const row = board.find((b) => b.schoolId === p.vocA.id)!;
    expect(row.submission).toMatchObject({ version: 2, rowCount: 9 });
    // The counties it names, in the order of its frozen rows (read from the keys PostgreSQL derives from them).
    const frozen = (await testDb().rosterSubmission.findUniqueOrThrow({ where: { id: row.submission!.id } })).rows as { countyName: string }[];
    expect(row.submission!.counties).toEqual([...new Set(frozen.map((r) => r.countyName))]);
    expect(row.submission!.counties.length).toBeGreaterThan(1);
    expect(board.find((b) => b.schoolId === p.vocP.id)!.submission).toBeNull();
    await expect(releaseRoster(prefecture, { submissionId: row.submission!.id }, CONFIRM)).rejects.toThrow(/先确认接收/);
    await receiveRoster(prefecture, { submissionId: row.submission!.id }, CONFIRM);
    expect(await countyRosterPage(countyA, 2020)).toEqual({ summary: [], part: null }); // not yet released
    await releaseRoster(prefecture, { submissionId: row.submission!.id }, CONFIRM);

    const { summary, part } = await countyRosterPage(countyA, 2020);
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ total: 5, unchecked: 5, discrepancies: 0 });
    const mine = [{ submissionId: part!.submissionId, rows: part!.page.items }];
    expect(mine[0].rows.every((r) => r.countyId === p.countyA.id)).toBe(true);
    expect(mine[0].rows).toHaveLength(5);
    const other = await countyRosterPage(countyB, 2020);
    expect(other.part!.page.items).toHaveLength(2);
    expect(other.part!.page.items.every((r) => r.countyId === p.countyB.id)).toBe(true);

    const target = mine[0].rows[0];
    await expect(checkRosterRow(countyB, { submissionId: mine[0].submissionId, enrolmentId: target.enrolmentId, status: "CONFIRMED" }, CONFIRM)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(checkRosterRow(countyA, { submissionId: mine[0].submissionId, enrolmentId: target.enrolmentId, status: "DISCREPANCY" }, CONFIRM)).rejects.toThrow(/须写明情况/);
    await checkRosterRow(countyA, { submissionId: mine[0].submissionId, enrolmentId: target.enrolmentId, status: "DISCREPANCY", comment: "该生已回原校" }, CONFIRM);
    expect(await confirmAllRows(countyA, { submissionId: mine[0].submissionId }, CONFIRM)).toBe(4);

    const d = await schoolDiscrepancies(voc, 2020);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ comment: "该生已回原校", studentName: target.studentName });
    await answerDiscrepancy(voc, { checkId: d[0].id, answer: "经核实该生仍在校就读" }, CONFIRM);
    await expect(answerDiscrepancy(voc, { checkId: d[0].id, answer: "再次答复" }, CONFIRM)).rejects.toThrow(/已经答复过/);
    const again = await countyRosterPage(countyA, 2020);
    expect(again.summary[0]).toMatchObject({ total: 5, unchecked: 0, discrepancies: 1 });
    expect(again.part!.page.items.find((r) => r.enrolmentId === target.enrolmentId)!.check).toMatchObject({ status: "RESOLVED", answer: "经核实该生仍在校就读" });
    const objected = await countyRosterPage(countyA, 2020, { check: "DISCREPANCY" });
    expect(objected.part!.page.items.map((r) => r.enrolmentId)).toEqual([target.enrolmentId]);
    expect((await countyRosterPage(countyA, 2020, { q: target.idNumber })).part!.page.items.map((r) => r.enrolmentId)).toEqual([target.enrolmentId]);
    const paged = await countyRosterPage(countyA, 2020, { pageSize: 2, page: 3 });
    expect(paged.part!.page).toMatchObject({ page: 3, pageCount: 3, total: 5 });
    expect((await countyRosterPage(countyA, 2020, { pageSize: 2, page: 99 })).part!.page).toMatchObject({ page: 3, total: 5 }); // past the end: the last page
    expect(paged.part!.page.items.map((r) => r.enrolmentId)).toEqual(part!.page.items.slice(4).map((r) => r.enrolmentId));
  });
});

describe("附件4 export", () => {
  test("a school cannot export another school's roster; a county gets only its part", async () => {
    await expect(annex4Sheets(voc, { year: 2020, schoolId: p.vocP.id, source: "live" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const county = await annex4Sheets(countyB, { year: 2020, source: "submitted" });
    expect(county.flatMap((s) => s.rows).map((r) => r.countyName)).toEqual([p.countyB.name, p.countyB.name]);
    const all = await annex4Sheets(prefecture, { year: 2020, source: "submitted" });
    expect(all.map((s) => s.rows.length)).toEqual([9]);
  });

  test("IDs and numbers come back as typed text; header merges are in place", async () => {
    const sheets = await annex4Sheets(prefecture, { year: 2020, schoolId: p.vocA.id, source: "submitted" });
    const pass = new PassThrough();
    const chunks: Buffer[] = [];
    pass.on("data", (c) => chunks.push(c));
    await writeAnnex4(pass, sheets);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
    expect(values).toContain("53230119990101123X");
    expect(values).toContain("01234567890123");
    let idCell: ExcelJS.Cell | undefined;
    ws.eachRow((row) => row.eachCell((cell) => { if (cell.value === "01234567890123") idCell = cell; }));
    expect(typeof idCell!.value).toBe("string");
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    // Title and school lines across A:J; 序号…所属县市 down over both header rows; the two group headers;
    // the two 填报说明 rows under the last student.
    const notes = [6 + sheets[0].rows.length, 7 + sheets[0].rows.length].map((r) => `A${r}:J${r}`);
    expect([...merges].sort()).toEqual(["A2:J2", "A3:J3", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:H4", "I4:J4", ...notes].sort());
  });
});
