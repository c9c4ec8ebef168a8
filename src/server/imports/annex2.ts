import "server-only";

/**
 * 附件2 送读招生计划 — import of a spreadsheet (SPEC §3).
 *
 * A pure parse: the workbook is read into memory, checked against the plan
 * rules (`@/lib/plan-rules`) and the known organisation names, and nothing is
 * written anywhere. Every finding is returned as a problem with its sheet, row,
 * column letter and the cell's text, so the caller can show it next to the file.
 *
 * Tolerated layouts and spellings:
 *  - the policy's layout (counties on the left, vocational schools on the right,
 *    in the same rows, each part with its own 合计 row), counties and schools
 *    stacked one block under the other, or on two sheets;
 *  - header texts of the policy ("县 市", "初中毕业生（人）", "义教职教班 送读控制在以下
 *    计划数以内", "职业学校", "义教职教班 招生控制在以下 计划数以内") or short forms
 *    ("县市", "初一入学时学籍人数", "送读计划", "学校", "招生计划"), headers over
 *    several merged rows, an optional separate ※ (东西协作任务数) column;
 *  - "2073（102※）", "2073 (102 *)", "2073(102＊)", full-width digits, spaces of
 *    every kind, numbers stored as numbers or text, formula cells (their result).
 */
import ExcelJS from "exceljs";
import { AppError } from "@/server/errors";
import { assertXlsxWithinLimits, DEFAULT_XLSX_LIMITS, XlsxDamagedError } from "@/server/imports/xlsx-guard";

/** 附件2 has one row per county and vocational school (≈ 130 in 楚雄州): 1,000 rows is ample. */
const ANNEX2_MAX_ROWS = 1000;
import {
  COUNTY_QUOTA_LABELS,
  VOCATIONAL_QUOTA_LABELS,
  isNonNegativeInteger,
  normalizePlanText,
  parseWithTask,
  validateCountyQuota,
  validateVocationalQuota,
  type CountyQuotaField,
  type CountyQuotaInput,
  type VocationalQuotaField,
  type VocationalQuotaInput,
} from "@/lib/plan-rules";

export type Annex2KnownNames = {
  counties: string[];
  vocationalSchools: { name: string; aliases: string[] }[];
};

export type Annex2Problem = {
  sheet: string;
  /** 1-based worksheet row */
  row: number;
  /** column letter, e.g. "C" */
  column: string;
  /** the cell's text as shown in the file ("" for an empty or missing cell) */
  value: string;
  message: string;
};

export type Annex2ParseResult = {
  year: number | null;
  counties: CountyQuotaInput[];
  vocationalSchools: VocationalQuotaInput[];
  problems: Annex2Problem[];
};

export const ANNEX2_UNREADABLE_MESSAGE = "文件无法读取：请上传 .xlsx 格式的附件2（WPS 或 Excel 另存为 .xlsx）";
export const ANNEX2_NO_TABLE_MESSAGE =
  "文件中找不到附件2的表格：表头应包含“县市”“送读计划”“职业学校”“招生计划”等栏目";

// ---------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------

type CellRead = {
  /** text as displayed (numbers as their decimal form) */
  text: string;
  /** the number when the cell holds a number (or a formula whose result is one) */
  number: number | null;
  /** a formula without a cached result (file written by a program that does not calculate) */
  formulaWithoutResult: boolean;
};

const EMPTY_READ: CellRead = { text: "", number: null, formulaWithoutResult: false };

function readValue(value: ExcelJS.CellValue | undefined): CellRead {
  if (value === null || value === undefined) return EMPTY_READ;
  if (typeof value === "number") return { text: String(value), number: value, formulaWithoutResult: false };
  if (typeof value === "string") return { text: value, number: null, formulaWithoutResult: false };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", number: null, formulaWithoutResult: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), number: null, formulaWithoutResult: false };
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) {
      return { text: value.richText.map((r) => r.text ?? "").join(""), number: null, formulaWithoutResult: false };
    }
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return { ...EMPTY_READ, formulaWithoutResult: true };
      if (typeof result === "object" && result !== null && "error" in result) {
        return { text: String((result as { error: unknown }).error), number: null, formulaWithoutResult: false };
      }
      return readValue(result as ExcelJS.CellValue);
    }
    if ("error" in value) return { text: String(value.error), number: null, formulaWithoutResult: false };
    if ("text" in value) {
      const text = (value as { text: unknown }).text;
      if (typeof text === "string") return { text, number: null, formulaWithoutResult: false };
      if (text && typeof text === "object" && "richText" in text) return readValue(text as ExcelJS.CellValue);
    }
  }
  return { text: String(value), number: null, formulaWithoutResult: false };
}

export function columnLetter(col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

class SheetReader {
  readonly name: string;
  readonly rowCount: number;
  readonly columnCount: number;

  constructor(readonly ws: ExcelJS.Worksheet) {
    this.name = ws.name;
    this.rowCount = ws.rowCount;
    this.columnCount = ws.columnCount;
  }

  private cell(row: number, col: number): ExcelJS.Cell {
    return this.ws.getRow(row).getCell(col);
  }

  /** Value shown in a cell; a cell inside a merged range shows the range's value. */
  shown(row: number, col: number): CellRead {
    return readValue(this.cell(row, col).value);
  }

  /**
   * The value a data cell holds: inside a merged range only the range's first
   * cell holds it (a value merged down over two rows is one value, not two).
   */
  own(row: number, col: number): CellRead {
    const cell = this.cell(row, col);
    if (cell.isMerged && cell.master !== cell) return EMPTY_READ;
    return readValue(cell.value);
  }

  /** Bottom row of the merged range containing the cell (the cell's row if unmerged). */
  mergeBottom(row: number, col: number): number {
    const cell = this.cell(row, col);
    if (!cell.isMerged) return row;
    const master = cell.master;
    let bottom = row;
    for (let r = row + 1; r <= this.rowCount; r++) {
      const below = this.cell(r, col);
      if (below.isMerged && below.master === master) bottom = r;
      else break;
    }
    return bottom;
  }
}

// ---------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------

type PartKind = "county" | "school";

type Part = {
  kind: PartKind;
  sheet: SheetReader;
  headerRow: number;
  firstDataRow: number;
  nameCol: number;
  /** county: cohortBase; school: unused */
  baseCol: number | null;
  /** county: sendOffCap; school: enrolCap */
  capCol: number | null;
  taskCol: number | null;
};

const COUNTY_HEADER = /^县\(?市(、?区)?\)?(名称)?$/;
const SCHOOL_HEADER = /^(招生)?(职业)?学校(名称)?$/;
const TASK_MARKER = /※|东西协作|上海|建档立卡|任务/;
const TOTAL_LABEL = /^(合计|总计|小计|共计)$/;
const NOTE_LABEL = /^(备注|注[:：]|说明|填表说明|填报说明)/;

function isCohortHeader(t: string): boolean {
  return t.includes("初中毕业生") || t.includes("学籍人数") || t.includes("初一") || t.includes("毕业生数");
}

function headerText(sheet: SheetReader, top: number, bottom: number, col: number): string {
  const parts: string[] = [];
  for (let r = top; r <= bottom; r++) {
    const t = normalizePlanText(sheet.shown(r, col).text);
    if (t && parts[parts.length - 1] !== t) parts.push(t);
  }
  return parts.join("|");
}

/** Finds the header of one part (county or school) in the rows of a sheet from `fromRow` on. */
function findPart(sheet: SheetReader, kind: PartKind, fromRow: number): Part | null {
  const nameHeader = kind === "county" ? COUNTY_HEADER : SCHOOL_HEADER;
  const capWord = kind === "county" ? "送读" : "招生";
  for (let r = fromRow; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= sheet.columnCount; c++) {
      const t = normalizePlanText(sheet.shown(r, c).text);
      if (!nameHeader.test(t)) continue;
      const top = r;
      const bottom = sheet.mergeBottom(r, c);
      // Columns of this part: from the name column to the next name column of any part.
      const texts: { col: number; text: string }[] = [];
      for (let cc = c + 1; cc <= sheet.columnCount; cc++) {
        const text = headerText(sheet, top, bottom, cc);
        const own = normalizePlanText(sheet.shown(top, cc).text);
        if (COUNTY_HEADER.test(own) || SCHOOL_HEADER.test(own)) break;
        texts.push({ col: cc, text });
      }
      const capCandidates = texts.filter((x) => x.text.includes(capWord));
      const cap = capCandidates.find((x) => !TASK_MARKER.test(x.text)) ?? capCandidates[0];
      if (!cap) continue; // a name-like cell without its quota column is not the header
      const task = texts.find((x) => x.col !== cap.col && TASK_MARKER.test(x.text) && !isCohortHeader(x.text));
      const base = kind === "county" ? texts.find((x) => x.col !== cap.col && isCohortHeader(x.text)) : undefined;
      return {
        kind,
        sheet,
        headerRow: top,
        firstDataRow: bottom + 1,
        nameCol: c,
        baseCol: base ? base.col : null,
        capCol: cap.col,
        taskCol: task ? task.col : null,
      };
    }
  }
  return null;
}

function findYear(sheet: SheetReader, beforeRow: number): number | null {
  let fallback: number | null = null;
  for (let r = 1; r < beforeRow; r++) {
    for (let c = 1; c <= sheet.columnCount; c++) {
      const t = normalizePlanText(sheet.own(r, c).text);
      const m = /((?:19|20)\d{2})年/.exec(t);
      if (!m) continue;
      const year = Number(m[1]);
      if (t.includes("计划")) return year;
      fallback ??= year;
    }
  }
  return fallback;
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

type NameMatcher = (raw: string) => string | null;

function nameMatcher(entries: { name: string; aliases: string[] }[]): NameMatcher {
  const exact = new Map<string, string>();
  for (const e of entries) {
    for (const n of [e.name, ...e.aliases]) {
      const key = normalizePlanText(n);
      if (key && !exact.has(key)) exact.set(key, e.name);
    }
  }
  return (raw) => {
    const key = normalizePlanText(raw);
    if (!key) return null;
    const hit = exact.get(key);
    if (hit) return hit;
    // "双柏" for "双柏县": accepted only when exactly one known name starts with it.
    if (key.length < 2) return null;
    const candidates = new Set<string>();
    for (const [k, name] of exact) if (k.startsWith(key)) candidates.add(name);
    return candidates.size === 1 ? [...candidates][0] : null;
  };
}

// ---------------------------------------------------------------------------
// Parsing one part
// ---------------------------------------------------------------------------

type ParsedNumber = { ok: true; value: number; task: number | null } | { ok: false };

function hasContent(read: CellRead): boolean {
  return read.formulaWithoutResult || normalizePlanText(read.text) !== "";
}

function quotaNumber(read: CellRead): { value: number; task: number | null } | null {
  if (read.number !== null) return { value: read.number, task: null };
  return parseWithTask(read.text.replace(/[人名]/g, ""));
}

type PartResult = {
  rows: { name: string; values: Record<string, number>; row: number }[];
  seen: Set<string>;
};

type Field = CountyQuotaField | VocationalQuotaField;

function parsePart(
  part: Part,
  endRow: number,
  match: NameMatcher,
  problems: Annex2Problem[],
): PartResult {
  const { sheet } = part;
  const isCounty = part.kind === "county";
  const kindLabel = isCounty ? "县市" : "职业学校";
  const labels: Record<string, string> = isCounty ? COUNTY_QUOTA_LABELS : VOCATIONAL_QUOTA_LABELS;
  const capField: Field = isCounty ? "sendOffCap" : "enrolCap";
  const problem = (row: number, col: number, value: string, message: string) =>
    problems.push({ sheet: sheet.name, row, column: columnLetter(col), value, message });

  const seen = new Map<string, number>();
  const rows: PartResult["rows"] = [];
  const fields: Field[] = isCounty ? ["cohortBase", "sendOffCap", "shanghaiTask"] : ["enrolCap", "shanghaiTask"];
  const sums: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
  const unreliable = new Set<string>();
  let totalRow: number | null = null;

  /** Reads one quota cell: reports unreadable text, returns the number or NaN. */
  const readNumber = (row: number, col: number | null, field: Field, subject: string, allowTask: boolean): ParsedNumber => {
    if (col === null) return { ok: false };
    const read = sheet.own(row, col);
    const label = labels[field];
    if (read.formulaWithoutResult) {
      problem(row, col, "", `${subject}的${label}是没有计算结果的公式：请在 Excel 或 WPS 中打开并保存后再上传`);
      return { ok: false };
    }
    if (!hasContent(read)) {
      problem(row, col, "", `${subject}的${label}未填写`);
      return { ok: false };
    }
    const parsed = quotaNumber(read);
    if (!parsed || (!allowTask && parsed.task !== null)) {
      problem(row, col, read.text, `${subject}的${label}“${read.text.trim()}”不是数字`);
      return { ok: false };
    }
    return { ok: true, value: parsed.value, task: parsed.task };
  };

  for (let r = part.firstDataRow; r <= endRow; r++) {
    const nameRead = sheet.own(r, part.nameCol);
    const name = normalizePlanText(nameRead.text);
    if (NOTE_LABEL.test(name)) break;
    if (TOTAL_LABEL.test(name)) {
      totalRow = r;
      break;
    }
    if ((isCounty ? COUNTY_HEADER : SCHOOL_HEADER).test(name)) continue; // a repeated header
    const valueCols = [part.baseCol, part.capCol, part.taskCol].filter((c): c is number => c !== null);
    if (!name) {
      const numeric = valueCols.find((c) => {
        const read = sheet.own(r, c);
        return read.formulaWithoutResult || (hasContent(read) && quotaNumber(read) !== null);
      });
      if (numeric !== undefined) {
        problem(r, part.nameCol, "", `此行有数据但缺少${kindLabel}名称`);
      }
      continue;
    }

    const rawName = nameRead.text.trim();
    const known = match(rawName);
    const subject = known ?? rawName;
    let include = true;
    if (!known) {
      problem(r, part.nameCol, rawName, `${kindLabel}“${rawName}”不在系统的${kindLabel}名单中`);
      include = false;
    } else if (seen.has(known)) {
      problem(r, part.nameCol, rawName, `${kindLabel}“${known}”重复出现（第 ${seen.get(known)} 行已有）`);
      include = false;
    } else {
      seen.set(known, r);
    }

    const values: Record<string, number> = {};
    const cells: Record<string, number | null> = {};
    const failed = new Set<string>();
    if (isCounty) {
      const base = readNumber(r, part.baseCol, "cohortBase", subject, false);
      if (base.ok) values.cohortBase = base.value;
      else failed.add("cohortBase");
      cells.cohortBase = part.baseCol;
    }
    const cap = readNumber(r, part.capCol, capField, subject, true);
    cells[capField] = part.capCol;
    if (cap.ok) values[capField] = cap.value;
    else failed.add(capField);
    if (cap.ok && cap.task !== null) {
      values.shanghaiTask = cap.task;
      cells.shanghaiTask = part.capCol;
    } else if (part.taskCol !== null && hasContent(sheet.own(r, part.taskCol))) {
      const task = readNumber(r, part.taskCol, "shanghaiTask", subject, false);
      cells.shanghaiTask = part.taskCol;
      if (task.ok) values.shanghaiTask = task.value;
      else failed.add("shanghaiTask");
    } else if (cap.ok) {
      values.shanghaiTask = 0; // no bracket: no ※ task, as the policy prints "850"
      cells.shanghaiTask = part.capCol;
    } else {
      failed.add("shanghaiTask");
      cells.shanghaiTask = part.capCol;
    }

    const issues = isCounty
      ? validateCountyQuota({
          countyName: subject,
          cohortBase: values.cohortBase ?? Number.NaN,
          sendOffCap: values.sendOffCap ?? Number.NaN,
          shanghaiTask: values.shanghaiTask ?? Number.NaN,
        })
      : validateVocationalQuota({
          schoolName: subject,
          enrolCap: values.enrolCap ?? Number.NaN,
          shanghaiTask: values.shanghaiTask ?? Number.NaN,
        });
    for (const issue of issues) {
      if (failed.has(issue.field)) continue; // already reported as unreadable
      const col = cells[issue.field] ?? part.capCol ?? part.nameCol;
      problem(r, col, sheet.own(r, col).text, issue.message);
    }
    // A total can only be checked against rows that all hold valid numbers.
    for (const f of fields) {
      if (failed.has(f) || !isNonNegativeInteger(values[f])) unreliable.add(f);
      else sums[f] += values[f];
    }
    if (include && failed.size === 0) rows.push({ name: known!, values, row: r });
  }

  if (totalRow !== null) {
    const r = totalRow;
    const whose = isCounty ? "各县市" : "各职业学校";
    const compare = (field: Field, col: number, printed: number, text: string) => {
      if (unreliable.has(field)) return;
      if (printed !== sums[field]) {
        problem(r, col, text, `合计行打印的${labels[field]} ${printed} 与${whose}之和 ${sums[field]} 不一致`);
      }
    };
    const readTotal = (col: number | null, field: Field, allowTask: boolean) => {
      if (col === null) return null;
      const read = sheet.own(r, col);
      if (read.formulaWithoutResult || !hasContent(read)) return null; // not printed: nothing to check
      const parsed = quotaNumber(read);
      if (!parsed || (!allowTask && parsed.task !== null)) {
        problem(r, col, read.text, `合计行的${labels[field]}“${read.text.trim()}”不是数字`);
        return null;
      }
      return { ...parsed, col, text: read.text };
    };
    if (isCounty) {
      const base = readTotal(part.baseCol, "cohortBase", false);
      if (base) compare("cohortBase", base.col, base.value, base.text);
    }
    const cap = readTotal(part.capCol, capField, true);
    if (cap) {
      compare(capField, cap.col, cap.value, cap.text);
      if (cap.task !== null) compare("shanghaiTask", cap.col, cap.task, cap.text);
    }
    if (!cap || cap.task === null) {
      const task = readTotal(part.taskCol, "shanghaiTask", false);
      if (task) compare("shanghaiTask", task.col, task.value, task.text);
    }
  }

  return { rows, seen: new Set(seen.keys()) };
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

function toBuffer(input: Buffer | ArrayBuffer): Buffer {
  return Buffer.isBuffer(input) ? input : Buffer.from(new Uint8Array(input));
}

export async function parseAnnex2Workbook(
  buffer: Buffer | ArrayBuffer,
  known: Annex2KnownNames,
): Promise<Annex2ParseResult | { fatal: string }> {
  const bytes = toBuffer(buffer);
  const workbook = new ExcelJS.Workbook();
  // An .xlsx is a zip archive ("PK"); .xls, .et, .csv or a damaged upload is refused at once.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { fatal: ANNEX2_UNREADABLE_MESSAGE };
  try {
    assertXlsxWithinLimits(bytes, "附件2", { ...DEFAULT_XLSX_LIMITS, maxRows: ANNEX2_MAX_ROWS });
  } catch (err) {
    if (err instanceof XlsxDamagedError) return { fatal: ANNEX2_UNREADABLE_MESSAGE };
    if (err instanceof AppError) return { fatal: err.message };
    throw err;
  }
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { fatal: ANNEX2_UNREADABLE_MESSAGE };
  }

  const sheets = workbook.worksheets.map((ws) => new SheetReader(ws));
  const findFirst = (kind: PartKind): Part | null => {
    for (const sheet of sheets) {
      const part = findPart(sheet, kind, 1);
      if (part) return part;
    }
    return null;
  };
  const countyPart = findFirst("county");
  const schoolPart = findFirst("school");
  if (!countyPart && !schoolPart) return { fatal: ANNEX2_NO_TABLE_MESSAGE };

  const problems: Annex2Problem[] = [];
  const first = (countyPart ?? schoolPart)!;
  const year = findYear(first.sheet, first.headerRow) ?? (schoolPart ? findYear(schoolPart.sheet, schoolPart.headerRow) : null);

  /** A part ends where the other part's header starts below it in the same sheet. */
  const endOf = (part: Part, other: Part | null): number =>
    other && other.sheet === part.sheet && other.headerRow > part.headerRow ? other.headerRow - 1 : part.sheet.rowCount;

  const counties: CountyQuotaInput[] = [];
  const vocationalSchools: VocationalQuotaInput[] = [];

  if (countyPart) {
    const matcher = nameMatcher(known.counties.map((name) => ({ name, aliases: [] })));
    const result = parsePart(countyPart, endOf(countyPart, schoolPart), matcher, problems);
    const byName = new Map(result.rows.map((row) => [row.name, row]));
    for (const name of known.counties) {
      const row = byName.get(name);
      if (row) {
        counties.push({
          countyName: name,
          cohortBase: row.values.cohortBase,
          sendOffCap: row.values.sendOffCap,
          shanghaiTask: row.values.shanghaiTask,
        });
      } else if (!result.seen.has(name)) {
        problems.push({
          sheet: countyPart.sheet.name,
          row: countyPart.headerRow,
          column: columnLetter(countyPart.nameCol),
          value: "",
          message: `缺少县市“${name}”的送读计划`,
        });
      }
    }
    if (countyPart.baseCol === null) {
      problems.push({
        sheet: countyPart.sheet.name,
        row: countyPart.headerRow,
        column: columnLetter(countyPart.nameCol + 1),
        value: "",
        message: "找不到“初中毕业生（人）”（初一入学时学籍人数）一栏",
      });
    }
  } else {
    const at = schoolPart!;
    problems.push({
      sheet: at.sheet.name,
      row: at.headerRow,
      column: "A",
      value: "",
      message: "找不到县市送读计划部分：表头应有“县市”和“送读计划”两栏",
    });
  }

  if (schoolPart) {
    const matcher = nameMatcher(known.vocationalSchools);
    const result = parsePart(schoolPart, endOf(schoolPart, countyPart), matcher, problems);
    const byName = new Map(result.rows.map((row) => [row.name, row]));
    for (const { name } of known.vocationalSchools) {
      const row = byName.get(name);
      if (row) {
        vocationalSchools.push({ schoolName: name, enrolCap: row.values.enrolCap, shanghaiTask: row.values.shanghaiTask });
      } else if (!result.seen.has(name)) {
        problems.push({
          sheet: schoolPart.sheet.name,
          row: schoolPart.headerRow,
          column: columnLetter(schoolPart.nameCol),
          value: "",
          message: `缺少职业学校“${name}”的招生计划`,
        });
      }
    }
  } else {
    const at = countyPart!;
    problems.push({
      sheet: at.sheet.name,
      row: at.headerRow,
      column: columnLetter(at.nameCol),
      value: "",
      message: "找不到职业学校招生计划部分：表头应有“职业学校”和“招生计划”两栏",
    });
  }

  const sheetIndex = new Map(sheets.map((s, i) => [s.name, i]));
  problems.sort(
    (a, b) =>
      (sheetIndex.get(a.sheet) ?? 0) - (sheetIndex.get(b.sheet) ?? 0) ||
      a.row - b.row ||
      a.column.length - b.column.length ||
      a.column.localeCompare(b.column),
  );
  return { year, counties, vocationalSchools, problems };
}
