import { beforeAll, describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { actorFor, testDb, waitForLockWait, raceTest } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { maskIdNumber } from "@/lib/validators/id-number";
import { createMiddleSchool, createMiniPrefecture, createUser } from "../../../prisma/factories";
import { createYearCalendar } from "../../../prisma/factories/calendar";
import { applicationInput, createApplicationRow, importRow, importWorkbook, tinyPng, type ImportRow } from "../../../prisma/factories/applications";
import { importApplications, type ImportResult } from "@/server/applications/import";
import { buildApplicationTemplate } from "@/server/applications/template";
import { AppError } from "@/server/errors";
import { IMPORT_COLUMNS } from "@/lib/schemas/application-import";
import type { Actor } from "@/server/auth/load-actor";

const NOW = new Date("2020-05-08T02:00:00Z");

type Mini = Awaited<ReturnType<typeof createMiniPrefecture>>;
let m: Mini;
let vocAName: string;

/** A fresh middle school with its own account, so counts are not disturbed by other tests. */
async function freshSchool(countyId = m.countyA.id): Promise<{ actor: Actor; schoolId: string }> {
  const ms = await createMiddleSchool(testDb(), countyId);
  const u = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: ms.id });
  return { actor: await actorFor(u), schoolId: ms.id };
}

function rows(n: number): ImportRow[] {
  return Array.from({ length: n }, (_, i) =>
    importRow(applicationInput("x", { sex: i % 2 ? "FEMALE" : "MALE" }), vocAName),
  );
}

const file = async (r: ImportRow[], name = "报名.xlsx") => ({ name, bytes: new Uint8Array(await importWorkbook(r)) });

function failed(r: ImportResult) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error("expected failure");
  return r;
}

beforeAll(async () => {
  m = await createMiniPrefecture(testDb());
  vocAName = m.vocA.name;
  await createYearCalendar(testDb(), { year: 2020, mayDayHolidayEnd: "2020-05-05", updatedById: m.users.prefecture.id });
});

describe("bulk import", () => {
  test("50 valid rows are all stored as drafts in one batch, each audited", async () => {
    const { actor, schoolId } = await freshSchool();
    const progress: string[] = [];
    const r = await importApplications(actor, await file(rows(50)), NOW, { onProgress: (p) => progress.push(p.stage) });
    expect(r).toMatchObject({ ok: true, rows: 50, created: 50 });
    const stored = await testDb().application.findMany({ where: { middleSchoolId: schoolId } });
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((s) => s.importBatchId)).size).toBe(1);
    expect(stored.every((s) => s.status === "DRAFT" && s.enteredById === actor.userId && s.vocationalSchoolId === m.vocA.id)).toBe(true);
    expect(await testDb().auditLog.count({ where: { action: "application.import", entityId: { in: stored.map((s) => s.id) } } })).toBe(50);
    await expectAudit("application.import", actor, { type: "Application", id: stored[0].id }, { studentName: stored[0].studentName, idNumber: maskIdNumber(stored[0].idNumber) });
    expect(progress).toContain("check");
    expect(progress).toContain("save");
  });

  test("3 bad rows out of 50 store nothing and report exactly those 3, by row and column", async () => {
    const { actor, schoolId } = await freshSchool();
    const data = rows(50);
    // data index i is worksheet row i + 2
    const id = data[9].idNumber;
    data[9].idNumber = id.slice(0, 17) + (id[17] === "0" ? "1" : "0"); // row 11: wrong check digit
    data[24].guardianPhone = "1388781234"; // row 26: 10 digits
    data[39].vocationalSchool = "昆明职中"; // row 41: not a school of the prefecture
    const r = failed(await importApplications(actor, await file(data), NOW));
    expect(r.rows).toBe(50);
    expect(r.problems.map((p) => [p.row, p.column, p.header])).toEqual([
      [11, "L", "身份证号码"],
      [26, "O", "监护人联系电话"],
      [41, "P", "报名就读学校"],
    ]);
    expect(r.problems[0].message).toContain("校验位");
    expect(r.problems[1].message).toContain("11位");
    expect(r.problems[2].message).toContain("昆明职中");
    expect(r.message).toContain("全部未导入");
    expect(await testDb().application.count({ where: { middleSchoolId: schoolId } })).toBe(0);
  });

  test("an ID number live at another school is refused as 已在其他学校报名 (no school named), ID masked; a withdrawn one does not count", async () => {
    const other = await createApplicationRow(testDb(), { middleSchoolId: m.schoolB.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolB.id });
    const gone = await createApplicationRow(testDb(), { middleSchoolId: m.schoolB.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolB.id, status: "WITHDRAWN" });
    const { actor, schoolId } = await freshSchool();
    const data = rows(5);
    data[1].idNumber = other.idNumber;
    data[1].sex = other.sex === "FEMALE" ? "女" : "男";
    data[1].guardianRelation = "其他";
    data[3].idNumber = gone.idNumber;
    data[3].sex = gone.sex === "FEMALE" ? "女" : "男";
    data[3].guardianRelation = "其他";
    const r = failed(await importApplications(actor, await file(data), NOW));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 3, column: "L" });
    expect(r.problems[0].message).toContain("已在其他学校报名");
    expect(r.problems[0].message).not.toContain(m.schoolB.name);
    expect(r.problems[0].message).toContain(`${other.idNumber.slice(0, 6)}********${other.idNumber.slice(14)}`);
    expect(JSON.stringify(r)).not.toContain(other.idNumber);
    expect(await testDb().application.count({ where: { middleSchoolId: schoolId } })).toBe(0);
  });

  raceTest("two schools importing the same student at the same moment: one succeeds, the other is told 已在其他学校报名 without the school, audited", async () => {
    const a = await freshSchool(m.countyA.id);
    const b = await freshSchool(m.countyB.id);
    const shared = rows(1)[0];
    const results = await Promise.all([
      importApplications(a.actor, await file([shared, ...rows(2)]), NOW),
      importApplications(b.actor, await file([...rows(2), shared]), NOW),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = failed(results.find((r) => !r.ok)!);
    expect(refused.problems).toHaveLength(1);
    expect(refused.problems[0].column).toBe("L");
    expect(refused.problems[0].message).toContain("已在其他学校报名");
    // Issue 10 §11: the reply names neither the other school nor its county.
    const winner = results[0].ok ? a : b;
    const other = await testDb().middleSchool.findUniqueOrThrow({ where: { id: winner.schoolId }, include: { county: true } });
    expect(refused.problems[0].message).not.toContain(other.name);
    expect(refused.problems[0].message).not.toContain(other.county.name);
    const loser = results[0].ok ? b : a;
    const trail = await testDb().auditLog.findFirst({ where: { action: "application.importRefused", actorId: loser.actor.userId } });
    expect(trail?.summary).toMatchObject({ problems: 1, duplicates: 1, fileName: "报名.xlsx" });
    expect(await testDb().application.count({ where: { idNumber: shared.idNumber } })).toBe(1);
    expect(await testDb().application.count({ where: { middleSchoolId: { in: [a.schoolId, b.schoolId] } } })).toBe(3);
  });

  raceTest("an insert that loses the race on the unique index is reported as a row problem, not a crash", async () => {
    const a = await freshSchool(m.countyA.id);
    const data = rows(3);
    const shared = data[2].idNumber;
    let pending: Promise<ImportResult> | undefined;
    await testDb().$transaction(async (tx) => {
      // B's row exists but is not committed yet: A's duplicate check cannot see it, A's insert waits on the index.
      await createApplicationRow(tx as unknown as Parameters<typeof createApplicationRow>[0], {
        middleSchoolId: m.schoolB.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolB.id,
        input: { idNumber: shared, sex: data[2].sex === "女" ? "FEMALE" : "MALE", guardianRelation: data[2].guardianRelation },
      });
      pending = importApplications(a.actor, await file(data), NOW);
      // The competing insert has reached the unique index and waits for this transaction (no sleep).
      expect(await waitForLockWait('%INSERT INTO%"Application"%', pending)).toBe(true);
    });
    const r = failed(await pending!);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 4, column: "L" });
    expect(r.problems[0].message).toContain("已在其他学校报名");
    expect(r.problems[0].message).not.toContain(m.schoolB.name);
    expect(await testDb().application.count({ where: { middleSchoolId: a.schoolId } })).toBe(0);
  });

  test("the same ID twice in one file is reported on the second row", async () => {
    const { actor } = await freshSchool();
    const data = rows(4);
    data[3] = { ...data[1] };
    const r = failed(await importApplications(actor, await file(data), NOW));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 5, column: "L" });
    expect(r.problems[0].message).toContain("第3行");
  });

  test("an ID number stored as a number (digits lost) and a 学籍号 that lost its leading 0 are explained", async () => {
    const { actor } = await freshSchool();
    const data = rows(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await importWorkbook(data)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("报名申请")!;
    ws.getCell("L2").value = Number(data[0].idNumber.slice(0, 17));
    ws.getCell("K3").value = Number(data[1].studentNumber);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = failed(await importApplications(actor, { name: "x.xlsx", bytes }, NOW));
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([[2, "L"], [3, "K"]]);
    expect(r.problems[0].message).toContain("文本");
    expect(r.problems[1].message).toContain("开头的0");
  });

  test("a file that is not .xlsx, a file without the header, and an empty template are refused with what to do", async () => {
    const { actor } = await freshSchool();
    const refusal = async (bytes: Uint8Array) => {
      const e = await importApplications(actor, { name: "a.xlsx", bytes }, NOW).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).message;
    };
    expect(await refusal(new Uint8Array(tinyPng()))).toContain("不是 .xlsx");
    expect(await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]))).toContain("另存为");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "随便";
    expect(await refusal(new Uint8Array(await wb.xlsx.writeBuffer()))).toContain("表头");
    expect(await refusal(new Uint8Array(await buildApplicationTemplate([vocAName], "测试学校")))).toContain("没有学生数据");
  });

  test("the downloaded template, filled in, imports (text columns, drop-down values)", async () => {
    const { actor, schoolId } = await freshSchool();
    const template = await buildApplicationTemplate([vocAName, m.vocP.name], "测试学校");
    const wbT = new ExcelJS.Workbook();
    await wbT.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wbT.getWorksheet("报名申请")!;
    expect(IMPORT_COLUMNS.map((_, i) => ws.getCell(1, i + 1).value)).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(ws.getColumn(12).numFmt).toBe("@"); // 身份证号码 as text
    const filled = await importWorkbook(rows(3), template);
    const r = await importApplications(actor, { name: "模板.xlsx", bytes: new Uint8Array(filled) }, NOW);
    expect(r).toMatchObject({ ok: true, created: 3 });
    expect(await testDb().application.count({ where: { middleSchoolId: schoolId } })).toBe(3);
  });

  test("outside the entry window the import is refused; only a middle school may import", async () => {
    const { actor } = await freshSchool();
    const e = await importApplications(actor, await file(rows(1)), new Date("2020-07-01T02:00:00Z")).then(() => null, (x: unknown) => x);
    expect((e as AppError).code).toBe("OUT_OF_WINDOW");
    const county = await actorFor(m.users.countyA);
    const f = await importApplications(county, await file(rows(1)), NOW).then(() => null, (x: unknown) => x);
    expect((f as AppError).code).toBe("FORBIDDEN");
  });
});
