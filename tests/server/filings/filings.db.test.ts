import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, afterConstraintError, testDb } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { createApplications, fakeExe, tinyPdf, tinyPng } from "../../../prisma/factories/applications";
import { sendOff } from "@/server/send-off/send-off";
import { reviewFiling, saveFiling, waiveSendOffGate } from "@/server/filings/write";
import { getFiling, myFilings, plannedFigureProposals, reviewBoard } from "@/server/filings/read";
import { getDocumentForDownload } from "@/server/documents/documents";
import { saveCalendarSettings } from "@/server/calendar/edit-calendar";

const SEND_WINDOW = new Date("2020-05-08T02:00:00Z"); // 送读期 2020-05-06 … 05-14
const MARCH_31_EVENING = new Date("2020-03-31T15:59:00Z"); // 23:59 Beijing, the due day
const APRIL_1 = new Date("2020-03-31T16:00:00Z"); // 00:00 Beijing Apr 1: one day past 3月31日

/** A minimal DOCX: a ZIP whose entries include word/document.xml (what the server checks from the bytes). */
function tinyDocx(): Uint8Array {
  const name = Buffer.from("word/document.xml");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(name.length, 26);
  return new Uint8Array(Buffer.concat([header, name, Buffer.from("<w:document/>")]));
}

const PLAN = { summary: "成立领导小组，3月完成宣传动员，按州计划组织送读，落实巩固责任。" };

type Mini = Awaited<ReturnType<typeof createMiniPrefecture>>;
let p: Mini;

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb());
  await createIssuedPlan(testDb(), {
    year: 2020, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: 100 }, { countyId: p.countyB.id, sendOffCap: 100 }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 100 }, { vocationalSchoolId: p.vocP.id, enrolCap: 100 }],
  });
  await allocate(testDb(), 2020, p.schoolA.id, 100);
  await allocate(testDb(), 2020, p.schoolB.id, 100);
});

const apps = (school: "A" | "B", voc: "A" | "P" = "A") =>
  createApplications(testDb(), {
    count: 1, middleSchoolId: school === "A" ? p.schoolA.id : p.schoolB.id, vocationalSchoolId: voc === "A" ? p.vocA.id : p.vocP.id,
    enteredById: school === "A" ? p.users.schoolA.id : p.users.schoolB.id,
  });

describe("实施方案 gates send-off (八（一）“审核通过后才能实施”)", () => {
  test("refused for a county without an approved plan, naming the missing approval; accepted after return → resubmit → approval", async () => {
    const county = await actorFor(p.users.countyA);
    const prefecture = await actorFor(p.users.prefecture);
    const [id] = await apps("A");
    await expect(sendOff(county, { applicationIds: [id] }, SEND_WINDOW)).rejects.toThrow(/实施方案尚未经州教育体育局审核通过/);
    expect(await testDb().enrolment.count({ where: { applicationId: id } })).toBe(0);

    const v1 = await saveFiling(county, { kind: "IMPLEMENTATION_PLAN", year: 2020, content: PLAN, submit: true }, new Date("2020-03-20T02:00:00Z"));
    await expect(sendOff(county, { applicationIds: [id] }, SEND_WINDOW)).rejects.toThrow(/实施方案尚未经州教育体育局审核通过/);
    await reviewFiling(prefecture, { id: v1.id, decision: "RETURN", comment: "请补充巩固措施和责任分工" });
    const v2 = await saveFiling(county, { kind: "IMPLEMENTATION_PLAN", year: 2020, content: { summary: `${PLAN.summary}巩固措施：包保到人。` }, submit: true }, new Date("2020-03-25T02:00:00Z"));
    expect(v2.version).toBe(2);
    await reviewFiling(prefecture, { id: v2.id, decision: "APPROVE", comment: "" });
    await expect(sendOff(county, { applicationIds: [id] }, SEND_WINDOW)).resolves.toMatchObject({ sent: 1 });
  });

  test("a returned filing keeps its first version as it was; the new version starts from it", async () => {
    const rows = await testDb().filing.findMany({ where: { kind: "IMPLEMENTATION_PLAN", countyId: p.countyA.id }, orderBy: { version: "asc" } });
    expect(rows.map((r) => [r.version, r.status])).toEqual([[1, "RETURNED"], [2, "APPROVED"]]);
    expect(rows[0].content).toEqual(PLAN);
    expect(rows[0].reviewComment).toBe("请补充巩固措施和责任分工");
    expect(rows[0].submittedOn).toBe("2020-03-20");
    const audits = await testDb().auditLog.findMany({ where: { entityType: "Filing", entityId: { in: rows.map((r) => r.id) } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["filing.submit", "filing.return", "filing.submit", "filing.approve"]);
  });

  test("a prefecture waiver with a reason lets a county send off without an approved plan (audited)", async () => {
    const [id] = await apps("B");
    const county = await actorFor(p.users.countyB);
    await expect(sendOff(county, { applicationIds: [id] }, SEND_WINDOW)).rejects.toThrow(/实施方案尚未经州教育体育局审核通过/);
    await expect(waiveSendOffGate(await actorFor(p.users.countyB), { year: 2020, filerKey: `county:${p.countyB.id}`, reason: "自行豁免" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const prefecture = await actorFor(p.users.prefecture);
    await waiveSendOffGate(prefecture, { year: 2020, filerKey: `county:${p.countyB.id}`, reason: "方案已纸质报送，系统补录中" });
    await expect(waiveSendOffGate(prefecture, { year: 2020, filerKey: `county:${p.countyB.id}`, reason: "重复" })).rejects.toThrow(/无需重复豁免/);
    await expect(sendOff(county, { applicationIds: [id] }, SEND_WINDOW)).resolves.toMatchObject({ sent: 1 });
    const a = await testDb().auditLog.findFirstOrThrow({ where: { action: "filing.waive" }, orderBy: { id: "desc" } });
    expect(a.summary).toMatchObject({ reason: "方案已纸质报送，系统补录中", filerKey: `county:${p.countyB.id}` });
  });

  test("a prefecture-level school receives students only once its own 实施方案 is approved (decision 016)", async () => {
    const [id] = await apps("A", "P");
    const county = await actorFor(p.users.countyA); // county A is approved (first test)
    await expect(sendOff(county, { applicationIds: [id] }, SEND_WINDOW)).rejects.toThrow(/不能向该校送读学生/);
    await waiveSendOffGate(await actorFor(p.users.prefecture), { year: 2020, filerKey: `voc:${p.vocP.id}`, reason: "学院方案在州局审核中" });
    await expect(sendOff(county, { applicationIds: [id] }, SEND_WINDOW)).resolves.toMatchObject({ sent: 1 });
  });
});

describe("deadlines on the training clock", () => {
  test("实施方案 shows the countdown on the due day and 逾期 the day after; the bureau's setting moves the date", async () => {
    const county = await actorFor(p.users.countyB);
    const card = async (now: Date) => (await myFilings(county, 2020, now)).find((c) => c.kind === "IMPLEMENTATION_PLAN")!;
    expect((await card(MARCH_31_EVENING)).deadline).toMatchObject({ kind: "open", label: "今天截止" });
    expect((await card(APRIL_1)).deadline).toMatchObject({ kind: "overdue", label: "逾期 1 天" });
    const board = await reviewBoard(await actorFor(p.users.prefecture), "IMPLEMENTATION_PLAN", 2020, APRIL_1);
    expect(board.find((r) => r.filerKey === `county:${p.countyB.id}`)).toMatchObject({ status: null, statusLabel: "未报送", deadline: { kind: "overdue" } });
    expect(board.find((r) => r.filerKey === `county:${p.countyA.id}`)?.deadline).toMatchObject({ kind: "filed", late: false });

    const cal = await testDb().yearCalendar.findUniqueOrThrow({ where: { year: 2020 } });
    await saveCalendarSettings(await actorFor(p.users.prefecture), {
      year: 2020, version: cal.version, mayDayHolidayEnd: cal.mayDayHolidayEnd, extraNonWorkingDays: [], makeUpWorkingDays: [],
      makeUpSaturdaysCount: false, autumnRegistrationDate: cal.autumnRegistrationDate, countyPlanDeadline: "2020-04-10",
    });
    expect((await card(APRIL_1)).deadline).toMatchObject({ kind: "open", daysLeft: 9 });
    const after = await testDb().yearCalendar.findUniqueOrThrow({ where: { year: 2020 } });
    await saveCalendarSettings(await actorFor(p.users.prefecture), {
      year: 2020, version: after.version, mayDayHolidayEnd: cal.mayDayHolidayEnd, extraNonWorkingDays: [], makeUpWorkingDays: [],
      makeUpSaturdaysCount: false, autumnRegistrationDate: cal.autumnRegistrationDate, countyPlanDeadline: null,
    });
    expect((await card(APRIL_1)).due).toBe("2020-03-31");
  });
});

describe("附件5 teaching plans are filed with the county bureau (备案)", () => {
  const plan = {
    managementMode: "按全日制在校生管理，分管副校长负责。", teachingGoals: "开齐开足义务教育课程，掌握一项职业技能。",
    classes: [{ name: "2020级职教1班", major: "汽车运用与维修", size: 45, headTeacherName: "王老师", headTeacherPhone: "13800001111" }],
    compulsoryCourses: [{ name: "语文", weeklyHours: 5 }], vocationalCourses: [{ name: "汽车构造", weeklyHours: 6 }],
    retentionMeasures: "班主任包保到人，每月家访。", assessment: "学业合格、技能达标、巩固率95%以上。",
  };

  test("an incomplete plan may be saved but not submitted; the county bureau files it (已备案), not the prefecture", async () => {
    const voc = await actorFor(p.users.vocA);
    await expect(saveFiling(voc, { kind: "TEACHING_PLAN", year: 2020, content: { ...plan, classes: [] }, submit: true }, SEND_WINDOW))
      .rejects.toThrow("还不能提交，请先填写：班级设立（至少一个班级）。可以先保存为草稿。");
    const draft = await saveFiling(voc, { kind: "TEACHING_PLAN", year: 2020, content: { ...plan, classes: [] }, submit: false }, SEND_WINDOW);
    expect(draft).toMatchObject({ version: 1, status: "DRAFT" });
    const sub = await saveFiling(voc, { kind: "TEACHING_PLAN", year: 2020, content: plan, submit: true, file: { name: "附件5.docx", bytes: tinyDocx() } }, SEND_WINDOW);
    expect(sub).toMatchObject({ id: draft.id, version: 1, status: "SUBMITTED" });
    await expect(reviewFiling(await actorFor(p.users.prefecture), { id: sub.id, decision: "APPROVE", comment: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reviewFiling(await actorFor(p.users.countyB), { id: sub.id, decision: "APPROVE", comment: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await reviewFiling(await actorFor(p.users.countyA), { id: sub.id, decision: "APPROVE", comment: "" });
    const board = await reviewBoard(await actorFor(p.users.countyA), "TEACHING_PLAN", 2020, SEND_WINDOW);
    expect(board).toEqual([expect.objectContaining({ filerKey: `voc:${p.vocA.id}`, statusLabel: "已备案", deadline: expect.objectContaining({ kind: "filed", late: true }) })]);
    const doc = (await getFiling(await actorFor(p.users.countyA), sub.id)).document!;
    expect(doc.fileName).toBe("附件5.docx");
    // The reviewing county opens the school's attachment; another county cannot.
    await expect(getDocumentForDownload(await actorFor(p.users.countyA), doc.id)).resolves.toMatchObject({ fileName: "附件5.docx" });
    await expect(getDocumentForDownload(await actorFor(p.users.countyB), doc.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("bad input: a clear message, nothing stored", () => {
  test("submitting after approval, or while waiting for review, is refused", async () => {
    const county = await actorFor(p.users.countyA);
    await expect(saveFiling(county, { kind: "IMPLEMENTATION_PLAN", year: 2020, content: PLAN, submit: true }, SEND_WINDOW)).rejects.toThrow(/已审核通过，不能再修改或提交/);
    const voc = await actorFor(p.users.vocA);
    await saveFiling(voc, { kind: "PLANNED_FIGURES", year: 2021, content: { figure: 120, note: "新增一个专业" }, submit: true }, SEND_WINDOW);
    await expect(saveFiling(voc, { kind: "PLANNED_FIGURES", year: 2021, content: { figure: 130, note: "" }, submit: false }, SEND_WINDOW)).rejects.toThrow(/正在等待审核，不能修改或重复提交/);
    expect(await testDb().filing.count({ where: { kind: "PLANNED_FIGURES", year: 2021, vocationalSchoolId: p.vocA.id } })).toBe(1);
  });

  test("nobody approves their own filing; another county's filing is not found", async () => {
    const b = await actorFor(p.users.countyB);
    const own = await saveFiling(b, { kind: "ANNUAL_REPORT", year: 2020, content: { summary: "全年送读工作总结。" }, submit: true }, new Date("2020-09-20T02:00:00Z"));
    await expect(reviewFiling(b, { id: own.id, decision: "APPROVE", comment: "" })).rejects.toThrow("不能审核本单位自己报送的材料，须由上级教育体育局审核。");
    await expect(reviewFiling(await actorFor(p.users.countyA), { id: own.id, decision: "APPROVE", comment: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getFiling(await actorFor(p.users.countyA), own.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getFiling(await actorFor(p.users.vocA), own.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await testDb().filing.findUniqueOrThrow({ where: { id: own.id } })).status).toBe("SUBMITTED");
    await expect(reviewFiling(await actorFor(p.users.prefecture), { id: own.id, decision: "RETURN", comment: "" })).rejects.toThrow(/退回修改时请填写意见/);
  });

  test("an organisation cannot file a kind that is not its own (the filer always comes from the session)", async () => {
    // A county vocational school files no 实施方案; a middle school files nothing.
    await expect(saveFiling(await actorFor(p.users.vocA), { kind: "IMPLEMENTATION_PLAN", year: 2020, content: PLAN, submit: true }, SEND_WINDOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveFiling(await actorFor(p.users.schoolA), { kind: "PLANNED_FIGURES", year: 2021, content: { figure: 1 }, submit: true }, SEND_WINDOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await testDb().filing.count({ where: { kind: "IMPLEMENTATION_PLAN", vocationalSchoolId: p.vocA.id } })).toBe(0);
  });

  test("a wrong file type or an oversized file is refused and nothing is stored", async () => {
    const county = await actorFor(p.users.countyB);
    const before = await testDb().document.count();
    const filingsBefore = await testDb().filing.count({ where: { countyId: p.countyB.id } });
    for (const [file, msg] of [
      [{ name: "方案.docx", bytes: new Uint8Array(fakeExe()) }, /不是PDF 文件、Word 文档（DOCX）或 Excel 表格（XLSX）/],
      [{ name: "方案.png", bytes: new Uint8Array(tinyPng()) }, /按文件内容判断/],
      [{ name: "方案.pdf", bytes: new Uint8Array(Buffer.concat([tinyPdf(), Buffer.alloc(20 * 1024 * 1024)])) }, /超过 20 MB 的上限/],
    ] as const) {
      await expect(saveFiling(county, { kind: "IMPLEMENTATION_PLAN", year: 2020, content: PLAN, submit: true, file }, SEND_WINDOW)).rejects.toThrow(msg);
    }
    expect(await testDb().document.count()).toBe(before);
    expect(await testDb().filing.count({ where: { countyId: p.countyB.id } })).toBe(filingsBefore);
    await afterConstraintError();
  });

  test("a report for a year without data is refused", async () => {
    await expect(saveFiling(await actorFor(p.users.countyA), { kind: "ANNUAL_REPORT", year: 2019, content: { summary: "总结" }, submit: false }, SEND_WINDOW))
      .rejects.toThrow("2019年没有下达送读招生计划，也没有送读数据，不能报送该年度的招生情况及工作总结。请核对年度。");
    expect(await testDb().filing.count({ where: { kind: "ANNUAL_REPORT", year: 2019 } })).toBe(0);
  });
});

describe("the September report freezes the figures at submission", () => {
  test("figures come from the data; later changes do not alter the submitted report", async () => {
    const county = await actorFor(p.users.countyA);
    const e = await testDb().enrolment.findFirstOrThrow({ where: { countyId: p.countyA.id, year: 2020 } });
    await testDb().enrolment.update({ where: { id: e.id }, data: { arrivalStatus: "ARRIVED", arrivedOn: "2020-05-09" } });
    const r = await saveFiling(county, { kind: "ANNUAL_REPORT", year: 2020, content: { summary: "2020年工作总结" }, submit: true }, new Date("2020-09-25T02:00:00Z"));
    const row = await testDb().filing.findUniqueOrThrow({ where: { id: r.id } });
    // County A sent off 2 students (one to 州属 school P), 1 arrived, no roster confirmed: retention "—".
    expect((row.content as { figures: unknown }).figures).toEqual({
      sentOff: 2, arrived: 1, confirmed: 0, left: { returnMiddleSchool: 0, otherHighSchool: 0, dropout: 0, other: 0 },
      exemptLeavers: 0, registered: 0, retention: null,
    });
    await testDb().enrolment.updateMany({ where: { countyId: p.countyA.id }, data: { arrivalStatus: "ARRIVED" } });
    const again = await testDb().filing.findUniqueOrThrow({ where: { id: r.id } });
    expect((again.content as { figures: { arrived: number } }).figures.arrived).toBe(1);
  });
});

describe("planned figures (附件2 备注3) reach the prefecture's plan editor", () => {
  test("the latest submitted figure per unit, counties first; drafts are not shown", async () => {
    await saveFiling(await actorFor(p.users.countyA), { kind: "PLANNED_FIGURES", year: 2022, content: { figure: 300, note: "按30%以内测算" }, submit: true }, SEND_WINDOW);
    await saveFiling(await actorFor(p.users.countyB), { kind: "PLANNED_FIGURES", year: 2022, content: { figure: 99, note: "" }, submit: false }, SEND_WINDOW);
    await saveFiling(await actorFor(p.users.vocA), { kind: "PLANNED_FIGURES", year: 2022, content: { figure: 120, note: "" }, submit: true }, SEND_WINDOW);
    const rows = await plannedFigureProposals(await actorFor(p.users.prefecture), 2022);
    expect(rows.map((r) => [r.type, r.name, r.figure, r.note])).toEqual([
      ["county", p.countyA.name, 300, "按30%以内测算"], ["voc", p.vocA.name, 120, ""],
    ]);
    await expect(plannedFigureProposals(await actorFor(p.users.vocA), 2022)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
