import "server-only";
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { Actor, MiddleSchoolActor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { db, type Tx } from "@/server/db";
import { auditAlone } from "@/server/audit";
import type { Prisma } from "@/generated/prisma/client";
import { AppError, forbidden, isUniqueViolation } from "@/server/errors";
import { assertInPhase, programmeYear } from "@/server/calendar/calendar";
import type { UploadedFile } from "@/server/documents/documents";
import { APPLICATION_ENTRY_WINDOW } from "@/lib/calendar-settings";
import { chinaDateOf } from "@/lib/china-date";
import { maskIdNumber } from "@/lib/validators/id-number";
import { validateApplication } from "@/lib/schemas/application";
import { applicationPhoneWarnings, type PhoneField } from "@/lib/schemas/application-phones";
import { MAX_UPLOAD_BYTES } from "@/lib/schemas/application-workflow";
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  IMPORT_SHEET_NAME,
  columnForHeader,
  columnLetter,
  importColumnLabel,
  matchVocationalSchool,
  rowToRawApplication,
  type ImportColumnKey,
} from "@/lib/schemas/application-import";
import { assertXlsxWithinLimits, DEFAULT_XLSX_LIMITS } from "@/server/imports/xlsx-guard";
import { applicationColumns, duplicateMessage, findLiveDuplicates } from "./rules";
import { listVocationalSchoolChoices } from "./read";

/**
 * 批量导入报名申请 (SPEC §5, issue 5 §4): every row is checked with the same schema as the entry
 * form; the ID number may not be in another live application of the year anywhere in the
 * prefecture (nor twice in the file). Nothing is stored unless every row is valid: the rows
 * are written in ONE transaction together with their audit rows.
 */

export type ImportProblem = {
  /** worksheet row as shown by Excel/WPS (0 = the file as a whole) */
  row: number;
  /** column letter in the uploaded file ("" = the row or file as a whole) */
  column: string;
  /** the column's name */
  header: string;
  /** what the cell holds */
  value: string;
  message: string;
};

export type ImportResult =
  /** `warnings`: accepted rows with something the annex does not expect (a landline instead of a mobile). */
  | { ok: true; rows: number; created: number; batchId: string; warnings: ImportProblem[] }
  | { ok: false; rows: number; problems: ImportProblem[]; message: string };

export type ImportProgress = { stage: "read" | "check" | "save"; done: number; total: number };

type CellRead = { text: string; number: boolean; error?: string };

function readCell(value: ExcelJS.CellValue | undefined): CellRead {
  if (value === null || value === undefined) return { text: "", number: false };
  if (typeof value === "string") return { text: value, number: false };
  if (typeof value === "number") return { text: Number.isInteger(value) ? value.toFixed(0) : String(value), number: true };
  if (typeof value === "boolean") return { text: value ? "是" : "否", number: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), number: false };
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return { text: value.richText.map((r) => r.text).join(""), number: false };
    if ("error" in value) return { text: String(value.error), number: false, error: String(value.error) };
    if ("formula" in value || "sharedFormula" in value) return readCell((value as { result?: ExcelJS.CellValue }).result);
    if ("text" in value) return readCell((value as { text: ExcelJS.CellValue }).text);
  }
  return { text: String(value), number: false };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, m: number[]) => b.length >= m.length && m.every((x, i) => b[i] === x);

function refuse(message: string): never {
  throw new AppError("VALIDATION", message, { file: message });
}

/**
 * Inserts the rows and one audit row each with two set-based statements (unnest of column arrays).
 * Prisma's createMany took ~2 s for 2,000 rows here; this takes a few tens of milliseconds, which
 * keeps a 2,000-row import under 3 s on our 2-core machines. Same transaction, same constraints
 * (the partial unique index and CHECKs apply to every row).
 */
async function insertImportedRows(
  tx: Tx,
  input: {
    rows: ReturnType<typeof applicationColumns>[]; year: number; countyId: string; middleSchoolId: string;
    actor: Actor; batchId: string; fileName: string;
  },
): Promise<number> {
  const { rows, actor } = input;
  const col = <K extends keyof ReturnType<typeof applicationColumns>>(k: K) => rows.map((r) => r[k]);
  const ids = rows.map(() => "imp" + randomUUID().replace(/-/g, ""));
  const inserted = await tx.$executeRaw`
    INSERT INTO "Application" (
      "id", "year", "countyId", "middleSchoolId", "className", "headTeacherName", "headTeacherPhone", "studentName", "sex",
      "studentPhone", "addressCounty", "addressTownship", "addressVillage", "addressStreet", "studentNumber", "idNumber",
      "birthDate", "guardianName", "guardianRelation", "guardianPhone", "reason", "vocationalSchoolId", "major",
      "eligibilityGround", "shanghaiFlag", "status", "enteredById", "importBatchId", "createdAt", "updatedAt")
    SELECT t.id, ${input.year}::int, ${input.countyId}, ${input.middleSchoolId}, t.cn, t.htn, t.htp, t.sn, t.sex::"Sex",
      t.sp, t.ac, t.at, t.av, t.ast, t.snum, t.idn, t.bd, t.gn, t.gr::"GuardianRelation", t.gp, t.rs, t.vs, t.mj,
      t.eg::"EligibilityGround", t.sh, 'DRAFT'::"ApplicationStatus", ${actor.userId}, ${input.batchId}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
    FROM unnest(
      ${ids}::text[], ${col("className")}::text[], ${col("headTeacherName")}::text[], ${col("headTeacherPhone")}::text[],
      ${col("studentName")}::text[], ${col("sex")}::text[], ${col("studentPhone")}::text[], ${col("addressCounty")}::text[],
      ${col("addressTownship")}::text[], ${col("addressVillage")}::text[], ${col("addressStreet")}::text[],
      ${col("studentNumber")}::text[], ${col("idNumber")}::text[], ${col("birthDate")}::text[], ${col("guardianName")}::text[],
      ${col("guardianRelation")}::text[], ${col("guardianPhone")}::text[], ${col("reason")}::text[],
      ${col("vocationalSchoolId")}::text[], ${col("major")}::text[], ${col("eligibilityGround")}::text[], ${col("shanghaiFlag")}::boolean[]
    ) AS t(id, cn, htn, htp, sn, sex, sp, ac, at, av, ast, snum, idn, bd, gn, gr, gp, rs, vs, mj, eg, sh)`;
  const summaries = rows.map((r) =>
    JSON.stringify({ studentName: r.studentName, idNumber: maskIdNumber(r.idNumber), batchId: input.batchId, fileName: input.fileName }),
  );
  await tx.$executeRaw`
    INSERT INTO "AuditLog" ("actorId", "actorRole", "orgLabel", "action", "entityType", "entityId", "summary")
    SELECT ${actor.userId}, ${actor.role}::"Role", ${actor.orgName}, 'application.import', 'Application', t.id, t.s::jsonb
    FROM unnest(${ids}::text[], ${summaries}::text[]) AS t(id, s)`;
  await tx.auditLog.create({
    data: {
      actorId: actor.userId, actorRole: actor.role, orgLabel: actor.orgName, action: "application.importBatch",
      entityType: "ImportBatch", entityId: input.batchId, summary: { fileName: input.fileName, rows: inserted, year: input.year },
    },
  });
  return inserted;
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * The whole import; see the module comment. `onProgress` is called while it runs (for the progress bar).
 * A refused import (a file-level refusal or rows with problems) is audited too: who tried which file.
 */
export async function importApplications(
  actor: Actor,
  file: UploadedFile,
  now: Date,
  opts: { onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportResult> {
  assertCan(actor, "application.import");
  if (actor.role !== "MIDDLE_SCHOOL" || !actor.middleSchoolId) throw forbidden();
  const refused = (summary: Prisma.InputJsonValue) =>
    auditAlone(actor, "application.importRefused", { type: "MiddleSchool", id: actor.middleSchoolId }, summary);
  try {
    const result = await runImport(actor, file, now, opts);
    if (!result.ok) {
      const duplicates = result.problems.filter((p) => p.message.includes("已在其他学校报名") || p.message.includes("本校已录入")).length;
      await refused({ fileName: file.name, rows: result.rows, problems: result.problems.length, duplicates });
    }
    return result;
  } catch (err) {
    if (err instanceof AppError && err.code === "VALIDATION") await refused({ fileName: file.name, size: file.bytes.length, message: err.message });
    throw err;
  }
}

async function runImport(
  actor: MiddleSchoolActor,
  file: UploadedFile,
  now: Date,
  opts: { onProgress?: (p: ImportProgress) => void },
): Promise<ImportResult> {
  const progress = opts.onProgress ?? (() => {});
  if (file.bytes.length === 0) refuse(`文件“${file.name}”是空的，请重新选择填好的导入模板。`);
  if (file.bytes.length > MAX_UPLOAD_BYTES) refuse(`文件“${file.name}”超过 10 MB，请分成几个文件分批导入。`);
  if (startsWith(file.bytes, OLE_MAGIC)) refuse(`文件“${file.name}”是旧版 .xls 格式，请在 WPS 或 Excel 中“另存为” .xlsx 格式后再导入。`);
  if (!startsWith(file.bytes, ZIP_MAGIC)) refuse(`文件“${file.name}”不是 .xlsx 表格，请下载导入模板，填好后上传。`);
  // Before exceljs: bounded zip entries and row numbers (a one-cell file at row 200000 is refused here).
  assertXlsxWithinLimits(file.bytes, file.name, { ...DEFAULT_XLSX_LIMITS, maxRows: IMPORT_MAX_ROWS + 5 });

  // Fail fast outside the window (checked again inside the writing transaction).
  await assertInPhase(db(), { now, phase: APPLICATION_ENTRY_WINDOW, verb: "导入报名" });
  const year = programmeYear(now);
  const today = chinaDateOf(now);

  progress({ stage: "read", done: 0, total: 0 });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
  } catch {
    refuse(`文件“${file.name}”无法读取，可能已损坏。请用 WPS 或 Excel 打开检查后重新保存为 .xlsx 再导入。`);
  }
  const ws = wb.getWorksheet(IMPORT_SHEET_NAME) ?? wb.worksheets.find((w) => w.state === "visible" && !["填写说明", "选项"].includes(w.name) && !w.name.startsWith("示例"));
  if (!ws) refuse("文件中没有找到“报名申请”工作表，请使用下载的导入模板。");

  // Header: the first of the top 5 rows that names at least 3 known columns.
  let headerRow = 0;
  const colOf = new Map<ImportColumnKey, number>();
  for (let r = 1; r <= Math.min(5, ws.rowCount) && headerRow === 0; r++) {
    const found = new Map<ImportColumnKey, number>();
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const key = columnForHeader(readCell(cell.value).text);
      if (key && !found.has(key)) found.set(key, col);
    });
    if (found.size >= 3) {
      headerRow = r;
      for (const [k, v] of found) colOf.set(k, v);
    }
  }
  if (headerRow === 0) refuse("文件第1行没有找到导入模板的表头（班级名、学生姓名、身份证号码……），请使用下载的导入模板，不要删除表头行。");
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !colOf.has(c.key)).map((c) => `“${c.header}”`);
  if (missing.length > 0) refuse(`表头缺少${missing.join("、")}列，请使用下载的导入模板，不要删除或改名表头。`);

  const schools = await listVocationalSchoolChoices(actor);
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  type Row = { row: number; data: ReturnType<typeof applicationColumns> };
  const rows: Row[] = [];
  const firstRowOfId = new Map<string, number>();
  // Only rows that exist in the file (exceljs' rowCount would walk every number up to the last row).
  const rowNumbers: number[] = [];
  ws.eachRow({ includeEmpty: false }, (_row, n) => { if (n > headerRow) rowNumbers.push(n); });
  const total = rowNumbers.length;
  const addProblem = (row: number, key: ImportColumnKey | "", value: string, message: string, to = problems) => {
    const col = key ? colOf.get(key) : undefined;
    to.push({
      row,
      column: col ? columnLetter(col) : "",
      header: key ? (IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? importColumnLabel(key)) : "",
      value,
      message,
    });
  };
  let dataRows = 0;

  for (const [i, r] of rowNumbers.entries()) {
    if (i > 0 && i % 200 === 0) {
      progress({ stage: "check", done: i, total });
      await yieldToLoop();
    }
    const row = ws.getRow(r);
    const cells: Partial<Record<ImportColumnKey, string>> = {};
    const reads = new Map<ImportColumnKey, CellRead>();
    let blank = true;
    for (const [key, col] of colOf) {
      const read = readCell(row.getCell(col).value);
      reads.set(key, read);
      cells[key] = read.text;
      if (read.text.trim() !== "") blank = false;
    }
    if (blank) continue;
    dataRows++;
    if (dataRows > IMPORT_MAX_ROWS) refuse(`一个文件最多导入 ${IMPORT_MAX_ROWS} 行，请分成几个文件分批导入。`);

    const before = problems.length;
    for (const [key, read] of reads) {
      if (read.error) addProblem(r, key, read.text, `单元格是错误值 ${read.error}，请改为实际内容`);
    }
    const idRead = reads.get("idNumber");
    if (idRead?.number) {
      addProblem(r, "idNumber", idRead.text, "身份证号码被表格软件存成了数字，末尾几位可能已经丢失。请把该列设为“文本”格式，重新输入后再导入");
    }
    const snRead = reads.get("studentNumber");
    if (snRead?.number && snRead.text.length < 14) {
      addProblem(r, "studentNumber", snRead.text, `初中学籍号被存成了数字，开头的0已丢失（当前${snRead.text.length}位）。请把该列设为“文本”格式，按14位重新输入`);
    }
    const schoolText = (cells.vocationalSchool ?? "").trim();
    const school = matchVocationalSchool(schoolText, schools);
    if (schoolText && !school) {
      addProblem(r, "vocationalSchool", schoolText, `“${schoolText}”不是本州的职业学校，请从下拉列表中选择（例如 ${schools.slice(0, 2).map((s) => s.name).join("、")}）`);
    }
    const raw = rowToRawApplication(cells, school ? school.id : schoolText ? "__unknown__" : "");
    const checked = validateApplication(raw, { today });
    if (!checked.ok) {
      for (const [path, message] of Object.entries(checked.errors)) {
        const key = (path === "vocationalSchoolId" ? "vocationalSchool" : path === "address" ? "address.county" : path) as ImportColumnKey | "_form";
        if (key === "_form") addProblem(r, "", "", message);
        else if (!problems.slice(before).some((p) => p.row === r && p.header === IMPORT_COLUMNS.find((c) => c.key === key)?.header)) {
          addProblem(r, key, cells[key as ImportColumnKey] ?? "", message);
        }
      }
      continue;
    }
    if (problems.length > before) continue;
    const data = applicationColumns(checked.data, now);
    const first = firstRowOfId.get(data.idNumber);
    if (first !== undefined) {
      addProblem(r, "idNumber", maskIdNumber(data.idNumber), `与第${first}行的身份证号码相同，同一学生只能有一份申请，请删除重复的行`);
      continue;
    }
    firstRowOfId.set(data.idNumber, r);
    rows.push({ row: r, data });
    for (const [key, message] of Object.entries(applicationPhoneWarnings(checked.data)) as [PhoneField, string][]) {
      addProblem(r, key, cells[key] ?? "", message, warnings);
    }
  }
  progress({ stage: "check", done: total, total });

  if (dataRows === 0) refuse("文件中没有学生数据：请从第2行开始，每行填写一名学生。");

  const batchId = randomUUID();
  const outcome = await db().$transaction(
    async (tx) => {
      await assertInPhase(tx, { now, phase: APPLICATION_ENTRY_WINDOW, verb: "导入报名" });
      await tx.$queryRaw`SELECT id FROM "MiddleSchool" WHERE id = ${actor.middleSchoolId} FOR SHARE`; // see orgs.ts assertMovable
      const school = await tx.middleSchool.findFirst({
        where: { id: actor.middleSchoolId, active: true },
        select: { id: true, countyId: true },
      });
      if (!school) throw forbidden();
      const dups = await findLiveDuplicates(tx, actor.prefectureId, year, rows.map((r) => r.data.idNumber));
      for (const r of rows) {
        const dup = dups.get(r.data.idNumber);
        if (dup) addProblem(r.row, "idNumber", maskIdNumber(r.data.idNumber), duplicateMessage(actor, dup, { nameSchool: false }));
      }
      if (problems.length > 0) return null;

      progress({ stage: "save", done: 0, total: rows.length });
      const created = await insertImportedRows(tx, {
        rows: rows.map((r) => r.data), year, countyId: school.countyId, middleSchoolId: school.id, actor, batchId, fileName: file.name,
      });
      progress({ stage: "save", done: rows.length, total: rows.length });
      return created;
    },
    { timeout: 60_000, maxWait: 10_000 },
  ).catch(async (err: unknown) => {
    // Another school stored the same ID number between our check and our insert.
    if (isUniqueViolation(err)) {
      const dups = await findLiveDuplicates(db(), actor.prefectureId, year, rows.map((r) => r.data.idNumber));
      for (const r of rows) {
        const dup = dups.get(r.data.idNumber);
        if (dup) addProblem(r.row, "idNumber", maskIdNumber(r.data.idNumber), duplicateMessage(actor, dup, { nameSchool: false }));
      }
      if (problems.length === 0) addProblem(0, "", "", "导入时有其他学校同时录入了相同的学生，请重新导入一次。");
      return null;
    }
    throw err;
  });

  if (outcome === null) {
    problems.sort((a, b) => a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column));
    const badRows = new Set(problems.map((p) => p.row)).size;
    return {
      ok: false,
      rows: dataRows,
      problems,
      message: `共 ${dataRows} 行，其中 ${badRows} 行有问题（共 ${problems.length} 处），全部未导入。请按下表逐项改正后重新导入整个文件。`,
    };
  }
  return { ok: true, rows: dataRows, created: outcome, batchId, warnings };
}
