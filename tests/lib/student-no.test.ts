import { describe, expect, test } from "vitest";
import { formatStudentNo, validateStudentNoPattern, DEFAULT_STUDENT_NO_PATTERN } from "@/lib/student-no";

describe("学号 patterns", () => {
  test("the default pattern gives year + class + sequence", () => {
    expect(formatStudentNo(DEFAULT_STUDENT_NO_PATTERN, { year: 2020, classCode: "3", seq: 7 })).toBe("202003007");
  });
  test("literal parts are kept", () => {
    expect(formatStudentNo("ZJ{year}-{class:3}-{seq:2}", { year: 2021, classCode: "12", seq: 5 })).toBe("ZJ2021-012-05");
  });
  test("a pattern without a sequence, with unknown tokens or odd characters is refused", () => {
    expect(validateStudentNoPattern("{year}{class:2}")).toMatch(/必须包含序号/);
    expect(validateStudentNoPattern("{year}{name}{seq:3}")).toMatch(/无法识别的占位符/);
    expect(validateStudentNoPattern("{year}/{seq:3}")).toMatch(/只能使用字母、数字和连字符/);
    expect(validateStudentNoPattern(DEFAULT_STUDENT_NO_PATTERN)).toBeNull();
  });
});
