import "server-only";

/**
 * 附件2 import — where the table is: the header of each part (counties, vocational
 * schools), the plan's year, and matching of organisation names.
 *
 * A part's header is found by its name column ("县市", "职业学校", spaced or with
 * brackets) on any sheet and in any column; its other columns by their words
 * ("送读", "招生", "初中毕业生", "※/东西协作"). A header may span several rows, merged
 * ("县 市" merged down over two rows) or not ("义教职教班" on one row, "送读控制在以下
 * 计划数以内" on the next): rows below the name cell are taken into the header while
 * they hold only words and the name column is empty.
 */
import { normalizePlanText, parseWithTask } from "@/lib/plan-rules";
import type { SheetReader } from "./cells";

export type PartKind = "county" | "school";

export type Part = {
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

export const COUNTY_HEADER = /^县\(?市(、?区)?\)?(名称)?$/;
export const SCHOOL_HEADER = /^(招生)?(职业)?学校(名称)?$/;
export const TOTAL_LABEL = /^(合计|总计|小计|共计)$/;
export const NOTE_LABEL = /^(备注|注[:：]|说明|填表说明|填报说明)/;
const TASK_MARKER = /※|东西协作|上海|建档立卡|任务/;
/** A header spans at most this many rows (the policy's has one; WPS copies of the PDF up to three). */
const MAX_HEADER_ROWS = 3;

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

/** True when a cell shows a figure (a number, "2073（102※）", "6,911", "５０２"…). */
export function looksLikeFigure(text: string, number: number | null): boolean {
  return number !== null || parseWithTask(text.replace(/[人名]/g, "")) !== null;
}

/**
 * The header's last row: the name cell's merged range, continued by unmerged rows
 * whose name cell is empty and which hold words but no figure (a header split over rows).
 */
function headerBottom(sheet: SheetReader, top: number, nameCol: number): number {
  let bottom = sheet.mergeBottom(top, nameCol);
  while (bottom + 1 <= sheet.rowCount && bottom - top + 1 < MAX_HEADER_ROWS) {
    const r = bottom + 1;
    if (normalizePlanText(sheet.shown(r, nameCol).text) !== "") break;
    let words = false;
    let figure = false;
    for (let c = nameCol + 1; c <= sheet.columnCount; c++) {
      const read = sheet.own(r, c);
      const t = normalizePlanText(read.text);
      if (read.formulaWithoutResult || looksLikeFigure(t, read.number)) figure = true;
      else if (t) words = true;
    }
    if (!words || figure) break;
    bottom = r;
  }
  return bottom;
}

/** Finds the header of one part (county or school) in the rows of a sheet from `fromRow` on. */
export function findPart(sheet: SheetReader, kind: PartKind, fromRow: number): Part | null {
  const nameHeader = kind === "county" ? COUNTY_HEADER : SCHOOL_HEADER;
  const capWord = kind === "county" ? "送读" : "招生";
  for (let r = fromRow; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= sheet.columnCount; c++) {
      const t = normalizePlanText(sheet.shown(r, c).text);
      if (!nameHeader.test(t)) continue;
      const top = r;
      const bottom = headerBottom(sheet, r, c);
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

export function findYear(sheet: SheetReader, beforeRow: number): number | null {
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

export type NameMatcher = (raw: string) => string | null;

export function nameMatcher(entries: { name: string; aliases: string[] }[]): NameMatcher {
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
