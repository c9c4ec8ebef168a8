// 附件3 汇总表 (issue 16, item 4): the annex's field order; IDs, 学籍号 and phones come back as the typed text.
import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { writeAnnex3, type Annex3ExportRow } from "@/server/exports/annex3";

const row = (o: Partial<Annex3ExportRow> = {}): Annex3ExportRow => ({
  middleSchoolLabel: "楚雄市第一中学", className: "九年级（1）班", headTeacherName: "李老师", headTeacherPhone: "13887812345",
  studentName: "李志强", sex: "男", studentPhone: "无", address: { county: "楚雄市", township: "鹿城镇", village: "东兴社区居委会", street: "东兴村" },
  studentNumber: "05323012017001", idNumber: "53230120050115101X", guardianName: "李家长", guardianRelation: "父子", guardianPhone: "0878-3123456",
  reason: "", vocationalSchool: "楚雄市职中", major: "汽车运用与维修", review: "同意", reviewDate: "2020-05-06", eligibilityGround: "（一）学习困难/反复或长期辍学",
  shanghaiFlag: "否", studentSigned: "是", guardianSigned: "是", status: "审核同意", ...o,
});

/** The fields of 附件3 in the order the annex prints them, then what the system records. */
const ANNEX_ORDER = [
  "序号", "初中学校名", "班级名", "班主任姓名", "班主任联系电话", "学生姓名", "性别", "学生联系电话",
  "家庭住址：县（市）", "家庭住址：乡（镇）", "家庭住址：村（居）委会", "家庭住址：村（街）",
  "初中学籍号", "身份证号码", "法定监护人姓名", "与学生的关系", "监护人联系电话",
  "申请事由（可不填）", "报名就读学校", "专业（可不填）", "初中学校审核意见", "审核日期",
  "招生对象", "建档立卡/东西协作送读上海", "学生本人签字", "法定监护人签字", "状态",
];

describe("writeAnnex3", () => {
  test("title, school line, the annex's field order, text cells for identifiers and phones, print layout", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeAnnex3({ middleSchoolLabel: "楚雄市第一中学", year: 2020 }, [row(), row({ studentName: "杨秀英", sex: "女", studentPhone: "13987812345" })])) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("附件3");
    expect(ws.getCell("A2").value).toBe("楚雄州义务教育职教班报名申请表（汇总）");
    expect(ws.getCell("A3").value).toBe("初中学校：楚雄市第一中学\u3000年度：2020年");
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(ANNEX_ORDER);
    const col = (h: string) => ANNEX_ORDER.indexOf(h) + 1;
    const text = (r: number, h: string) => {
      const cell = ws.getRow(r).getCell(col(h));
      expect(cell.type, h).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt, h).toBe("@");
      return cell.value;
    };
    expect(text(5, "初中学籍号")).toBe("05323012017001");
    expect(text(5, "身份证号码")).toBe("53230120050115101X");
    expect(text(5, "学生联系电话")).toBe("无");
    expect(text(5, "监护人联系电话")).toBe("0878-3123456");
    expect(text(6, "学生联系电话")).toBe("13987812345");
    expect(text(5, "班主任联系电话")).toBe("13887812345");
    expect(ws.getRow(5).getCell(1).value).toBe(1);
    expect(ws.getRow(6).getCell(col("学生姓名")).value).toBe("杨秀英");
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, printTitlesRow: "4:4" });
  });
});
