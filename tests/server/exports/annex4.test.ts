import { describe, expect, test } from "vitest";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { annex4SheetNames, sortAnnex4Rows, writeAnnex4, type Annex4Row, type Annex4Sheet } from "@/server/exports/annex4";

const COUNTY_ORDER = ["楚雄市", "双柏县", "牟定县", "南华县", "姚安县", "大姚县", "永仁县", "元谋县", "武定县", "禄丰县"];

function row(
  countyName: string,
  middleSchoolName: string,
  middleSchoolClass: string,
  studentName: string,
  extra: Partial<Annex4Row> = {},
): Annex4Row {
  return {
    studentName,
    sex: "男",
    idNumber: "532301200601011234",
    countyName,
    countyOrder: COUNTY_ORDER.indexOf(countyName) + 1,
    middleSchoolName,
    middleSchoolClass,
    studentNumber: "53230120060101",
    vocationalClass: "2020级汽修1班",
    vocationalStudentNo: "2020010101",
    ...extra,
  };
}

// Expected order: county (official order), then school (pinyin), then class (natural).
const SORTED: Annex4Row[] = [
  row("楚雄市", "楚雄市第二中学", "初三(2)班", "李明"),
  row("楚雄市", "楚雄市第二中学", "初三(10)班", "张华"),
  row("楚雄市", "东瓜镇中学", "初三(1)班", "王芳", { sex: "女" }),
  row("双柏县", "安龙堡中学", "初三(3)班", "赵强"),
  row("双柏县", "双柏县第一中学", "初三(1)班", "钱亮"),
  row("武定县", "白路中学", "初三(5)班", "孙丽", { sex: "女" }),
  row("禄丰县", "碧城中学", "初三(1)班", "周杰"),
];

function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function writeToBuffer(sheets: Annex4Sheet[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  await writeAnnex4(stream, sheets);
  return Buffer.concat(chunks);
}

async function load(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describe("sortAnnex4Rows", () => {
  test("county order, then middle school, then class; the input is not changed", () => {
    const input = shuffled(SORTED);
    const copy = [...input];
    expect(sortAnnex4Rows(input)).toEqual(SORTED);
    expect(input).toEqual(copy);
  });
});

describe("annex4SheetNames", () => {
  test("≤ 31 characters, no forbidden characters, unique", () => {
    const long = "楚雄州某某某某某某某某某某某某某某某某某某某某职业技术学校分校区";
    const names = annex4SheetNames([long, long, "楚雄技师学院", "A/B:C?", "楚雄技师学院"]);
    expect(names.every((n) => Array.from(n).length <= 31)).toBe(true);
    expect(new Set(names).size).toBe(5);
    expect(names[0]).toBe(Array.from(long).slice(0, 31).join(""));
    expect(names[1].endsWith("(2)")).toBe(true);
    expect(names[2]).toBe("楚雄技师学院");
    expect(names[3]).toBe("A_B_C_");
    expect(names[4]).toBe("楚雄技师学院(2)");
  });
});

describe("writeAnnex4", () => {
  test("one sheet per school: title, school line, two merged header rows, sorted rows", async () => {
    const wb = await load(
      await writeToBuffer([
        { schoolName: "楚雄技师学院", rows: shuffled(SORTED) },
        { schoolName: "楚雄机电学校", rows: [row("南华县", "南华县第一中学", "初三(4)班", "吴敏")] },
      ]),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(["楚雄技师学院", "楚雄机电学校"]);
    const ws = wb.getWorksheet("楚雄技师学院")!;

    expect(ws.getCell("A1").value).toBe("附件4");
    expect(ws.getCell("A2").value).toBe("楚雄州义务教育职教班在读学生名单");
    expect(ws.getCell("A3").value).toBe("学校（职业学校）：楚雄技师学院");
    const header = (r: number) => Array.from({ length: 10 }, (_, i) => ws.getCell(r, i + 1).value);
    // merged slave cells read back as their range's value
    expect(header(4)).toEqual([
      "序号",
      "学生姓名",
      "性别",
      "身份证号码",
      "所属县市",
      "原初中学校",
      "原初中学校",
      "原初中学校",
      "义务教育职教班",
      "义务教育职教班",
    ]);
    expect(header(5)).toEqual([
      "序号",
      "学生姓名",
      "性别",
      "身份证号码",
      "所属县市",
      "校名",
      "所在班级",
      "学籍号",
      "所在班级",
      "学号",
    ]);
    expect([...ws.model.merges].sort()).toEqual(
      ["A2:J2", "A3:J3", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:H4", "I4:J4", "A13:J13", "A14:J14"].sort(), // + 填报说明
    );

    const data = Array.from({ length: SORTED.length }, (_, i) => ws.getRow(6 + i));
    expect(data.map((r) => r.getCell(1).value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(data.map((r) => [r.getCell(5).value, r.getCell(6).value, r.getCell(7).value, r.getCell(2).value])).toEqual(
      SORTED.map((s) => [s.countyName, s.middleSchoolName, s.middleSchoolClass, s.studentName]),
    );
    expect(data.map((r) => r.getCell(3).value)).toEqual(SORTED.map((s) => s.sex));
    expect(ws.getRow(6 + SORTED.length).getCell(1).value).toMatch(/^填报说明：1\. /); // the notes follow the last student

    const other = wb.getWorksheet("楚雄机电学校")!;
    expect(other.getCell("A3").value).toBe("学校（职业学校）：楚雄机电学校");
    expect(other.getCell("B6").value).toBe("吴敏");
    expect(other.getCell("A6").value).toBe(1);
    expect(other.pageSetup.orientation).toBe("landscape");
    expect(other.pageSetup.paperSize).toBe(9);
  });

  test("IDs, 学籍号 and 学号 come back as the same strings in text cells", async () => {
    const student = row("双柏县", "双柏县第一中学", "初三(1)班", "钱亮", {
      idNumber: "53230119990101123X",
      studentNumber: "01234567890123",
      vocationalStudentNo: "000123456789012345",
      vocationalClass: "0701",
    });
    const plain = row("楚雄市", "楚雄市第二中学", "初三(2)班", "李明", {
      idNumber: "532301200601019876",
      studentNumber: "53230120060101",
    });
    const wb = await load(await writeToBuffer([{ schoolName: "双柏县职中", rows: [student, plain] }]));
    const ws = wb.worksheets[0];
    const second = ws.getRow(7); // 双柏县 sorts after 楚雄市
    const expectText = (cell: ExcelJS.Cell, value: string) => {
      expect(cell.value).toBe(value);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe("@");
    };
    expectText(second.getCell(4), "53230119990101123X");
    expectText(second.getCell(8), "01234567890123");
    expectText(second.getCell(10), "000123456789012345");
    expectText(second.getCell(9), "0701");
    expectText(ws.getRow(6).getCell(4), "532301200601019876");
    expectText(ws.getRow(6).getCell(8), "53230120060101");
  });

  test("no sheets still gives a valid workbook with the headers", async () => {
    const wb = await load(await writeToBuffer([]));
    expect(wb.worksheets).toHaveLength(1);
    expect(wb.worksheets[0].getCell("A2").value).toBe("楚雄州义务教育职教班在读学生名单");
  });

  test("a large list streams through", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      row(COUNTY_ORDER[i % 10], `中学${i % 37}`, `初三(${i % 12})班`, `学生${i}`, {
        idNumber: `5323011999${String(i).padStart(7, "0")}X`,
      }),
    );
    const wb = await load(await writeToBuffer([{ schoolName: "楚雄技师学院", rows }]));
    const ws = wb.worksheets[0];
    expect(ws.getRow(6 + rows.length - 1).getCell(1).value).toBe(rows.length);
    expect(ws.getRow(6).getCell(5).value).toBe("楚雄市");
    expect(ws.getRow(6 + rows.length - 1).getCell(5).value).toBe("禄丰县");
  });
});
