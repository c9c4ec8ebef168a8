import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { parseAnnex2Workbook, type Annex2KnownNames, type Annex2Problem } from "@/server/imports/annex2";
import { PLAN_2020 } from "../../../prisma/factories/plan-2020";

// The 2020 figures exactly as printed in 附件2 of the policy.
const COUNTIES_2020 = PLAN_2020.counties;
const COUNTIES_PRINTED_TOTAL = PLAN_2020.countiesPrintedTotal;
const SCHOOLS_2020 = PLAN_2020.vocationalSchools;
const SCHOOLS_PRINTED_TOTAL = PLAN_2020.vocationalPrintedTotal;


const KNOWN: Annex2KnownNames = {
  counties: COUNTIES_2020.map((c) => c.name),
  vocationalSchools: SCHOOLS_2020.map((s) =>
    s.name === "楚雄机电学校" ? { name: s.name, aliases: ["楚雄机械电子职业技术学校"] } : { name: s.name, aliases: [] },
  ),
};

const SHEET = "Sheet1";

// Spellings seen in WPS / Excel files: full- and half-width brackets, "*" "＊" "※", spaces of all kinds.
const SPELLINGS = [
  (n: number, t: number) => `${n}（${t}※）`,
  (n: number, t: number) => `${n} (${t} *)`,
  (n: number, t: number) => `${n}(${t}＊)`,
  (n: number, t: number) => `${n}\u3000（${t}※）`,
  (n: number, t: number) => `\u00a0${n}\n(${t}※)`,
];

/**
 * The policy's layout, built independently of the exporter:
 *   1 title (merged A:E) · 2 header · 3–12 counties and schools side by side ·
 *   13 county 合计 + 楚雄技师学院 · 14 楚雄机电学校 · 15 school 合计 · 16–18 备注 (merged A:E).
 */
function policyWorkbook(
  counties = COUNTIES_2020,
  schools = SCHOOLS_2020,
  countyTotal: { cohortBase: number; sendOffCap: number } = COUNTIES_PRINTED_TOTAL,
  schoolTotal: { enrolCap: number; shanghaiTask: number } = SCHOOLS_PRINTED_TOTAL,
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.getCell("A1").value = "楚雄州 2020 年义务教育职教班送读招生计划";
  ws.mergeCells("A1:E1");
  ws.getRow(2).values = [
    "县 市",
    "初中毕业生 (人)",
    "义教职教班 送读控制在以下 计划数以内",
    "职业学校",
    "义教职教班\n招生控制在以下\n计划数以内",
  ];
  counties.forEach((c, i) => {
    const r = 3 + i;
    ws.getCell(r, 1).value = i === 0 ? { richText: [{ text: "楚雄" }, { text: "市" }] } : c.name;
    ws.getCell(r, 2).value = i % 2 === 0 ? c.cohortBase : String(c.cohortBase); // numbers as numbers or text
    ws.getCell(r, 3).value = SPELLINGS[i % SPELLINGS.length](c.sendOffCap, c.shanghaiTask);
  });
  schools.forEach((s, i) => {
    const r = 3 + i;
    ws.getCell(r, 4).value = s.name;
    ws.getCell(r, 5).value = s.shanghaiTask ? `${s.enrolCap} (${s.shanghaiTask} ※)` : i % 3 === 0 ? ` ${s.enrolCap} ` : s.enrolCap;
  });
  const countyTotalRow = 3 + counties.length;
  ws.getCell(countyTotalRow, 1).value = "合 计";
  ws.getCell(countyTotalRow, 2).value = {
    formula: `SUM(B3:B${countyTotalRow - 1})`,
    result: countyTotal.cohortBase,
  };
  ws.getCell(countyTotalRow, 3).value = countyTotal.sendOffCap;
  const schoolTotalRow = 3 + schools.length;
  ws.getCell(schoolTotalRow, 4).value = "合\u3000计";
  ws.getCell(schoolTotalRow, 5).value = `${schoolTotal.enrolCap} (${schoolTotal.shanghaiTask} ※)`;
  const notes = [
    "备注：1. 县市“初中毕业生”数为 2020 年毕业的本届初一入学时（2017 年）的学籍人数。",
    "2. 县市“义教职教班送读计划”数必须控制在“初中毕业生”数的 30% 以内。",
    "3. “义教职教班招生计划”数是根据各县市和职业学校办学条件、质量和上报的计划确定。",
  ];
  notes.forEach((text, i) => {
    const r = schoolTotalRow + 1 + i;
    ws.getCell(r, 1).value = text;
    ws.mergeCells(r, 1, r, 5);
  });
  return { wb, ws, countyTotalRow, schoolTotalRow };
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function parse(wb: ExcelJS.Workbook) {
  const result = await parseAnnex2Workbook(await toBuffer(wb), KNOWN);
  if ("fatal" in result) throw new Error(result.fatal);
  return result;
}

const at = (row: number, column: string, value: string, message: string): Annex2Problem => ({
  sheet: SHEET,
  row,
  column,
  value,
  message,
});

/** The 2020 figures with every cap lowered to ⌊30%⌋ and correct printed totals. */
function valid2020() {
  const counties = COUNTIES_2020.map((c) => ({ ...c, sendOffCap: Math.min(c.sendOffCap, Math.floor((c.cohortBase * 3) / 10)) }));
  const countyTotal = {
    cohortBase: counties.reduce((s, c) => s + c.cohortBase, 0),
    sendOffCap: counties.reduce((s, c) => s + c.sendOffCap, 0),
  };
  const schoolTotal = {
    enrolCap: SCHOOLS_2020.reduce((s, c) => s + c.enrolCap, 0),
    shanghaiTask: SCHOOLS_2020.reduce((s, c) => s + c.shanghaiTask, 0),
  };
  return policyWorkbook(counties, SCHOOLS_2020, countyTotal, schoolTotal);
}

describe("parseAnnex2Workbook — the 2020 plan as printed", () => {
  test("reads every figure and reports exactly the policy's own inconsistencies", async () => {
    const { wb } = policyWorkbook();
    const result = await parse(wb);

    expect(result.year).toBe(2020);
    expect(result.counties).toEqual(
      COUNTIES_2020.map((c) => ({
        countyName: c.name,
        cohortBase: c.cohortBase,
        sendOffCap: c.sendOffCap,
        shanghaiTask: c.shanghaiTask,
      })),
    );
    expect(result.vocationalSchools).toEqual(
      SCHOOLS_2020.map((s) => ({ schoolName: s.name, enrolCap: s.enrolCap, shanghaiTask: s.shanghaiTask })),
    );

    // The printed 2020 figures break the rules of SPEC §3 in nine places:
    //  - seven counties' send-off caps are 30% rounded half-up, one above ⌊30%⌋;
    //  - the county 合计 prints 8892 but the rows add up to 8893;
    //  - the school 合计 prints 800※ but the schools' ※ add up to 200 (800 = 200 + the counties' 600).
    expect(result.problems).toEqual([
      at(4, "C", "502 (46 *)", "双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）"),
      at(5, "C", "567(48＊)", "牟定县送读计划不得超过 566 人（1889 × 30% = 566.7）"),
      at(6, "C", "854\u3000（43※）", "南华县送读计划不得超过 853 人（2846 × 30% = 853.8）"),
      at(7, "C", "\u00a0523\n(35※)", "姚安县送读计划不得超过 522 人（1742 × 30% = 522.6）"),
      at(8, "C", "836（66※）", "大姚县送读计划不得超过 835 人（2786 × 30% = 835.8）"),
      at(10, "C", "706(39＊)", "元谋县送读计划不得超过 705 人（2353 × 30% = 705.9）"),
      at(11, "C", "933\u3000（98※）", "武定县送读计划不得超过 932 人（3109 × 30% = 932.7）"),
      at(13, "C", "8892", "合计行打印的送读计划 8892 与各县市之和 8893 不一致"),
      at(15, "E", "8920 (800 ※)", "合计行打印的东西协作任务数 800 与各职业学校之和 200 不一致"),
    ]);
  });

  test("accepts an ArrayBuffer", async () => {
    const { wb } = valid2020();
    const buffer = await toBuffer(wb);
    const ab = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    const result = await parseAnnex2Workbook(ab, KNOWN);
    expect("fatal" in result ? result.fatal : result.problems).toEqual([]);
  });
});

describe("parseAnnex2Workbook — errors in known cells", () => {
  test("a valid plan has no problems", async () => {
    const { wb } = valid2020();
    const result = await parse(wb);
    expect(result.problems).toEqual([]);
    expect(result.counties).toHaveLength(10);
    expect(result.vocationalSchools).toHaveLength(12);
  });

  test("negative, text, over cap, ※ over cap, bad total, unknown and duplicate names", async () => {
    const { wb, ws } = valid2020();
    ws.getCell("B3").value = -5; // 楚雄市 初中毕业生
    ws.getCell("C5").value = "abc"; // 牟定县 送读计划
    ws.getCell("C6").value = "853（900※）"; // 南华县 ※ above S
    ws.getCell("C9").value = "327（24※）"; // 永仁县: ⌊1087 × 30%⌋ = 326
    ws.getCell("A12").value = "武定县"; // 禄丰县's row says 武定县 again
    ws.getCell("D8").value = "大姚职校"; // unknown school
    ws.getCell("E15").value = "8921（200※）"; // school 合计 wrong by one

    const result = await parse(wb);
    expect(result.problems).toEqual([
      at(2, "A", "", "缺少县市“禄丰县”的送读计划"),
      at(2, "D", "", "缺少职业学校“大姚县职中”的招生计划"),
      at(3, "B", "-5", "楚雄市初中毕业生数必须是不小于0的整数"),
      at(5, "C", "abc", "牟定县的送读计划“abc”不是数字"),
      at(6, "C", "853（900※）", "南华县东西协作任务数 900 不得超过送读计划 853"),
      at(8, "D", "大姚职校", "职业学校“大姚职校”不在系统的职业学校名单中"),
      at(9, "C", "327（24※）", "永仁县送读计划不得超过 326 人（1087 × 30% = 326.1）"),
      at(12, "A", "武定县", "县市“武定县”重复出现（第 11 行已有）"),
      at(15, "E", "8921（200※）", "合计行打印的招生计划 8921 与各职业学校之和 8920 不一致"),
    ]);
    // Rows with unreadable numbers, unknown or duplicate names are left out; the others are kept.
    expect(result.counties.map((c) => c.countyName)).toEqual([
      "楚雄市",
      "双柏县",
      "南华县",
      "姚安县",
      "大姚县",
      "永仁县",
      "元谋县",
      "武定县",
    ]);
    expect(result.counties.find((c) => c.countyName === "武定县")?.cohortBase).toBe(3109);
    expect(result.vocationalSchools).toHaveLength(11);
  });

  test("a non-integer and a total compared only when its rows are valid", async () => {
    const { wb, ws, countyTotalRow } = valid2020();
    ws.getCell("E5").value = 200.5; // 牟定县职中
    ws.getCell("E15").value = "9999（200※）"; // cannot be checked: a row of its column is invalid
    ws.getCell(countyTotalRow, 2).value = 1; // 初中毕业生 合计 wrong
    const result = await parse(wb);
    expect(result.problems).toEqual([
      at(5, "E", "200.5", "牟定县职中招生计划必须是不小于0的整数"),
      at(13, "B", "1", "合计行打印的初中毕业生数 1 与各县市之和 29640 不一致"),
    ]);
  });

  test("empty cells, a formula without result, a number without a name, an unreadable total", async () => {
    const { wb, ws } = valid2020();
    ws.getCell("B4").value = null; // 双柏县 初中毕业生 empty
    ws.getCell("C7").value = { formula: "ROUND(B7*0.3,0)" } as ExcelJS.CellFormulaValue; // no cached result
    ws.getCell("A12").value = "禄丰县职中"; // not a county
    ws.getCell("E14").value = "五百五十"; // 楚雄机电学校
    ws.getCell("C13").value = "八千"; // unreadable total
    const result = await parse(wb);
    expect(result.problems).toEqual([
      at(2, "A", "", "缺少县市“禄丰县”的送读计划"),
      at(4, "B", "", "双柏县的初中毕业生数未填写"),
      at(7, "C", "", "姚安县的送读计划是没有计算结果的公式：请在 Excel 或 WPS 中打开并保存后再上传"),
      at(12, "A", "禄丰县职中", "县市“禄丰县职中”不在系统的县市名单中"),
      at(13, "C", "八千", "合计行的送读计划“八千”不是数字"),
      at(14, "E", "五百五十", "楚雄机电学校的招生计划“五百五十”不是数字"),
    ]);
  });
});

describe("parseAnnex2Workbook — other layouts", () => {
  test("stacked parts, short headers merged over two rows, a separate ※ column, aliases", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("计划");
    ws.getCell("A1").value = "附件2";
    ws.getCell("A2").value = "楚雄州2021年义务教育职教班送读招生计划";
    ws.mergeCells("A2:D2");
    ws.getCell("A3").value = "县市";
    ws.getCell("B3").value = "初一入学时学籍人数";
    ws.getCell("C3").value = "送读计划";
    ws.mergeCells("A3:A4");
    ws.mergeCells("B3:B4");
    ws.mergeCells("C3:D3");
    ws.getCell("C4").value = "人数";
    ws.getCell("D4").value = "其中※东西协作任务数";
    const counties = [
      ["楚雄市", 7000, 2100, 100],
      ["双柏", 1500, 450, 0],
    ] as const;
    counties.forEach((c, i) => {
      ws.getRow(5 + i).values = [...c];
    });
    ws.getRow(7).values = ["合计", 8500, { formula: "SUM(C5:C6)", result: 2550 }, 100];
    ws.getCell("A9").value = "学校";
    ws.getCell("B9").value = "招生计划";
    ws.getRow(10).values = ["楚雄机械电子职业技术学校", "550（20※）"];
    ws.getRow(11).values = ["楚雄技师学院", "５０００（１８０＊）"];

    const known: Annex2KnownNames = {
      counties: ["楚雄市", "双柏县"],
      vocationalSchools: [
        { name: "楚雄技师学院", aliases: [] },
        { name: "楚雄机电学校", aliases: ["楚雄机械电子职业技术学校"] },
      ],
    };
    const result = await parseAnnex2Workbook(await toBuffer(wb), known);
    if ("fatal" in result) throw new Error(result.fatal);
    expect(result).toEqual({
      year: 2021,
      counties: [
        { countyName: "楚雄市", cohortBase: 7000, sendOffCap: 2100, shanghaiTask: 100 },
        { countyName: "双柏县", cohortBase: 1500, sendOffCap: 450, shanghaiTask: 0 },
      ],
      vocationalSchools: [
        { schoolName: "楚雄技师学院", enrolCap: 5000, shanghaiTask: 180 },
        { schoolName: "楚雄机电学校", enrolCap: 550, shanghaiTask: 20 },
      ],
      problems: [],
    });
  });
});

describe("parseAnnex2Workbook — unreadable files", () => {
  const fatal = { fatal: "文件无法读取：请上传 .xlsx 格式的附件2（WPS 或 Excel 另存为 .xlsx）" };

  test("text, an empty buffer, a broken zip", async () => {
    expect(await parseAnnex2Workbook(Buffer.from("县市,送读计划\n楚雄市,2073\n"), KNOWN)).toEqual(fatal);
    expect(await parseAnnex2Workbook(Buffer.alloc(0), KNOWN)).toEqual(fatal);
    expect(await parseAnnex2Workbook(new ArrayBuffer(16), KNOWN)).toEqual(fatal);
    const { wb } = valid2020();
    const truncated = (await toBuffer(wb)).subarray(0, 500);
    expect(await parseAnnex2Workbook(truncated, KNOWN)).toEqual(fatal);
  });

  test("an old .xls (OLE compound file) is refused", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    expect(await parseAnnex2Workbook(ole, KNOWN)).toEqual(fatal);
  });

  test("a workbook without the 附件2 table", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("名单").getCell("A1").value = "学生姓名";
    const result = await parseAnnex2Workbook(await toBuffer(wb), KNOWN);
    expect(result).toEqual({ fatal: "文件中找不到附件2的表格：表头应包含“县市”“送读计划”“职业学校”“招生计划”等栏目" });
  });
});
