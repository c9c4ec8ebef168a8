import "server-only";

/**
 * 附件3 报名申请表 as a spreadsheet: a middle school's applications of one year, one row each, the
 * columns in the annex's own field order (for the county's records; issue 16, item 4):
 *
 *   附件3
 *   楚雄州义务教育职教班报名申请表（汇总）                           (merged over the table)
 *   初中学校：楚雄市第一中学　年度：2020年
 *   序号 | 初中学校名 | 班级名 | 班主任姓名 | 联系电话 | 学生姓名 | 性别 | 联系电话 | 家庭住址 ×4 |
 *   初中学籍号 | 身份证号码 | 法定监护人姓名 | 与学生的关系 | 联系电话 | 申请事由 | 报名就读学校 |
 *   专业 | 初中学校审核意见 | 审核日期 — then what the system records beside the paper: 招生对象,
 *   建档立卡/东西协作送读上海, 学生本人签字, 法定监护人签字, 状态.
 *
 * IDs, 学籍号 and phones are text cells ("@"): "0"-leading numbers, "X" and "0878-…" stay as typed.
 */
import ExcelJS from "exceljs";
import { annexSheetOptions } from "./page-setup";
import { appendTableRows, commitTableRowsViaExceljs, streamedXlsxBytes } from "./xlsx";

export type Annex3ExportRow = {
  middleSchoolLabel: string;
  className: string;
  headTeacherName: string;
  headTeacherPhone: string;
  studentName: string;
  sex: string;
  studentPhone: string;
  address: { county: string; township: string; village: string; street: string };
  studentNumber: string;
  idNumber: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
  reason: string;
  vocationalSchool: string;
  major: string;
  review: string;
  reviewDate: string;
  eligibilityGround: string;
  shanghaiFlag: string;
  studentSigned: string;
  guardianSigned: string;
  status: string;
};

type Column = { header: string; width: number; text?: boolean; value: (r: Annex3ExportRow) => string };

/** The columns, in the order of the annex's fields (then the system's). */
export const ANNEX3_EXPORT_COLUMNS: readonly Column[] = [
  { header: "初中学校名", width: 22, value: (r) => r.middleSchoolLabel },
  { header: "班级名", width: 14, value: (r) => r.className },
  { header: "班主任姓名", width: 10, value: (r) => r.headTeacherName },
  { header: "班主任联系电话", width: 15, text: true, value: (r) => r.headTeacherPhone },
  { header: "学生姓名", width: 10, value: (r) => r.studentName },
  { header: "性别", width: 6, value: (r) => r.sex },
  { header: "学生联系电话", width: 15, text: true, value: (r) => r.studentPhone },
  { header: "家庭住址：县（市）", width: 12, value: (r) => r.address.county },
  { header: "家庭住址：乡（镇）", width: 12, value: (r) => r.address.township },
  { header: "家庭住址：村（居）委会", width: 14, value: (r) => r.address.village },
  { header: "家庭住址：村（街）", width: 12, value: (r) => r.address.street },
  { header: "初中学籍号", width: 17, text: true, value: (r) => r.studentNumber },
  { header: "身份证号码", width: 21, text: true, value: (r) => r.idNumber },
  { header: "法定监护人姓名", width: 12, value: (r) => r.guardianName },
  { header: "与学生的关系", width: 10, value: (r) => r.guardianRelation },
  { header: "监护人联系电话", width: 15, text: true, value: (r) => r.guardianPhone },
  { header: "申请事由（可不填）", width: 24, value: (r) => r.reason },
  { header: "报名就读学校", width: 14, value: (r) => r.vocationalSchool },
  { header: "专业（可不填）", width: 14, value: (r) => r.major },
  { header: "初中学校审核意见", width: 10, value: (r) => r.review },
  { header: "审核日期", width: 12, text: true, value: (r) => r.reviewDate },
  { header: "招生对象", width: 10, value: (r) => r.eligibilityGround },
  { header: "建档立卡/东西协作送读上海", width: 12, value: (r) => r.shanghaiFlag },
  { header: "学生本人签字", width: 8, value: (r) => r.studentSigned },
  { header: "法定监护人签字", width: 8, value: (r) => r.guardianSigned },
  { header: "状态", width: 12, value: (r) => r.status },
];

export const ANNEX3_EXPORT_TITLE = "楚雄州义务教育职教班报名申请表（汇总）";
export const ANNEX3_EXPORT_HEADER_ROW = 4;

const THIN: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
const BODY_FONT: Partial<ExcelJS.Font> = { name: "宋体", size: 10 };
// One style object per kind of body cell, shared by every cell of that kind (never mutated): exceljs recognises
// a style object it has seen and reuses its style id, instead of rendering each cell's style to XML to look it
// up (that lookup was most of the time of a large export; decision 099).
const NUMBER_STYLE: Partial<ExcelJS.Style> = { border: THIN };
const BODY_STYLE: Partial<ExcelJS.Style> = { border: THIN, font: BODY_FONT };
const TEXT_STYLE: Partial<ExcelJS.Style> = { numFmt: "@", border: THIN, font: BODY_FONT };

export async function writeAnnex3(
  meta: { middleSchoolLabel: string; year: number },
  rows: Annex3ExportRow[],
  /** tests only: every row committed through exceljs (the reference of appendTableRows) */
  options: { rowsViaExceljs?: boolean } = {},
): Promise<Buffer> {
  const columns = [{ header: "序号", width: 6, value: () => "" } as Column, ...ANNEX3_EXPORT_COLUMNS];
  const last = columns.length;
  const bodyStyles = ANNEX3_EXPORT_COLUMNS.map((c) => (c.text ? TEXT_STYLE : BODY_STYLE));
  // exceljs's streaming writer with the rows from a template (decision 102): a school's applications are
  // written in one turn, without the in-memory writer's per-cell XML fragments.
  return streamedXlsxBytes((wb) => {
    const ws = wb.addWorksheet("报名申请", {
      ...annexSheetOptions({ side: 0.3, topBottom: 0.5 }, { printTitlesRow: `${ANNEX3_EXPORT_HEADER_ROW}:${ANNEX3_EXPORT_HEADER_ROW}` }),
      views: [{ state: "frozen", ySplit: ANNEX3_EXPORT_HEADER_ROW, xSplit: 0 }],
    });
    ws.columns = columns.map((c) => ({ width: c.width }));

    ws.getCell(1, 1).value = "附件3";
    ws.getCell(1, 1).font = { name: "黑体", size: 14 };
    ws.getCell(2, 1).value = ANNEX3_EXPORT_TITLE;
    ws.getCell(2, 1).font = { name: "宋体", size: 16, bold: true };
    ws.getCell(2, 1).alignment = { horizontal: "center" };
    ws.mergeCells(2, 1, 2, last);
    ws.getCell(3, 1).value = `初中学校：${meta.middleSchoolLabel}\u3000年度：${meta.year}年`;
    ws.mergeCells(3, 1, 3, last);

    const header = ws.getRow(ANNEX3_EXPORT_HEADER_ROW);
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { name: "宋体", size: 10, bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = THIN;
    });
    header.height = 32;
    for (let r = 1; r <= ANNEX3_EXPORT_HEADER_ROW; r++) ws.getRow(r).commit();

    const cells = rows.map((r) => ANNEX3_EXPORT_COLUMNS.map((c) => c.value(r) ?? ""));
    // Tests write the rows through exceljs too (the reference appendTableRows is compared with).
    (options.rowsViaExceljs ? commitTableRowsViaExceljs : appendTableRows)(wb, ws, ANNEX3_EXPORT_HEADER_ROW + 1, cells, { number: NUMBER_STYLE, text: bodyStyles });
    ws.commit();
  }, { creator: "职教班管理平台" });
}
