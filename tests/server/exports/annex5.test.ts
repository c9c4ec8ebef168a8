import { describe, expect, test } from "vitest";
import ExcelJS from "exceljs";
import { annex5Workbook } from "@/server/exports/annex5";

const PLAN = {
  managementMode: "按全日制在校生方式管理。", teachingGoals: "两个确保。",
  classes: [
    { name: "2020级职教1班", major: "汽车运用与维修", size: 45, headTeacherName: "李红梅", headTeacherPhone: "08783123456" },
    { name: "2020级职教2班", major: "", size: 40, headTeacherName: "张学文", headTeacherPhone: "13887805678" },
  ],
  compulsoryCourses: [{ name: "语文", weeklyHours: 5 }, { name: "数学", weeklyHours: 5 }, { name: "英语", weeklyHours: 3 }],
  vocationalCourses: [{ name: "汽车构造", weeklyHours: 6 }],
  retentionMeasures: "包保到人。", assessment: "三个确保。",
};

describe("附件5 export in the annex's layout", () => {
  test("rows, merged row labels and the course columns follow the annex; phones stay text", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await annex5Workbook("楚雄市职业高级中学", PLAN)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("附件5")!;
    expect(ws.getCell("A2").value).toBe("楚雄市职业高级中学义务教育职教班教学方案");
    const col = (c: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ws.getCell(`${c}${from + i}`).value);
    // A: 管理模式, 教学目标, 班级设立 (header + 2 classes), 课程方案 (2 header rows + 3 courses), 巩固措施, 教学考核
    expect(ws.getCell("A3").value).toBe("管理模式");
    expect(ws.getCell("A4").value).toBe("教学目标");
    expect(ws.getCell("A5").value).toBe("班级设立");
    expect(ws.getCell("A7").isMerged && ws.getCell("A7").master.address).toBe("A5");
    expect(col("B", 5, 7)).toEqual(["班级名称", "2020级职教1班（汽车运用与维修）", "2020级职教2班"]);
    expect(col("E", 5, 6)).toEqual(["联系电话", "08783123456"]);
    expect(ws.getCell("A8").value).toBe("课程方案");
    expect(ws.getCell("A12").master.address).toBe("A8");
    expect([ws.getCell("B8").value, ws.getCell("D8").value, ws.getCell("C8").master.address]).toEqual(["义教课程", "职教课程", "B8"]);
    expect(col("B", 9, 12)).toEqual(["课程名称", "语文", "数学", "英语"]);
    expect(col("E", 9, 11)).toEqual(["周课时", 6, ""]);
    expect(col("A", 13, 14)).toEqual(["巩固措施", "教学考核"]);
    expect(ws.pageSetup.orientation).toBe("landscape");
  });
});
