// 联系电话 as the policy says them (附件3 填表说明 2; issue 16, item 5): "原则上填写手机号码 11 位".
import { describe, expect, test } from "vitest";
import { maskPhone, phoneDigits, validatePhone } from "@/lib/validators/phone";
import { validateApplication } from "@/lib/schemas/application";
import { applicationPhoneWarnings } from "@/lib/schemas/application-phones";
import { applicationInput } from "../../prisma/factories/applications";

const TODAY = "2020-05-08";
const form = (o: Record<string, unknown>) => validateApplication({ ...applicationInput("voc-1"), ...o }, { today: TODAY });

describe("validatePhone", () => {
  test("an 11-digit mobile is what the annex expects: accepted without a warning", () => {
    expect(validatePhone("138 0013-8000", "学生联系电话")).toEqual({ ok: true, value: "13800138000", kind: "mobile" });
  });

  test("a landline with area code is accepted, stored as 区号-号码, with a warning naming the annex's rule", () => {
    for (const typed of ["0878-3123456", "0878 3123456", "(0878)3123456", "（0878）3123456", "08783123456", "0878－3123456"]) {
      const r = validatePhone(typed, "监护人联系电话");
      expect(r, typed).toMatchObject({ ok: true, value: "0878-3123456", kind: "landline" });
      expect(r.ok && r.warning).toContain("原则上填写11位手机号码");
    }
    expect(validatePhone("010-12345678", "班主任联系电话")).toMatchObject({ ok: true, value: "010-12345678", kind: "landline" });
  });

  test("a number that is neither is refused with what to do", () => {
    expect(validatePhone("0878-123", "监护人联系电话")).toEqual({
      ok: false,
      message: "监护人联系电话“0878-123”不是有效的固定电话：应为区号加7–8位号码，例如 0878-1234567；有手机的请填写11位手机号码",
    });
    expect(validatePhone("1380013800", "学生联系电话").ok).toBe(false);
    expect(validatePhone("8783123456", "学生联系电话").ok).toBe(false); // a landline without its area code
  });

  test("“无” only where allowed (学生联系电话); empty never", () => {
    expect(validatePhone("无", "学生联系电话", { allowNone: true })).toEqual({ ok: true, value: "无", kind: "none" });
    expect(validatePhone(" 没有 ", "学生联系电话", { allowNone: true })).toEqual({ ok: true, value: "无", kind: "none" });
    expect(validatePhone("", "学生联系电话", { allowNone: true })).toEqual({ ok: false, message: "请填写学生联系电话；学生没有电话的，填写“无”" });
    expect(validatePhone("无", "监护人联系电话").ok).toBe(false);
  });

  test("masking and digits of the stored forms", () => {
    expect(maskPhone("无")).toBe("无");
    expect(maskPhone("0878-3123456")).toBe("087****3456");
    expect(phoneDigits("0878-3123456")).toBe("08783123456");
    expect(phoneDigits("无")).toBe("");
  });
});

describe("the 附件3 schema (form, import and server alike)", () => {
  test("学生联系电话 may be “无”; the guardian number is required and may not be “无”", () => {
    expect(form({ studentPhone: "无" })).toMatchObject({ ok: true, data: { studentPhone: "无" } });
    expect(form({ studentPhone: "" })).toMatchObject({ ok: false, errors: { studentPhone: "请填写学生联系电话；学生没有电话的，填写“无”" } });
    expect(form({ guardianPhone: "" })).toMatchObject({ ok: false, errors: { guardianPhone: "请填写监护人联系电话（11位手机号码）" } });
    expect(form({ guardianPhone: "无" })).toMatchObject({
      ok: false,
      errors: { guardianPhone: "监护人联系电话必须填写，不能填“无”：请填写11位手机号码，没有手机的填写带区号的固定电话" },
    });
    expect(form({ headTeacherPhone: "无" }).ok).toBe(false);
  });

  test("landlines pass with a visible warning; mobiles and “无” have none", () => {
    const r = form({ guardianPhone: "0878 3123456", headTeacherPhone: "0878-3111111" });
    expect(r).toMatchObject({ ok: true, data: { guardianPhone: "0878-3123456", headTeacherPhone: "0878-3111111" } });
    expect(applicationPhoneWarnings({ guardianPhone: "0878-3123456", headTeacherPhone: "0878-3111111", studentPhone: "无" })).toEqual({
      guardianPhone: "监护人联系电话“0878-3123456”是固定电话，已接受；附件3要求“联系电话”原则上填写11位手机号码，有手机的请改填手机号码",
      headTeacherPhone: "班主任联系电话“0878-3111111”是固定电话，已接受；附件3要求“联系电话”原则上填写11位手机号码，有手机的请改填手机号码",
    });
    expect(applicationPhoneWarnings({ guardianPhone: "13800138000", studentPhone: "无" })).toEqual({});
  });
});
