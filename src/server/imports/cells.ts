import "server-only";

/**
 * Reading spreadsheet cells as a person sees them, for imports of files made in
 * WPS or Excel (often by copying from the policy's PDF or Word file).
 *
 * - `readCell`: what a cell shows — text (rich text joined, hyperlinks' text),
 *   numbers, and for a formula its cached result; a formula that was never
 *   calculated (a file written by a program) is flagged, not read as empty.
 * - `SheetReader`: shown value vs. own value of merged cells, the bottom of a
 *   merged range, and "is this cell empty" in one place.
 */
import ExcelJS from "exceljs";
import { columnLetter } from "@/lib/schemas/application-import";
import { normalizePlanText } from "@/lib/plan-rules";
import { AppError } from "@/server/errors";
import { assertXlsxWithinLimits, DEFAULT_XLSX_LIMITS, XlsxDamagedError } from "./xlsx-guard";

export { columnLetter };

export type CellRead = {
  /** text as displayed (numbers as their decimal form) */
  text: string;
  /** the number when the cell holds a number (or a formula whose result is one) */
  number: number | null;
  /** a formula without a cached result (file written by a program that does not calculate) */
  formulaWithoutResult: boolean;
};

export const EMPTY_READ: CellRead = { text: "", number: null, formulaWithoutResult: false };

const text = (t: string): CellRead => ({ text: t, number: null, formulaWithoutResult: false });

export function readCell(value: ExcelJS.CellValue | undefined): CellRead {
  if (value === null || value === undefined) return EMPTY_READ;
  if (typeof value === "number") return { text: String(value), number: value, formulaWithoutResult: false };
  if (typeof value === "string") return text(value);
  if (typeof value === "boolean") return text(value ? "TRUE" : "FALSE");
  if (value instanceof Date) return text(value.toISOString().slice(0, 10));
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return text(value.richText.map((r) => r.text ?? "").join(""));
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return { ...EMPTY_READ, formulaWithoutResult: true };
      if (typeof result === "object" && "error" in result) return text(String((result as { error: unknown }).error));
      return readCell(result as ExcelJS.CellValue);
    }
    if ("error" in value) return text(String(value.error));
    if ("text" in value) {
      const t = (value as { text: unknown }).text;
      if (typeof t === "string") return text(t);
      if (t && typeof t === "object" && "richText" in t) return readCell(t as ExcelJS.CellValue);
    }
  }
  return text(String(value));
}

/** A cell that holds something: text other than white space, or a formula (calculated or not). */
export function hasContent(read: CellRead): boolean {
  return read.formulaWithoutResult || normalizePlanText(read.text) !== "";
}

/** Orders findings as a person reads the file: sheet (in the workbook's order), row, column. */
export function byCellPosition(sheetNames: string[]) {
  const index = new Map(sheetNames.map((s, i) => [s, i]));
  return (a: { sheet: string; row: number; column: string }, b: { sheet: string; row: number; column: string }) =>
    (index.get(a.sheet) ?? 0) - (index.get(b.sheet) ?? 0) || a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column);
}

export class SheetReader {
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
    return readCell(this.cell(row, col).value);
  }

  /**
   * The value a data cell holds: inside a merged range only the range's first
   * cell holds it (a value merged down over two rows is one value, not two).
   */
  own(row: number, col: number): CellRead {
    const cell = this.cell(row, col);
    if (cell.isMerged && cell.master !== cell) return EMPTY_READ;
    return readCell(cell.value);
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

/**
 * Loads an uploaded .xlsx within the upload limits (./xlsx-guard.ts). Anything that is
 * not a readable .xlsx (.xls, .et, .csv, a damaged upload) gives `unreadable`; a file
 * over the limits gives the guard's message naming the limit.
 */
export async function loadXlsx(
  input: Buffer | ArrayBuffer,
  label: string,
  maxRows: number,
  unreadable: string,
): Promise<{ workbook: ExcelJS.Workbook } | { fatal: string }> {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(new Uint8Array(input));
  // An .xlsx is a zip archive ("PK").
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { fatal: unreadable };
  try {
    assertXlsxWithinLimits(bytes, label, { ...DEFAULT_XLSX_LIMITS, maxRows });
  } catch (err) {
    if (err instanceof XlsxDamagedError) return { fatal: unreadable };
    if (err instanceof AppError) return { fatal: err.message };
    throw err;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { fatal: unreadable };
  }
  return { workbook };
}
