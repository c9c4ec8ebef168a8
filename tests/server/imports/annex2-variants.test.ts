/**
 * 附件2 import tolerance — round trips (issue 16, item 1).
 *
 * Each variant is a file as bureau staff really make it (WPS / Excel, often copied from the
 * policy's PDF or Word file), generated here with exceljs from the official 2020 figures
 * (prisma/data/plan-2020.json through prisma/factories/plan-2020.ts, the demo's data). Every variant must give back exactly the
 * official figures and exactly the nine findings the printed 2020 table has (seven caps above
 * ⌊30%⌋, two printed totals that disagree with their rows) — no more, no fewer.
 */
import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { parseAnnex2Workbook, type Annex2KnownNames } from "@/server/imports/annex2";
import { PLAN_2020 as OFFICIAL } from "../../../prisma/factories/plan-2020";

const KNOWN: Annex2KnownNames = {
  counties: OFFICIAL.counties.map((c) => c.name),
  vocationalSchools: OFFICIAL.vocationalSchools.map((s) => ({ name: s.name, aliases: s.fullName ? [s.fullName] : [] })),
};

const EXPECTED_COUNTIES = OFFICIAL.counties.map((c) => ({
  countyName: c.name,
  cohortBase: c.cohortBase,
  sendOffCap: c.sendOffCap,
  shanghaiTask: c.shanghaiTask,
}));
const EXPECTED_SCHOOLS = OFFICIAL.vocationalSchools.map((s) => ({ schoolName: s.name, enrolCap: s.enrolCap, shanghaiTask: s.shanghaiTask }));
/** The printed 2020 table's own inconsistencies (docs/decisions/003-plan-2020-demo.md). */
const EXPECTED_MESSAGES = [
  "双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）",
  "牟定县送读计划不得超过 566 人（1889 × 30% = 566.7）",
  "南华县送读计划不得超过 853 人（2846 × 30% = 853.8）",
  "姚安县送读计划不得超过 522 人（1742 × 30% = 522.6）",
  "大姚县送读计划不得超过 835 人（2786 × 30% = 835.8）",
  "元谋县送读计划不得超过 705 人（2353 × 30% = 705.9）",
  "武定县送读计划不得超过 932 人（3109 × 30% = 932.7）",
  "合计行打印的送读计划 8892 与各县市之和 8893 不一致",
  "合计行打印的东西协作任务数 800 与各职业学校之和 200 不一致",
];

type Cell = ExcelJS.CellValue;
type Variant = {
  /** "side": the policy's layout (schools to the right of counties); "stacked": schools under counties */
  layout?: "side" | "stacked";
  /** sheets placed before the plan's sheet */
  sheetsBefore?: string[];
  /** first row / column of the table */
  origin?: { row: number; col: number };
  /** a blank column between every two columns, a blank row after every data row */
  blankColumns?: boolean;
  blankRows?: boolean;
  /** header over one row, two unmerged rows, or two rows with the name cell merged down */
  header?: "one" | "two" | "two-merged";
  /** ※ in its own column instead of in brackets */
  taskColumn?: boolean;
  name?: (name: string) => string;
  total?: string;
  number?: (n: number) => Cell;
  withTask?: (n: number, task: number) => Cell;
};

const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const GROUPED = (n: number) => n.toLocaleString("en-US");

/** Builds a 附件2 workbook from the official figures in the given variant; returns it and the plan's sheet name. */
function build(v: Variant): { wb: ExcelJS.Workbook; sheet: string } {
  const wb = new ExcelJS.Workbook();
  for (const name of v.sheetsBefore ?? []) wb.addWorksheet(name).getCell("A1").value = name === "说明" ? "填表说明：本表数据以州教育体育局下达为准" : null;
  const sheet = "送读招生计划";
  const ws = wb.addWorksheet(sheet);
  const name = v.name ?? ((s: string) => s);
  const number = v.number ?? ((n: number) => n);
  const withTask = v.withTask ?? ((n: number, t: number) => (t > 0 ? `${n}（${t}※）` : number(n)));
  const step = v.blankColumns ? 2 : 1;
  const o = v.origin ?? { row: 1, col: 1 };
  const col = (i: number) => o.col + i * step;
  const header2 = v.header === "two" || v.header === "two-merged";

  ws.getCell(o.row, o.col).value = "楚雄州 2020 年义务教育职教班送读招生计划";

  // Column indexes of each part (0-based, before gaps).
  const countyCols = v.taskColumn ? 4 : 3;
  const schoolStart = v.layout === "stacked" ? 0 : countyCols;

  const writeHeader = (row: number, kind: "county" | "school") => {
    const start = kind === "county" ? 0 : schoolStart;
    const top =
      kind === "county"
        ? ["县 市", header2 ? "初中毕业生" : "初中毕业生 (人)", header2 ? "义教职教班" : "义教职教班 送读控制在以下 计划数以内"]
        : ["职业学校", header2 ? "义教职教班" : "义教职教班 招生控制在以下 计划数以内"];
    const bottom = kind === "county" ? ["", "(人)", "送读控制在以下计划数以内"] : ["", "招生控制在以下计划数以内"];
    if (v.taskColumn) {
      top.push(header2 ? "其中：东西协作" : "其中：东西协作送读上海任务数（※）");
      bottom.push("送读上海任务数（※）");
    }
    top.forEach((t, i) => (ws.getCell(row, col(start + i)).value = t));
    if (header2) {
      bottom.forEach((t, i) => (ws.getCell(row + 1, col(start + i)).value = t || null));
      if (v.header === "two-merged") ws.mergeCells(row, col(start), row + 1, col(start));
    }
    return row + (header2 ? 2 : 1);
  };

  const countyRow = (c: { cohortBase: number; sendOffCap: number; shanghaiTask: number } | null) =>
    c === null ? [] : v.taskColumn ? [number(c.cohortBase), number(c.sendOffCap), c.shanghaiTask ? number(c.shanghaiTask) : null] : [number(c.cohortBase), withTask(c.sendOffCap, c.shanghaiTask)];
  const schoolRow = (s: { enrolCap: number; shanghaiTask: number }) =>
    v.taskColumn ? [number(s.enrolCap), s.shanghaiTask ? number(s.shanghaiTask) : null] : [withTask(s.enrolCap, s.shanghaiTask)];

  const put = (row: number, start: number, label: string, values: Cell[]) => {
    ws.getCell(row, col(start)).value = label;
    values.forEach((x, i) => (ws.getCell(row, col(start + 1 + i)).value = x));
  };

  let row = writeHeader(o.row + 1, "county");
  if (v.layout !== "stacked") writeHeader(o.row + 1, "school");
  const dataStart = row;
  const rowStep = v.blankRows ? 2 : 1;
  OFFICIAL.counties.forEach((c, i) => put(dataStart + i * rowStep, 0, name(c.name), countyRow(c)));
  const countyTotalRow = dataStart + OFFICIAL.counties.length * rowStep;
  const t = OFFICIAL.countiesPrintedTotal;
  put(countyTotalRow, 0, v.total ?? "合 计", v.taskColumn ? [number(t.cohortBase), number(t.sendOffCap)] : [number(t.cohortBase), number(t.sendOffCap)]);

  row = v.layout === "stacked" ? writeHeader(countyTotalRow + 3, "school") : dataStart;
  OFFICIAL.vocationalSchools.forEach((s, i) => put(row + i * rowStep, schoolStart, name(s.name), schoolRow(s)));
  const schoolTotalRow = row + OFFICIAL.vocationalSchools.length * rowStep;
  put(schoolTotalRow, schoolStart, v.total ?? "合 计", schoolRow(OFFICIAL.vocationalPrintedTotal));

  const notes = schoolTotalRow + 1;
  ws.getCell(notes, o.col).value = "备注：1. 县市“初中毕业生”数为 2020 年毕业的本届初一入学时（2017 年）的学籍人数。";
  ws.getCell(notes + 1, o.col).value = " 2. 县市“义教职教班送读计划”数必须控制在“初中毕业生”数的 30% 以内。";
  return { wb, sheet };
}

async function parse(wb: ExcelJS.Workbook) {
  const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const result = await parseAnnex2Workbook(bytes, KNOWN);
  if ("fatal" in result) throw new Error(result.fatal);
  return result;
}

const VARIANTS: Record<string, Variant> = {
  "the policy's own text: 2073 (102 [*]), 合 计": { withTask: (n, t) => (t ? `${n} (${t} [*])` : n) },
  "※ full-width: 2073（102※）": { withTask: (n, t) => (t ? `${n}（${t}※）` : n) },
  "* with spaces: 2073 (102 *)": { withTask: (n, t) => (t ? `${n} (${t} *)` : n) },
  "[*] without spaces: 2073(102[*])": { withTask: (n, t) => (t ? `${n}(${t}[*])` : n) },
  "＊ full-width asterisk: 2073(102＊)": { withTask: (n, t) => (t ? `${n}(${t}＊)` : n) },
  "［※］ full-width square brackets: 2073（102［※］）": { withTask: (n, t) => (t ? `${n}（${t}［※］）` : n) },
  "mark before the number: 2073（※102）": { withTask: (n, t) => (t ? `${n}（※${t}）` : n) },
  "full-width digits and brackets: ２０７３（１０２※）": {
    number: (n) => FULL(String(n)),
    withTask: (n, t) => FULL(t ? `${n}（${t}※）` : `${n}`),
  },
  "numbers stored as text": { number: (n) => String(n) },
  "numbers as formulas (cached results)": {
    number: (n) => ({ formula: `${n - 1}+1`, result: n }) as ExcelJS.CellFormulaValue,
    withTask: (n, t) => (t ? `${n}（${t}※）` : ({ formula: `${n}*1`, result: n } as ExcelJS.CellFormulaValue)),
  },
  "thousands separators: 6,911 and 2,073（102※）": {
    number: (n) => GROUPED(n),
    withTask: (n, t) => (t ? `${GROUPED(n)}（${t}※）` : GROUPED(n)),
  },
  "full-width thousands separator: 6，911": { number: (n) => GROUPED(n).replace(",", "，") },
  "spaced names: 楚 雄 市, 合　计": { name: (s) => Array.from(s).join(" "), total: "合\u3000计" },
  "header over two unmerged rows": { header: "two" },
  "header over two rows, name cell merged down": { header: "two-merged" },
  "blank rows and columns, table not at A1": { blankRows: true, blankColumns: true, origin: { row: 3, col: 2 } },
  "plan on the third sheet": { sheetsBefore: ["说明", "Sheet2"] },
  "halves one under the other": { layout: "stacked" },
  "halves stacked, two-row header, ※ in its own column": { layout: "stacked", header: "two", taskColumn: true },
  "※ in its own column, side by side": { taskColumn: true },
  "everything at once": {
    sheetsBefore: ["Sheet1"],
    blankRows: true,
    blankColumns: true,
    header: "two",
    name: (s) => Array.from(s).join(" "),
    number: (n) => FULL(GROUPED(n)),
    withTask: (n, t) => (t ? `${FULL(GROUPED(n))} (${FULL(String(t))} [*])` : FULL(GROUPED(n))),
  },
};

describe("附件2 import round trips: each variant gives back the official 2020 figures", () => {
  test.each(Object.entries(VARIANTS))("%s", async (_label, variant) => {
    const { wb, sheet } = build(variant);
    const result = await parse(wb);
    expect(result.year).toBe(2020);
    expect(result.counties).toEqual(EXPECTED_COUNTIES);
    expect(result.vocationalSchools).toEqual(EXPECTED_SCHOOLS);
    expect(result.problems.map((p) => p.message).sort()).toEqual([...EXPECTED_MESSAGES].sort());
    // Every finding names the plan's sheet, a cell and the text in it.
    for (const p of result.problems) {
      expect(p.sheet).toBe(sheet);
      expect(p.column).toMatch(/^[A-Z]+$/);
      expect(p.value).not.toBe("");
      expect(result.problems.filter((q) => q.row === p.row && q.column === p.column && q.message === p.message)).toHaveLength(1);
    }
  });
});

describe("附件2 import: what cannot be read is reported with sheet, row, column and value", () => {
  const findings = async (edit: (ws: ExcelJS.Worksheet) => void) => {
    const { wb, sheet } = build({});
    edit(wb.getWorksheet(sheet)!);
    const result = await parse(wb);
    return result.problems
      .filter((p) => !EXPECTED_MESSAGES.includes(p.message))
      .map((p) => `${p.sheet}!${p.column}${p.row} “${p.value}” ${p.message}`);
  };

  // The default variant: title row 1, header row 2, counties in rows 3–12 (A name, B base, C cap),
  // 合计 in row 13; schools in rows 3–14 (D name, E cap), 合计 in row 15.
  test("an unclosed bracket, a formula error, Chinese numerals", async () => {
    expect(
      await findings((ws) => {
        ws.getCell("C3").value = "2073（102※"; // 楚雄市
        ws.getCell("B4").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue; // 双柏县
        ws.getCell("E5").value = "二百"; // 牟定县职中
      }),
    ).toEqual([
      "送读招生计划!C3 “2073（102※” 楚雄市的送读计划“2073（102※”不是数字",
      "送读招生计划!B4 “#DIV/0!” 双柏县的初中毕业生数“#DIV/0!”不是数字",
      "送读招生计划!E5 “二百” 牟定县职中的招生计划“二百”不是数字",
    ].sort(byCell));
  });

  test("a row under the 合计 row and a row without a name are not dropped silently", async () => {
    expect(
      await findings((ws) => {
        ws.getCell("A14").value = "牟定县"; // a county written under the county 合计 row
        ws.getCell("B14").value = 10;
        ws.getCell("D16").value = null; // the first note moved: row 16 is free in the school part
        ws.getCell("A16").value = null;
        ws.getCell("E16").value = "300";
        ws.getCell("A17").value = null;
        ws.getCell("D7").value = null; // 姚安县职中's name lost, its figure stays (as words)
        ws.getCell("E7").value = "一百";
      }),
    ).toEqual([
      "送读招生计划!B14 “10” 合计行（第 13 行）下面的县市数据未读入：请把此行移到合计行上面",
      "送读招生计划!E16 “300” 合计行（第 15 行）下面的职业学校数据未读入：请把此行移到合计行上面",
      "送读招生计划!D7 “” 此行有数据但缺少职业学校名称",
      "送读招生计划!D2 “” 缺少职业学校“姚安县职中”的招生计划",
      "送读招生计划!E15 “8920（800※）” 合计行打印的招生计划 8920 与各职业学校之和 8820 不一致",
    ].sort(byCell));
  });
});

function byCell(a: string, b: string): number {
  const key = (s: string) => {
    const m = /!([A-Z]+)(\d+)/.exec(s)!;
    return [Number(m[2]), m[1]] as const;
  };
  const [ra, ca] = key(a);
  const [rb, cb] = key(b);
  return ra - rb || ca.localeCompare(cb);
}
