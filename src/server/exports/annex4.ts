import "server-only";
import { annexSheetOptions, wrappedRowHeight } from "./page-setup";

/**
 * 附件4 楚雄州义务教育职教班在读学生名单 — export (SPEC §7).
 *
 * One worksheet per vocational school:
 *
 *   附件4
 *   楚雄州义务教育职教班在读学生名单                                   (merged A:J)
 *   学校（职业学校）：楚雄技师学院                                     (merged A:J)
 *   序号 | 学生姓名 | 性别 | 身份证号码 | 所属县市 | 原初中学校              | 义务教育职教班
 *        |          |      |            |          | 校名 | 所在班级 | 学籍号 | 所在班级 | 学号
 *   … one row per student …
 *   填报说明：1. 统计填报要求：……                                    (merged A:J, the policy's words)
 *   　　　　　2. 此表由有关职业学校……
 *
 * Printing: A4 landscape, one page wide, the two header rows repeated on every page
 * (print titles), "第 n 页 共 m 页" in the footer (./page-setup.ts).
 * Single headers are merged down over the two header rows, 原初中学校 over F:H,
 * 义务教育职教班 over I:J. Rows are sorted by county (official order), then
 * middle school, then class. Every identifier is written as a string in a text
 * ("@") cell: ID numbers ending in X, 14-digit 学籍号 with a leading zero and
 * long 学号 keep their exact form.
 *
 * Written with exceljs' streaming writer (rows rendered as they are committed:
 * a list of thousands of students does not sit in memory as a workbook model),
 * its parts zipped in one synchronous step by ./xlsx.ts (decision 101): zipped
 * by archiver on the thread pool, the file waited for one event-loop turn per
 * chunk, which a busy server multiplied.
 */
import ExcelJS from "exceljs";
import { appendTableRows, commitTableRowsViaExceljs, streamedXlsxBytes } from "./xlsx";
import { sortRosterRows, type RosterStudentRow } from "@/lib/roster-order";

/** One row of 附件4: a student of the roster (the type lives with the roster's order rule). */
export type Annex4Row = RosterStudentRow;

export type Annex4Sheet = { schoolName: string; rows: Annex4Row[] };

export const ANNEX4_LABEL = "附件4";
export const ANNEX4_TITLE = "楚雄州义务教育职教班在读学生名单";
export const ANNEX4_SCHOOL_PREFIX = "学校（职业学校）：";
/** The two header rows, columns A–J ("" = covered by a merged cell). */
export const ANNEX4_HEADER_TOP = ["序号", "学生姓名", "性别", "身份证号码", "所属县市", "原初中学校", "", "", "义务教育职教班", ""] as const;
export const ANNEX4_HEADER_BOTTOM = ["", "", "", "", "", "校名", "所在班级", "学籍号", "所在班级", "学号"] as const;

const TITLE_ROW = 2;
const SCHOOL_ROW = 3;
const HEADER_ROW = 4;
const FIRST_DATA_ROW = HEADER_ROW + 2;
const BASE_COLUMN_COUNT = 10;

/**
 * The same table with extra grouped columns on the right (附件6 = 附件4 + 流失: 原因, 有无有效证明).
 * The group header is merged over its columns like 原初中学校 and 义务教育职教班.
 */
export type RosterLayout<R extends Annex4Row = Annex4Row> = {
  label: string;
  title: string;
  extra?: { group: string; columns: { header: string; width: number; value: (row: R) => string }[] };
  /** The 填报说明 lines printed under the table, given the counties in official order. */
  notes: (countyNames: readonly string[]) => string[];
};

/** Continuation lines of a 填报说明 are indented under the first item, as in the policy. */
export const NOTES_INDENT = "\u3000".repeat(5);

/**
 * 附件4 填报说明, the policy's words. The county order of note 1 is the prefecture's official
 * order from the database (for 楚雄州 exactly the policy's list), so another prefecture needs no code change.
 */
export function annex4Notes(countyNames: readonly string[]): string[] {
  return [
    `填报说明：1. 统计填报要求：学生名单按“所属县市”归并排序（顺序为：${countyNames.join("、")}）；县市中，按“原初中学校”归并排序；初中学校中，按“所在班级”归并排序。`,
    `${NOTES_INDENT}2. 此表由有关职业学校在义务教育职教班稳定期结束后确认在读学生时填报。用 WPS 电子表格填报。`,
  ];
}

export const ANNEX4_LAYOUT: RosterLayout = { label: ANNEX4_LABEL, title: ANNEX4_TITLE, notes: annex4Notes };

/** Counties in official order as they appear in the rows: the notes' fallback when the caller has no county list. */
function countiesOfRows(sheets: readonly { rows: readonly Annex4Row[] }[]): string[] {
  const byOrder = new Map<number, string>();
  for (const s of sheets) for (const r of s.rows) if (!byOrder.has(r.countyOrder)) byOrder.set(r.countyOrder, r.countyName);
  return [...byOrder.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name);
}

/** The policy's order of the rows (one rule, in src/lib/roster-order.ts). */
export const sortAnnex4Rows = sortRosterRows;

/** Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ], not quoted, unique (case-insensitive). */
export function annex4SheetNames(schoolNames: readonly string[]): string[] {
  const used = new Set<string>();
  return schoolNames.map((raw) => {
    let base = raw.replace(/[:\\/?*[\]：]/g, "_").replace(/^'+|'+$/g, "").trim() || "学校";
    if (base.toLowerCase() === "history") base = "学校_history";
    base = Array.from(base).slice(0, 31).join("");
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = Array.from(base).slice(0, 31 - suffix.length).join("") + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

const FONT = "宋体";
const DATA_ROW_HEIGHT = 18;
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 11, bold: true },
  alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  border: THIN,
  numFmt: "@",
};
const TEXT_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 11 },
  alignment: { horizontal: "center", vertical: "middle" },
  border: THIN,
  numFmt: "@",
};
const NOTE_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 10.5 },
  alignment: { horizontal: "left", vertical: "top", wrapText: true },
};
const NUMBER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 11 },
  alignment: { horizontal: "center", vertical: "middle" },
  border: THIN,
};

function writeSheet<R extends Annex4Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheetName: string,
  sheet: { schoolName: string; rows: R[] },
  layout: RosterLayout<R>,
  notes: string[],
  rowsViaExceljs = false,
) {
  const extra = layout.extra?.columns ?? [];
  const COLUMN_COUNT = BASE_COLUMN_COUNT + extra.length;
  const ws = workbook.addWorksheet(sheetName, {
    ...annexSheetOptions({ side: 0.4, topBottom: 0.6 }, { printTitlesRow: `${HEADER_ROW}:${HEADER_ROW + 1}` }),
    views: [{ state: "frozen", ySplit: FIRST_DATA_ROW - 1, xSplit: 0 }],
  });
  const widths = [
    6, // 序号
    10, // 学生姓名
    6, // 性别
    22, // 身份证号码
    10, // 所属县市
    24, // 校名
    12, // 所在班级
    18, // 学籍号
    14, // 所在班级
    16, // 学号
    ...extra.map((c) => c.width),
  ];
  ws.columns = widths.map((width) => ({ width }));
  const tableWidth = widths.reduce((a, b) => a + b, 0);

  const labelRow = ws.getRow(1);
  labelRow.getCell(1).value = layout.label;
  labelRow.getCell(1).font = { name: "黑体", size: 14 };
  labelRow.height = 22;
  labelRow.commit();

  const titleRow = ws.getRow(TITLE_ROW);
  titleRow.getCell(1).value = layout.title;
  titleRow.getCell(1).font = { name: FONT, size: 18, bold: true };
  titleRow.getCell(1).alignment = { horizontal: "center", vertical: "middle" };
  titleRow.height = 36;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, COLUMN_COUNT);
  titleRow.commit();

  const schoolRow = ws.getRow(SCHOOL_ROW);
  schoolRow.getCell(1).value = `${ANNEX4_SCHOOL_PREFIX}${sheet.schoolName}`;
  schoolRow.getCell(1).font = { name: FONT, size: 12 };
  schoolRow.getCell(1).alignment = { horizontal: "left", vertical: "middle" };
  schoolRow.height = 22;
  ws.mergeCells(SCHOOL_ROW, 1, SCHOOL_ROW, COLUMN_COUNT);
  schoolRow.commit();

  const top = ws.getRow(HEADER_ROW);
  const bottom = ws.getRow(HEADER_ROW + 1);
  for (let c = 1; c <= COLUMN_COUNT; c++) {
    const t = top.getCell(c);
    const b = bottom.getCell(c);
    t.style = HEADER_STYLE;
    b.style = HEADER_STYLE;
    if (c <= BASE_COLUMN_COUNT) {
      if (ANNEX4_HEADER_TOP[c - 1]) t.value = ANNEX4_HEADER_TOP[c - 1];
      if (ANNEX4_HEADER_BOTTOM[c - 1]) b.value = ANNEX4_HEADER_BOTTOM[c - 1];
    } else {
      if (c === BASE_COLUMN_COUNT + 1) t.value = layout.extra!.group;
      b.value = extra[c - BASE_COLUMN_COUNT - 1].header;
    }
  }
  top.height = 20;
  bottom.height = 20;
  for (let c = 1; c <= 5; c++) ws.mergeCells(HEADER_ROW, c, HEADER_ROW + 1, c);
  ws.mergeCells(HEADER_ROW, 6, HEADER_ROW, 8); // 原初中学校
  ws.mergeCells(HEADER_ROW, 9, HEADER_ROW, 10); // 义务教育职教班
  if (extra.length > 1) ws.mergeCells(HEADER_ROW, BASE_COLUMN_COUNT + 1, HEADER_ROW, COLUMN_COUNT); // e.g. 流失
  top.commit();
  bottom.commit();

  const sorted = sortRosterRows(sheet.rows);
  const cells = sorted.map((r) => [
    r.studentName,
    r.sex,
    r.idNumber,
    r.countyName,
    r.middleSchoolName,
    r.middleSchoolClass,
    r.studentNumber,
    r.vocationalClass,
    r.vocationalStudentNo,
    ...extra.map((c) => c.value(r)),
  ].map((v) => String(v ?? "")));
  // Tests write the rows through exceljs too (the reference appendTableRows is compared with).
  (rowsViaExceljs ? commitTableRowsViaExceljs : appendTableRows)(workbook, ws, FIRST_DATA_ROW, cells, { number: NUMBER_STYLE, text: TEXT_STYLE, height: DATA_ROW_HEIGHT });

  // 填报说明 directly under the table, each item on its own row over the table's width.
  notes.forEach((text, i) => {
    const r = FIRST_DATA_ROW + sorted.length + i;
    const row = ws.getRow(r);
    row.getCell(1).value = text;
    row.getCell(1).style = NOTE_STYLE;
    row.height = wrappedRowHeight(text, tableWidth);
    ws.mergeCells(r, 1, r, COLUMN_COUNT);
    row.commit();
  });

  ws.commit();
}

/** The 附件4 workbook (.xlsx bytes): one sheet per school. */
export async function annex4Bytes(sheets: Annex4Sheet[], countyNames?: readonly string[]): Promise<Buffer> {
  return rosterWorkbookBytes(sheets, ANNEX4_LAYOUT, "在读学生名单", countyNames);
}

/** Writes the 附件4 workbook to `output` (a file, a test's stream…) and ends it. */
export async function writeAnnex4(output: NodeJS.WritableStream, sheets: Annex4Sheet[], countyNames?: readonly string[]): Promise<void> {
  output.end(await annex4Bytes(sheets, countyNames));
}

/** The 附件4 table in another annex's layout (附件6). */
export async function rosterWorkbookBytes<R extends Annex4Row>(
  sheets: { schoolName: string; rows: R[] }[],
  layout: RosterLayout<R>,
  fallbackSheetName: string,
  /** the prefecture's counties in official order, for the 填报说明 (default: those in the rows) */
  countyNames?: readonly string[],
  /** tests only: every student's row committed through exceljs (the reference of appendTableRows) */
  options: { rowsViaExceljs?: boolean } = {},
): Promise<Buffer> {
  const list = sheets.length > 0 ? sheets : [{ schoolName: "", rows: [] as R[] }];
  const names = annex4SheetNames(list.map((s) => s.schoolName || fallbackSheetName));
  const notes = layout.notes(countyNames ?? countiesOfRows(list));
  return streamedXlsxBytes((workbook) => list.forEach((sheet, i) => writeSheet(workbook, names[i], sheet, layout, notes, options.rowsViaExceljs)), { creator: "职教班管理平台" });
}
