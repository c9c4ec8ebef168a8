import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { PassThrough } from "node:stream";
import { packZip, streamedXlsxBytes, xlsxBytes } from "@/server/exports/xlsx";

const partsOf = (z: Record<string, Uint8Array>) => Object.keys(z).filter((n) => !n.endsWith("/")).map((n) => n.replace(/^\//, "")).sort();

type AnyWorkbook = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * Sheets with what the annexes use: merges, styles, text IDs, numbers, page setup, frozen rows, two sheets.
 * Rows are committed as written (a no-op in a workbook in memory; required by the streaming writer).
 */
function fillAnnexLike(wb: AnyWorkbook, rows: number) {
  wb.creator = "职教班管理平台";
  wb.created = wb.modified = new Date("2026-03-01T02:00:00Z");
  for (const name of ["楚雄技师学院", "双柏县职业高级中学"]) {
    const ws = wb.addWorksheet(name, {
      pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "4:5" },
      views: [{ state: "frozen", ySplit: 5, xSplit: 0 }],
    });
    ws.columns = [6, 10, 22, 16].map((width) => ({ width }));
    ws.getCell("A1").value = "附件4";
    ws.getCell("A2").value = "楚雄州义务教育职教班在读学生名单";
    ws.getCell("A2").font = { name: "宋体", size: 18, bold: true };
    ws.mergeCells(2, 1, 2, 4);
    for (let i = 0; i < rows; i++) {
      const row = ws.getRow(6 + i);
      row.getCell(1).value = i + 1;
      row.getCell(2).value = `学生${i}`;
      row.getCell(3).value = `53230120060101${String(1000 + i).slice(-4)}`;
      row.getCell(3).numFmt = "@";
      row.getCell(4).value = i % 3 === 0 ? "汽修1班 <&>" : "机电2班";
      row.getCell(4).border = { top: { style: "thin" }, bottom: { style: "thin" } };
      row.commit();
    }
    if ("commit" in ws && typeof ws.commit === "function") ws.commit();
  }
}

function annexLike(rows: number): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  fillAnnexLike(wb, rows);
  return wb;
}

/** The same sheets through exceljs's streaming writer. */
const fillStreaming = (rows: number) => (wb: ExcelJS.stream.xlsx.WorkbookWriter) => fillAnnexLike(wb, rows);

async function viaArchiver(fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  fill(wb);
  await wb.commit();
  return Buffer.concat(chunks);
}

describe("streamedXlsxBytes (exceljs's streaming writer, zipped in one synchronous step — decision 101)", () => {
  test("every part is byte for byte what the writer gives archiver", async () => {
    const theirs = unzipSync(new Uint8Array(await viaArchiver(fillStreaming(400))));
    const ours = unzipSync(new Uint8Array(await streamedXlsxBytes(fillStreaming(400))));
    expect(partsOf(ours)).toEqual(partsOf(theirs));
    expect(partsOf(ours)).toEqual(expect.arrayContaining(["xl/theme/theme1.xml", "_rels/.rels", "xl/worksheets/sheet2.xml", "xl/styles.xml"]));
    for (const name of partsOf(ours)) {
      const theirsPart = theirs[name] ?? theirs[`/${name}`];
      expect(Buffer.from(ours[name]).equals(Buffer.from(theirsPart)), name).toBe(true);
    }
  });

  test("returns within one event-loop turn, and exceljs reads the file back", async () => {
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const bytes = await streamedXlsxBytes(fillStreaming(3000));
    clearInterval(tick);
    expect(turns).toBe(0);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(back.worksheets[1].getCell("C3005").value).toBe("532301200601013999");
    expect(back.worksheets[1].getCell("A3005").value).toBe(3000);
  });
});

describe("xlsxBytes (exceljs's parts, zipped in one synchronous step — decision 101)", () => {
  test("every part is byte for byte what exceljs's writeBuffer writes", async () => {
    const theirs = unzipSync(new Uint8Array(await annexLike(300).xlsx.writeBuffer()));
    const ours = unzipSync(new Uint8Array(await xlsxBytes(annexLike(300))));
    expect(partsOf(ours)).toEqual(partsOf(theirs));
    expect(partsOf(ours)).toContain("xl/worksheets/sheet2.xml");
    for (const name of partsOf(ours)) {
      const theirsPart = theirs[name] ?? theirs[`/${name}`];
      expect(Buffer.from(ours[name]).equals(Buffer.from(theirsPart)), name).toBe(true);
    }
  });

  test("[Content_Types].xml comes first, and exceljs reads the file back", async () => {
    const bytes = await xlsxBytes(annexLike(50));
    expect(Object.keys(unzipSync(new Uint8Array(bytes)))[0]).toBe("[Content_Types].xml");
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(back.worksheets.map((w) => w.name)).toEqual(["楚雄技师学院", "双柏县职业高级中学"]);
    const ws = back.worksheets[0];
    expect(ws.getCell("C6").value).toBe("532301200601011000");
    expect(ws.getCell("D6").value).toBe("汽修1班 <&>");
    expect(ws.getCell("A55").value).toBe(50);
    expect(ws.getCell("A2").isMerged).toBe(true);
  });

  test("returns within one event-loop turn: no timer or immediate runs while it works", async () => {
    const wb = annexLike(2000);
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const pending = xlsxBytes(wb);
    await pending;
    clearInterval(tick);
    expect(turns).toBe(0);
    // writeBuffer (JSZip) yields once per chunk: the contrast this module exists for.
    const before = turns;
    const tick2 = setInterval(() => turns++, 0);
    await annexLike(2000).xlsx.writeBuffer();
    clearInterval(tick2);
    expect(turns - before).toBeGreaterThan(0);
  });

  test("packZip: equal inputs give equal bytes (fixed entry times), and the archive unpacks to the inputs", () => {
    const files: [string, Uint8Array][] = [["a.xml", Buffer.from("<a>楚雄</a>")], ["dir/b.xml", Buffer.alloc(100_000, 65)]];
    const one = packZip(files);
    expect(one.equals(packZip(files))).toBe(true);
    const back = unzipSync(new Uint8Array(one));
    expect(Buffer.from(back["a.xml"]).toString()).toBe("<a>楚雄</a>");
    expect(back["dir/b.xml"].length).toBe(100_000);
  });
});

describe("appendTableRows (附件4/附件6 data rows from a template — decision 101)", () => {
  const nasty = ["", "张三", "O'Brien \"小\" <b>&amp;</b>", "a\tb\nc\rd", "控制\u0001\u0008\u000b\u001f\u007f字符", "  前后空格  ", "𠮷野家", "=SUM(A1)", "0012345"];
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({
    enrolmentId: `e${i}`, studentName: i === 5 ? "长".repeat(30_000) : nasty[i % nasty.length] + i, sex: (i % 2 ? "男" : "女") as "男" | "女", idNumber: `53230120060101${String(1000 + i).slice(-4)}`, // row 5: longer than a 64 KB write
    countyName: ["楚雄市", "双柏县", "牟定县"][i % 3], countyOrder: (i % 3) + 1, middleSchoolName: `第${i % 7}中学${nasty[(i + 3) % nasty.length]}`,
    middleSchoolClass: `九年级（${i % 12}）班`, studentNumber: String(i).padStart(14, "0"), vocationalClass: i % 5 ? `2020级${i % 4}班` : "", vocationalStudentNo: i % 6 ? `2020${i}` : "",
  }));

  test("附件4: every part byte for byte what exceljs writes for the same rows committed one by one", async () => {
    const { rosterWorkbookBytes, ANNEX4_LAYOUT } = await import("@/server/exports/annex4");
    const sheets = [{ schoolName: "楚雄技师学院", rows: rows(700) }, { schoolName: "空学校", rows: [] }, { schoolName: "双柏县职业高级中学", rows: rows(9) }];
    const fast = unzipSync(new Uint8Array(await rosterWorkbookBytes(sheets, ANNEX4_LAYOUT, "在读学生名单", ["楚雄市", "双柏县", "牟定县"])));
    const reference = unzipSync(new Uint8Array(await rosterWorkbookBytes(sheets, ANNEX4_LAYOUT, "在读学生名单", ["楚雄市", "双柏县", "牟定县"], { rowsViaExceljs: true })));
    expect(partsOf(fast)).toEqual(partsOf(reference));
    for (const name of partsOf(fast)) {
      if (name === "docProps/core.xml") continue; // created/modified: the time of writing
      expect(Buffer.from(fast[name]).toString(), name).toBe(Buffer.from(reference[name]).toString());
    }
    expect(Buffer.from(fast["xl/worksheets/sheet1.xml"]).toString()).toContain("O&apos;Brien &quot;小&quot; &lt;b&gt;&amp;amp;&lt;/b&gt;");
  });

  test("附件6: the extra 流失 columns too", async () => {
    const { rosterWorkbookBytes } = await import("@/server/exports/annex4");
    const { ANNEX6_LAYOUT } = await import("@/server/exports/annex6");
    const sheets = [{ schoolName: "双柏县职业高级中学", rows: rows(120).map((r, i) => ({ ...r, lossReason: i % 4 ? "" : nasty[i % nasty.length], lossProof: i % 4 ? "" : "有" })) }];
    const fast = unzipSync(new Uint8Array(await rosterWorkbookBytes(sheets, ANNEX6_LAYOUT, "x")));
    const reference = unzipSync(new Uint8Array(await rosterWorkbookBytes(sheets, ANNEX6_LAYOUT, "x", undefined, { rowsViaExceljs: true })));
    for (const name of ["xl/worksheets/sheet1.xml", "xl/styles.xml"]) expect(Buffer.from(fast[name]).toString(), name).toBe(Buffer.from(reference[name]).toString());
  });

  test("附件3: a style per column, the default row height, 27 columns (A … AA)", async () => {
    const { writeAnnex3, ANNEX3_EXPORT_COLUMNS } = await import("@/server/exports/annex3");
    const apps = rows(60).map((r, i) => ({
      middleSchoolLabel: r.middleSchoolName, className: r.middleSchoolClass, headTeacherName: nasty[(i + 1) % nasty.length], headTeacherPhone: i % 4 ? "13887812345" : "",
      studentName: r.studentName, sex: r.sex, studentPhone: "0878-3123456", address: { county: r.countyName, township: nasty[i % nasty.length], village: "东兴社区", street: "" },
      studentNumber: r.studentNumber, idNumber: r.idNumber, guardianName: "李家长", guardianRelation: "父子", guardianPhone: "0012345", reason: nasty[(i + 5) % nasty.length],
      vocationalSchool: "楚雄技师学院", major: "", review: "同意", reviewDate: "2020-05-06", eligibilityGround: "（一）学习困难", shanghaiFlag: "否", studentSigned: "是", guardianSigned: "是", status: "审核同意",
    }));
    const meta = { middleSchoolLabel: "楚雄市第一中学", year: 2020 };
    const fast = unzipSync(new Uint8Array(await writeAnnex3(meta, apps)));
    const reference = unzipSync(new Uint8Array(await writeAnnex3(meta, apps, { rowsViaExceljs: true })));
    expect(partsOf(fast)).toEqual(partsOf(reference));
    for (const name of partsOf(fast)) {
      if (name === "docProps/core.xml") continue;
      expect(Buffer.from(fast[name]).toString(), name).toBe(Buffer.from(reference[name]).toString());
    }
    const sheet = Buffer.from(fast["xl/worksheets/sheet1.xml"]).toString();
    expect(ANNEX3_EXPORT_COLUMNS).toHaveLength(26);
    expect(sheet).toContain(`<c r="AA64" `);
    expect(sheet).not.toContain(`<row r="64" ht=`);
  });
});
