import { describe, expect, test } from "vitest";
import {
  IMPORT_COLUMNS,
  columnForHeader,
  columnLetter,
  matchVocationalSchool,
  parseEligibilityGround,
  parseYesNo,
  rowToRawApplication,
} from "@/lib/schemas/application-import";
import { validateApplication } from "@/lib/schemas/application";
import { applicationInput, importRow } from "../../prisma/factories/applications";

describe("import template columns", () => {
  test("every header (and a few everyday spellings) maps back to its column", () => {
    for (const c of IMPORT_COLUMNS) expect(columnForHeader(c.header)).toBe(c.key);
    expect(columnForHeader(" 身份证号 ")).toBe("idNumber");
    expect(columnForHeader("家庭住址:县(市)")).toBe("address.county");
    expect(columnForHeader("专业")).toBe("major");
    expect(columnForHeader("备注")).toBeNull();
  });

  test("column letters", () => {
    expect([1, 12, 26, 27, 52].map(columnLetter)).toEqual(["A", "L", "Z", "AA", "AZ"]);
  });

  test("eligibility, yes/no and school names as teachers type them", () => {
    expect(["（一）", "(一)", "一", "1", "（一）学习困难"].map(parseEligibilityGround)).toEqual(Array(5).fill("LEARNING_DIFFICULTY"));
    expect(["（二）", "(2)", "二"].map(parseEligibilityGround)).toEqual(Array(3).fill("RETURNED_DROPOUT"));
    expect(parseEligibilityGround("三")).toBe("三");
    expect(["是", "1", "√", "Yes"].map(parseYesNo)).toEqual(["是", "是", "是", "是"]);
    expect(["否", "", "0"].map(parseYesNo)).toEqual(["否", "否", "否"]);
    const schools = [{ id: "a", name: "楚雄机电学校", fullName: "楚雄机械电子职业技术学校" }];
    expect(matchVocationalSchool(" 楚雄机电学校", schools)?.id).toBe("a");
    expect(matchVocationalSchool("楚雄机械电子职业技术学校", schools)?.id).toBe("a");
    expect(matchVocationalSchool("昆明职中", schools)).toBeNull();
  });

  test("a template row of a valid application passes the form's schema unchanged", () => {
    const raw = applicationInput("school-1", { sex: "FEMALE", shanghaiFlag: true, eligibilityGround: "RETURNED_DROPOUT" });
    const r = validateApplication(rowToRawApplication(importRow(raw, "X"), "school-1"), { today: "2020-05-08" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data).toMatchObject({ idNumber: raw.idNumber, sex: "FEMALE", guardianRelation: "父女", shanghaiFlag: true, eligibilityGround: "RETURNED_DROPOUT" });
  });
});
