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
 *  - "2073（102※）", "2073 (102 *)", "2073(102 [*])", "2073（102［※］）", full-width
 *    digits and brackets, spaces of every kind (also inside names: "楚 雄 市", "合 计"),
 *    numbers stored as numbers or text, with thousands separators, formula cells
 *    (their cached result); headers over two rows (merged or not), blank rows and
 *    columns, the table anywhere on any sheet.
 *
 * Nothing is dropped silently: a cell that is not a figure, a row with data but no
 * name, a row under the 合计 row, a name the system does not know are all problems.
 * Cell reading lives in ./cells.ts, finding the table in ./annex2-layout.ts.
 * Round trips of every variant: tests/server/imports/annex2-variants.test.ts.
 */
import { SheetReader, byCellPosition, columnLetter, hasContent, loadXlsx, type CellRead } from "./cells";
import {
  COUNTY_HEADER,
  NOTE_LABEL,
  SCHOOL_HEADER,
  TOTAL_LABEL,
  findPart,
  findYear,
  nameMatcher,
  type NameMatcher,
  type Part,
  type PartKind,
} from "./annex2-layout";

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

/** 附件2 has one row per county and vocational school (≈ 130 in 楚雄州): 1,000 rows is ample. */
const ANNEX2_MAX_ROWS = 1000;

export { columnLetter };

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
// Parsing one part
// ---------------------------------------------------------------------------

type ParsedNumber = { ok: true; value: number; task: number | null } | { ok: false };

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

  const valueCols = [part.baseCol, part.capCol, part.taskCol].filter((c): c is number => c !== null);
  for (let r = part.firstDataRow; r <= endRow; r++) {
    const nameRead = sheet.own(r, part.nameCol);
    const name = normalizePlanText(nameRead.text);
    if (NOTE_LABEL.test(name)) break;
    if (TOTAL_LABEL.test(name)) {
      totalRow = r;
      break;
    }
    if ((isCounty ? COUNTY_HEADER : SCHOOL_HEADER).test(name)) continue; // a repeated header
    if (!name) {
      // A blank row is skipped; a row with anything in its figure columns but no name is reported.
      if (valueCols.some((c) => hasContent(sheet.own(r, c)))) {
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
    // Rows under the 合计 row (until the notes) are not part of the table: never drop them silently.
    for (let r = totalRow + 1; r <= endRow; r++) {
      const nameRead = sheet.own(r, part.nameCol);
      const name = normalizePlanText(nameRead.text);
      if (NOTE_LABEL.test(name)) break;
      const filled = valueCols.find((c) => hasContent(sheet.own(r, c)));
      if (filled === undefined && !(name && match(name))) continue;
      const col = filled ?? part.nameCol;
      problem(r, col, sheet.own(r, col).text, `合计行（第 ${totalRow} 行）下面的${kindLabel}数据未读入：请把此行移到合计行上面`);
    }
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

export async function parseAnnex2Workbook(
  buffer: Buffer | ArrayBuffer,
  known: Annex2KnownNames,
): Promise<Annex2ParseResult | { fatal: string }> {
  const loaded = await loadXlsx(buffer, "附件2", ANNEX2_MAX_ROWS, ANNEX2_UNREADABLE_MESSAGE);
  if ("fatal" in loaded) return loaded;
  const workbook = loaded.workbook;

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

  problems.sort(byCellPosition(sheets.map((s) => s.name)));
  return { year, counties, vocationalSchools, problems };
}
