/**
 * 附件4 / 附件6 as printed (issue 16, item 2): the 填报说明 under the table in the policy's words,
 * the 学校 line above it, the two header rows repeated on every page (print titles), A4 landscape,
 * one page wide, "第 n 页 共 m 页" in the footer — read back with exceljs and from the file's XML.
 */
import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { annex4Notes, writeAnnex4 } from "@/server/exports/annex4";
import { ANNEX6_NOTES, writeAnnex6, type Annex6Row } from "@/server/exports/annex6";
import { ROSTER_COUNTIES, rosterRow, written } from "./roster-rows";

const COUNTIES = ROSTER_COUNTIES;

async function load(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The policy's text of 附件4, character for character (spaces as the policy prints them). */
const POLICY_ANNEX4_NOTES = [
  "填报说明：1. 统计填报要求：学生名单按“所属县市”归并排序（顺序为：楚雄市、双柏县、牟定县、南华县、姚安县、大姚县、永仁县、元谋县、武定县、禄丰县）；县市中，按“原初中学校”归并排序；初中学校中，按“所在班级”归并排序。",
  "2. 此表由有关职业学校在义务教育职教班稳定期结束后确认在读学生时填报。用 WPS 电子表格填报。",
];
const POLICY_ANNEX6_NOTES = [
  "填报说明：1. 本表与上报的附件 3《楚雄州义务教育职教班在读学生名单》为同一表，只需在“流失”栏注明学生流失的原因和有无有效证明即可。",
  "2. “有效证明”指学生回原初中学校就读的或到其他高中阶段学校就读的，原初中学校或其他高中阶段学校出具回校就读或在读的书面证明。",
  "3. 本表于每年秋季学期义务教育职教班学生注册中职学籍后上报。",
];

function expectPrintLayout(ws: ExcelJS.Worksheet, lastColumn: string) {
  expect(ws.pageSetup).toMatchObject({
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "4:5",
  });
  expect(ws.headerFooter.oddFooter).toBe("&C第 &P 页 共 &N 页");
  expect(lastColumn).toMatch(/^[JL]$/);
}

describe("附件4 print layout", () => {
  test("学校 line, 填报说明 under the last row, print titles on every sheet, A4 landscape one page wide", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => rosterRow(i));
    const bytes = await written((out) =>
      writeAnnex4(out, [{ schoolName: "楚雄技师学院", rows }, { schoolName: "楚雄机电学校", rows: [] }], COUNTIES),
    );
    const wb = await load(bytes);
    for (const [ws, n, school] of [
      [wb.worksheets[0], rows.length, "楚雄技师学院"],
      [wb.worksheets[1], 0, "楚雄机电学校"],
    ] as const) {
      expect(ws.getCell("A3").value).toBe(`学校（职业学校）：${school}`);
      expectPrintLayout(ws, "J");
      const notes = [6 + n, 7 + n].map((r) => ws.getCell(r, 1).value as string);
      // The policy's words; the second item is indented under the first as printed.
      expect(notes.map((t) => t.replace(/^\u3000+/, ""))).toEqual(POLICY_ANNEX4_NOTES);
      expect(notes[1].startsWith("\u3000\u3000\u3000\u3000\u3000")).toBe(true);
      expect(ws.model.merges).toEqual(expect.arrayContaining([`A${6 + n}:J${6 + n}`, `A${7 + n}:J${7 + n}`]));
      expect(ws.getRow(6 + n).height).toBeGreaterThan(18); // two printed lines
      expect(ws.getCell(8 + n, 1).value).toBeNull();
    }
  });

  test("the county order of note 1 is the prefecture's, from the data", () => {
    expect(annex4Notes(["甲县", "乙市"])[0]).toContain("（顺序为：甲县、乙市）");
  });

  test("without a county list the notes name the counties of the rows in official order", async () => {
    const rows = [rosterRow(2), rosterRow(0), rosterRow(1)];
    const ws = (await load(await written((out) => writeAnnex4(out, [{ schoolName: "楚雄技师学院", rows }])))).worksheets[0];
    expect(ws.getCell("A9").value).toContain("（顺序为：楚雄市、双柏县、牟定县）");
  });
});

describe("附件6 print layout", () => {
  test("the three 填报说明 items of the policy under the table, print titles, page setup", async () => {
    const rows: Annex6Row[] = [
      { ...rosterRow(0), lossReason: "", lossProof: "" },
      { ...rosterRow(1), lossReason: "辍学", lossProof: "无" },
    ];
    const bytes = await written((out) => writeAnnex6(out, [{ schoolName: "双柏县职业高级中学", rows }], COUNTIES));
    const ws = (await load(bytes)).worksheets[0];
    expect(ws.getCell("A3").value).toBe("学校（职业学校）：双柏县职业高级中学");
    expectPrintLayout(ws, "L");
    const notes = [8, 9, 10].map((r) => ws.getCell(r, 1).value as string);
    expect(notes.map((t) => t.replace(/^\u3000+/, ""))).toEqual(POLICY_ANNEX6_NOTES);
    expect(ANNEX6_NOTES).toHaveLength(3);
    expect(ws.model.merges).toEqual(expect.arrayContaining(["A8:L8", "A9:L9", "A10:L10"]));
  });
});
