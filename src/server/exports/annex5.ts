import "server-only";
import ExcelJS from "exceljs";
import { teachingPlanContent } from "@/lib/schemas/filings";
import { annexSheetOptions } from "./page-setup";
import { xlsxBytes } from "./xlsx";

/**
 * 附件5 《× × ×（职业学校）义务教育职教班教学方案》 in the annex's layout: five columns, the row
 * labels in column A merged over their rows (班级设立, 课程方案), 义教课程 / 职教课程 each over two columns.
 */
export async function annex5Workbook(schoolName: string, content: unknown): Promise<Buffer> {
  const c = teachingPlanContent.parse(content);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("附件5", annexSheetOptions({ side: 0.5, topBottom: 0.6 }));
  ws.columns = [{ width: 14 }, { width: 26 }, { width: 12 }, { width: 26 }, { width: 14 }];
  const border: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  let r = 1;
  ws.mergeCells(r, 1, r, 5);
  ws.getCell(r, 1).value = "附件5";
  r++;
  ws.mergeCells(r, 1, r, 5);
  ws.getCell(r, 1).value = `${schoolName}义务教育职教班教学方案`;
  ws.getCell(r, 1).font = { bold: true, size: 16 };
  ws.getCell(r, 1).alignment = { horizontal: "center" };
  r++;
  const first = r;
  const textRow = (label: string, value: string) => {
    ws.getCell(r, 1).value = label;
    ws.mergeCells(r, 2, r, 5);
    ws.getCell(r, 2).value = value;
    ws.getRow(r).height = Math.max(30, 15 * Math.ceil(value.length / 45));
    r++;
  };
  textRow("管理模式", c.managementMode);
  textRow("教学目标", c.teachingGoals);
  const classes = c.classes.length ? c.classes : [null];
  ws.mergeCells(r, 1, r + classes.length, 1);
  ws.getCell(r, 1).value = "班级设立";
  ["班级名称", "班额", "班主任姓名", "联系电话"].forEach((h, i) => (ws.getCell(r, 2 + i).value = h));
  r++;
  for (const k of classes) {
    // 专业 has no column of its own in the annex: it goes with the class name, as schools write it.
    ws.getCell(r, 2).value = k ? `${k.name}${k.major ? `（${k.major}）` : ""}` : "";
    ws.getCell(r, 3).value = k?.size ?? "";
    ws.getCell(r, 4).value = k?.headTeacherName ?? "";
    ws.getCell(r, 5).value = k?.headTeacherPhone ?? ""; // text: a phone is not a number
    r++;
  }
  const n = Math.max(c.compulsoryCourses.length, c.vocationalCourses.length, 1);
  ws.mergeCells(r, 1, r + n + 1, 1);
  ws.getCell(r, 1).value = "课程方案";
  ws.mergeCells(r, 2, r, 3);
  ws.getCell(r, 2).value = "义教课程";
  ws.mergeCells(r, 4, r, 5);
  ws.getCell(r, 4).value = "职教课程";
  r++;
  ["课程名称", "周课时", "课程名称", "周课时"].forEach((h, i) => (ws.getCell(r, 2 + i).value = h));
  r++;
  for (let i = 0; i < n; i++) {
    ws.getCell(r, 2).value = c.compulsoryCourses[i]?.name ?? "";
    ws.getCell(r, 3).value = c.compulsoryCourses[i]?.weeklyHours ?? "";
    ws.getCell(r, 4).value = c.vocationalCourses[i]?.name ?? "";
    ws.getCell(r, 5).value = c.vocationalCourses[i]?.weeklyHours ?? "";
    r++;
  }
  textRow("巩固措施", c.retentionMeasures);
  textRow("教学考核", c.assessment);
  for (let row = first; row < r; row++) {
    for (let col = 1; col <= 5; col++) {
      const cell = ws.getCell(row, col);
      cell.border = border;
      cell.alignment = { vertical: "middle", horizontal: col === 1 ? "center" : "left", wrapText: true };
    }
  }
  return xlsxBytes(wb);
}
