import "server-only";
import { annexSheetOptions } from "./page-setup";

/**
 * 附件2 楚雄州XXXX年义务教育职教班送读招生计划 — export in the policy's layout.
 *
 *   附件2
 *   楚雄州2020年义务教育职教班送读招生计划                     (merged A:E)
 *   县 市 | 初中毕业生（人）| 义教职教班送读控制在以下计划数以内 | 职业学校 | 义教职教班招生控制在以下计划数以内
 *   楚雄市 | 6911 | 2073（102※） | 楚雄市职中 | 850
 *   …                                                   (counties and schools side by side)
 *   合 计  | 29640 | 8893（600※） | 楚雄技师学院 | 5000（180※）
 *   (blank, merged over A:C)    | 楚雄机电学校 | 550（20※）
 *                               | 合 计       | 8920（200※）
 *   备注：1. … 2. … 3. …                                  (merged A:E each)
 *
 * The 合计 cells are computed from the rows. Quota cells are text ("@") so that
 * "2073（102※）" and "850" look alike and no spreadsheet program reformats them.
 * `parseAnnex2Workbook` reads this file back without problems for a valid plan.
 */
import ExcelJS from "exceljs";
import { formatWithTask, planTotals, type CountyQuotaInput, type VocationalQuotaInput } from "@/lib/plan-rules";
import { xlsxBytes } from "./xlsx";

export type Annex2ExportData = {
  year: number;
  cohortBaseYear: number;
  counties: CountyQuotaInput[];
  vocationalSchools: (VocationalQuotaInput & { fullName?: string })[];
  versionLabel?: string;
  /** the issuing prefecture (title); defaults to 楚雄州 as in the policy */
  prefectureName?: string;
};

export const ANNEX2_SHEET_NAME = "附件2";
export const ANNEX2_HEADERS = [
  "县 市",
  "初中毕业生（人）",
  "义教职教班\n送读控制在以下\n计划数以内",
  "职业学校",
  "义教职教班\n招生控制在以下\n计划数以内",
] as const;
export const ANNEX2_TOTAL_LABEL = "合 计";

export function annex2Title(year: number, prefectureName = "楚雄州"): string {
  return `${prefectureName}${year}年义务教育职教班送读招生计划`;
}

/** The 备注 of the policy's 附件2, with the plan's years. */
export function annex2Notes(year: number, cohortBaseYear: number): string[] {
  return [
    `备注：1. 县市“初中毕业生”数为${year}年毕业的本届初一入学时（${cohortBaseYear}年）的学籍人数。`,
    `　　　2. 县市“义教职教班送读计划”数必须控制在“初中毕业生”数的30%以内。括号内带※号的数据为${year}年建档立卡贫困家庭学生东西协作送读上海的任务数。`,
    `　　　3. “义教职教班招生计划”数是根据各县市和职业学校办学条件、质量和上报的计划确定，${year}年各有关职业学校必须按照此计划开展义务教育职教班精准招生。`,
  ];
}

const FONT = "宋体";
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function styleTableCell(cell: ExcelJS.Cell, opts: { bold?: boolean; wrap?: boolean } = {}) {
  cell.font = { name: FONT, size: 12, bold: opts.bold ?? false };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: opts.wrap ?? false };
  cell.border = THIN;
  cell.numFmt = "@";
}

/** Display width of a text in Excel column units (CJK characters count double). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? 1 : 2;
  return w;
}

export async function buildAnnex2Workbook(data: Annex2ExportData): Promise<Buffer> {
  const { year, cohortBaseYear, counties, vocationalSchools, versionLabel, prefectureName } = data;
  const totals = planTotals(counties, vocationalSchools);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "职教班管理平台";
  workbook.title = annex2Title(year, prefectureName);
  const ws = workbook.addWorksheet(ANNEX2_SHEET_NAME, annexSheetOptions({ side: 0.6, topBottom: 0.7 }));

  const schoolNameWidth = Math.max(16, ...vocationalSchools.map((s) => textWidth(s.schoolName) + 4));
  ws.columns = [
    { key: "county", width: 12 },
    { key: "cohort", width: 18 },
    { key: "sendOff", width: 22 },
    { key: "school", width: schoolNameWidth },
    { key: "enrol", width: 22 },
  ];

  // Row 1: 附件2 (and the version on the right)
  const label = ws.getCell("A1");
  label.value = "附件2";
  label.font = { name: "黑体", size: 14 };
  label.alignment = { horizontal: "left", vertical: "middle" };
  if (versionLabel) {
    const version = ws.getCell("C1");
    version.value = versionLabel;
    version.font = { name: FONT, size: 10, color: { argb: "FF666666" } };
    version.alignment = { horizontal: "right", vertical: "middle" };
    ws.mergeCells("C1:E1");
  }
  ws.getRow(1).height = 24;

  // Row 2: title
  const title = ws.getCell("A2");
  title.value = annex2Title(year, prefectureName);
  title.font = { name: FONT, size: 18, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.mergeCells("A2:E2");
  ws.getRow(2).height = 40;

  // Row 3: header (county part A–C, vocational-school part D–E)
  const headerRow = 3;
  ANNEX2_HEADERS.forEach((text, i) => {
    const cell = ws.getCell(headerRow, i + 1);
    cell.value = text;
    styleTableCell(cell, { bold: true, wrap: true });
  });
  ws.getRow(headerRow).height = 54;

  const firstRow = headerRow + 1;
  const countyTotalRow = firstRow + counties.length;
  const schoolTotalRow = firstRow + vocationalSchools.length;
  const lastRow = Math.max(countyTotalRow, schoolTotalRow);

  for (let r = firstRow; r <= lastRow; r++) {
    for (let c = 1; c <= 5; c++) styleTableCell(ws.getCell(r, c));
    ws.getRow(r).height = 22;
  }

  counties.forEach((q, i) => {
    const r = firstRow + i;
    ws.getCell(r, 1).value = q.countyName;
    ws.getCell(r, 2).value = String(q.cohortBase);
    ws.getCell(r, 3).value = formatWithTask(q.sendOffCap, q.shanghaiTask);
  });
  ws.getCell(countyTotalRow, 1).value = ANNEX2_TOTAL_LABEL;
  ws.getCell(countyTotalRow, 2).value = String(totals.counties.cohortBase);
  ws.getCell(countyTotalRow, 3).value = formatWithTask(totals.counties.sendOffCap, totals.counties.shanghaiTask);

  vocationalSchools.forEach((q, i) => {
    const r = firstRow + i;
    ws.getCell(r, 4).value = q.schoolName;
    ws.getCell(r, 5).value = formatWithTask(q.enrolCap, q.shanghaiTask);
  });
  ws.getCell(schoolTotalRow, 4).value = ANNEX2_TOTAL_LABEL;
  ws.getCell(schoolTotalRow, 5).value = formatWithTask(
    totals.vocationalSchools.enrolCap,
    totals.vocationalSchools.shanghaiTask,
  );

  // The shorter part leaves an empty block under its 合计 row: one merged blank cell.
  if (countyTotalRow < lastRow) ws.mergeCells(countyTotalRow + 1, 1, lastRow, 3);
  if (schoolTotalRow < lastRow) ws.mergeCells(schoolTotalRow + 1, 4, lastRow, 5);

  // 备注
  const notes = annex2Notes(year, cohortBaseYear);
  notes.forEach((text, i) => {
    const r = lastRow + 1 + i;
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.font = { name: FONT, size: 11 };
    cell.alignment = { horizontal: "left", vertical: "top", wrapText: true };
    ws.mergeCells(r, 1, r, 5);
    ws.getRow(r).height = textWidth(text) > 90 ? 32 : 18;
  });

  ws.pageSetup.printArea = `A1:E${lastRow + notes.length}`;
  ws.views = [{ state: "normal", showGridLines: false }];

  return xlsxBytes(workbook);
}
