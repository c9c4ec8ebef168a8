import { describe, expect, test } from "vitest";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { writeAnnex6, type Annex6Row } from "@/server/exports/annex6";
import { ANNEX4_HEADER_BOTTOM, ANNEX4_HEADER_TOP } from "@/server/exports/annex4";

const ORDER = ["楚雄市", "双柏县", "牟定县"];
const row = (countyName: string, middleSchoolName: string, middleSchoolClass: string, studentName: string, loss: Partial<Annex6Row> = {}): Annex6Row => ({
  studentName, sex: "男", idNumber: "53230120060101123X", countyName, countyOrder: ORDER.indexOf(countyName) + 1,
  middleSchoolName, middleSchoolClass, studentNumber: "05323012017001", vocationalClass: "2020级汽修1班", vocationalStudentNo: "202001001",
  lossReason: "", lossProof: "", ...loss,
});

async function written(rows: Annex6Row[]) {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  await writeAnnex6(stream, [{ schoolName: "双柏县职业高级中学", rows }, { schoolName: "楚雄技师学院", rows: [] }]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb;
}

describe("附件6 export (楚雄州义务教育职教班注册中职学籍学生名单)", () => {
  test("附件4's layout and sort plus the 流失 columns 原因 and 有无有效证明, one sheet per school", async () => {
    const wb = await written([
      row("双柏县", "双柏县第一中学", "九年级（4）班", "起成"),
      row("楚雄市", "楚雄市第一中学", "九年级（10）班", "李志强", { lossReason: "辍学", lossProof: "无" }),
      row("双柏县", "双柏县第一中学", "九年级（1）班", "者明华", { lossReason: "回原初中就读", lossProof: "有" }),
      row("楚雄市", "楚雄市第一中学", "九年级（2）班", "杨秀英"),
    ]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["双柏县职业高级中学", "楚雄技师学院"]);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("附件6");
    expect(ws.getCell("A2").value).toBe("楚雄州义务教育职教班注册中职学籍学生名单");
    expect(ws.getCell("A3").value).toBe("学校（职业学校）：双柏县职业高级中学");
    const top = Array.from({ length: 12 }, (_, i) => ws.getRow(4).getCell(i + 1));
    const bottom = Array.from({ length: 12 }, (_, i) => ws.getRow(5).getCell(i + 1));
    // Masters of merged ranges carry the text; the policy's two header rows exactly.
    expect(top.filter((c) => !c.isMerged || c.master === c).map((c) => c.value)).toEqual([...ANNEX4_HEADER_TOP.filter(Boolean), "流失"]);
    expect(bottom.slice(5).map((c) => c.value)).toEqual([...ANNEX4_HEADER_BOTTOM.slice(5), "原因", "有无有效证明"]);
    const merges = (ws.model as unknown as { merges: string[] }).merges.sort();
    expect(merges).toEqual(["A2:L2", "A3:L3", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:H4", "I4:J4", "K4:L4", "A10:L10", "A11:L11", "A12:L12"].sort());
    const data = [6, 7, 8, 9].map((r) => ws.getRow(r).values as unknown[]);
    expect(data.map((v) => v[2])).toEqual(["杨秀英", "李志强", "者明华", "起成"]); // county order, school, natural class order
    expect(data.map((v) => v[1])).toEqual([1, 2, 3, 4]);
    expect(data.map((v) => [v[11] ?? "", v[12] ?? ""])).toEqual([["", ""], ["辍学", "无"], ["回原初中就读", "有"], ["", ""]]);
    expect(ws.getCell("D6").value).toBe("53230120060101123X");
    expect(ws.getCell("H6").value).toBe("05323012017001"); // 学籍号 kept as text with its leading zero
    expect(ws.getCell("K7").numFmt).toBe("@");
  });
});
