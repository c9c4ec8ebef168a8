import "server-only";
import ExcelJS from "exceljs";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { auditAlone } from "@/server/audit";
import { ELIGIBILITY_GROUND_LABELS } from "@/lib/schemas/application-fields";
import {
  IMPORT_COLUMNS,
  IMPORT_FIRST_DATA_ROW,
  IMPORT_SHEET_NAME,
  IMPORT_TEMPLATE_ROWS,
  columnLetter,
} from "@/lib/schemas/application-import";
import { listVocationalSchoolChoices, ownSchoolLabel } from "./read";
import { xlsxBytes } from "@/server/exports/xlsx";

export const EXAMPLE_SHEET_NAME = "示例（勿填）";

/**
 * The .xlsx template for bulk import: sheet "报名申请" (Chinese headers in row 1, identifier
 * columns formatted as text so 18-digit ID numbers and 学籍号 with a leading 0 survive,
 * drop-downs for fixed choices), "填写说明", and a hidden "选项" sheet holding the choices.
 */
export async function buildApplicationTemplate(schoolNames: string[], schoolLabel: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "职教班管理平台";
  const ws = wb.addWorksheet(IMPORT_SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  const help = wb.addWorksheet("填写说明");
  const options = wb.addWorksheet("选项", { state: "veryHidden" });

  const lastRow = IMPORT_FIRST_DATA_ROW + IMPORT_TEMPLATE_ROWS - 1;
  let optionCol = 0;
  IMPORT_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.text) col.numFmt = "@";
    const cell = ws.getCell(1, i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: c.required ? { argb: "FF000000" } : { argb: "FF555555" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: c.required ? "FFDCE6F2" : "FFF2F2F2" } };
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.border = { bottom: { style: "thin" } };
    if (c.note) cell.note = c.note;
    if (c.choices) {
      const values = c.choices === "schools" ? schoolNames : [...c.choices];
      optionCol++;
      const L = columnLetter(optionCol);
      options.getCell(1, optionCol).value = c.header;
      values.forEach((v, j) => (options.getCell(j + 2, optionCol).value = v));
      const range = `${columnLetter(i + 1)}${IMPORT_FIRST_DATA_ROW}:${columnLetter(i + 1)}${lastRow}`;
      (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, {
        type: "list",
        allowBlank: true,
        formulae: [`选项!$${L}$2:$${L}$${values.length + 1}`],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "请从下拉列表中选择",
        error: `“${c.header}”请从下拉列表中选择`,
      });
    }
  });
  ws.getRow(1).height = 32;

  help.getColumn(1).width = 110;
  const lines: string[] = [
    "楚雄州义务教育职教班报名申请表（附件3）批量导入模板 — 填写说明",
    `本模板供 ${schoolLabel} 使用：“初中学校名”由系统按登录学校自动填写，无需在表中填写。`,
    "1. 在“报名申请”工作表中，从第2行开始每行填写一名学生；不要删除、改名或调换第1行的表头。",
    "2. 蓝色表头为必填栏目，灰色表头“专业”“申请事由”可不填；“建档立卡/东西协作送读上海”不填视为“否”。",
    "3. “联系电话”填写11位手机号码；“初中学籍号”必须填足14位数字（开头的0也要填）；“身份证号码”必须填足18位。",
    "   这几列已设为“文本”格式，请直接输入或“选择性粘贴→数值/文本”，不要让表格软件把它们变成数字（如 5.32301E+17）。",
    "4. 身份证号码第17位表示性别（单数为男，双数为女），必须与“性别”一致；“与学生的关系”为父子、母子时学生应为男生，父女、母女时应为女生。",
    "5. “报名就读学校”只能选一所职业学校，请从下拉列表中选择。",
    `6. “招生对象”填“（一）”或“（二）”：${ELIGIBILITY_GROUND_LABELS.LEARNING_DIFFICULTY}；${ELIGIBILITY_GROUND_LABELS.RETURNED_DROPOUT}。`,
    "7. 导入时系统逐行检查全部内容：只要有一行不符合要求，整个文件都不会导入，页面会列出每个问题所在的行和列，改正后重新导入整个文件即可。",
    "8. 同一学生（身份证号码）本年度在全州只能有一份有效申请；已在其他学校报名的学生会被指出，须由原学校撤回后才能在本校报名。",
    "9. 导入后的申请为“草稿”：请逐份打印申请表，由学生本人和法定监护人签字按手印，再在系统中登记签字并上传扫描件，最后由学校审核。",
    "",
    `示例见“${EXAMPLE_SHEET_NAME}”工作表（仅供参考，请勿把示例行粘贴到“报名申请”表中）。`,
  ];
  lines.forEach((t, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = t;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  const example = [
    "九年级（3）班", "李老师", "13887812345", "张三", "男", "15912345678", "楚雄市", "东瓜镇", "东瓜村委会", "小村",
    "05323012345678", "532301200803151238", "张大山", "父子", "18687654321", schoolNames[0] ?? "", "", "（一）", "否", "",
  ];
  const sample = wb.addWorksheet(EXAMPLE_SHEET_NAME);
  IMPORT_COLUMNS.forEach((c, i) => {
    sample.getColumn(i + 1).width = c.width;
    const h = sample.getCell(1, i + 1);
    h.value = c.header;
    h.font = { bold: true };
    sample.getCell(2, i + 1).value = example[i];
  });
  return xlsxBytes(wb);
}

/** The template for the actor's school, audited as an export. */
export async function applicationTemplate(actor: Actor): Promise<{ fileName: string; bytes: Buffer }> {
  assertCan(actor, "application.import");
  const [schools, label] = await Promise.all([listVocationalSchoolChoices(actor), ownSchoolLabel(actor)]);
  const bytes = await buildApplicationTemplate(schools.map((s) => s.name), label);
  await auditAlone(actor, "export.applicationTemplate", {}, { school: label });
  return { fileName: `报名申请导入模板（${label}）.xlsx`, bytes };
}
