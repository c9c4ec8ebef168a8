import { describe, expect, test } from "vitest";
import { LEAVE_TYPES, annex6LossColumns, exemptionExplanation, isExempt, takesProof } from "@/lib/student-status";
import { checkWindow, computeCalendar, windowRange } from "@/lib/calendar";
import { AUTUMN_REGISTRATION_WINDOW, defaultCalendarSettings } from "@/lib/calendar-settings";

describe("exemption from the retention assessment (SPEC §8, policy 六)", () => {
  // Exempt ⇔ 回原初中 or 其他高中阶段学校 AND a proof is on file.
  const expected: Record<string, [boolean, boolean]> = {
    LEFT_RETURN_MIDDLE_SCHOOL: [true, false],
    LEFT_OTHER_HIGH_SCHOOL: [true, false],
    LEFT_DROPOUT: [false, false],
    LEFT_OTHER: [false, false],
  };
  for (const type of LEAVE_TYPES) {
    for (const proof of [true, false]) {
      test(`${type} ${proof ? "with" : "without"} proof → ${expected[type][proof ? 0 : 1] ? "exempt" : "counted as lost"}`, () => {
        expect(isExempt(type, proof)).toBe(expected[type][proof ? 0 : 1]);
        expect(exemptionExplanation(type, proof)).toMatch(isExempt(type, proof) ? /^不计入职业学校巩固考核/ : /^计入流失/);
      });
    }
  }
  test("only the first two types take a proof; 附件6 says 有/无", () => {
    expect(LEAVE_TYPES.filter(takesProof)).toEqual(["LEFT_RETURN_MIDDLE_SCHOOL", "LEFT_OTHER_HIGH_SCHOOL"]);
    expect(annex6LossColumns({ type: "LEFT_OTHER_HIGH_SCHOOL", otherSchoolName: "楚雄一中", hasProof: true })).toEqual({ lossReason: "到其他高中阶段学校就读（楚雄一中）", lossProof: "有" });
    expect(annex6LossColumns({ type: "LEFT_DROPOUT", hasProof: false })).toEqual({ lossReason: "辍学", lossProof: "无" });
  });
});

describe("autumn registration window (秋季中职学籍注册期)", () => {
  test("defaults to Sep 1 … the autumn registration date; the bureau may override it; refusal names the dates", () => {
    const cal = computeCalendar({ ...defaultCalendarSettings(2020), autumnRegistrationDate: "2020-09-15" });
    expect(windowRange(cal, AUTUMN_REGISTRATION_WINDOW)).toEqual({ start: "2020-09-01", end: "2020-09-15" });
    expect(checkWindow(cal, AUTUMN_REGISTRATION_WINDOW, new Date("2020-08-31T15:59:00Z")).ok).toBe(false); // 23:59 on Aug 31 in China
    expect(checkWindow(cal, AUTUMN_REGISTRATION_WINDOW, new Date("2020-08-31T16:00:00Z")).ok).toBe(true); // 00:00 Sep 1 in China
    const out = checkWindow(cal, AUTUMN_REGISTRATION_WINDOW, new Date("2020-09-16T02:00:00Z"), "注册中职学籍");
    expect(out).toEqual({ ok: false, message: "秋季中职学籍注册期为 2020年9月1日至2020年9月15日，当前不在秋季中职学籍注册期，不能注册中职学籍" });
    const dflt = computeCalendar(defaultCalendarSettings(2021));
    expect(windowRange(dflt, AUTUMN_REGISTRATION_WINDOW)).toEqual({ start: "2021-09-01", end: "2021-09-30" });
    const o = computeCalendar({ ...defaultCalendarSettings(2020), overrides: { autumnRegistration: { start: "2020-08-25", end: "2020-09-20", reason: "提前开学" } } });
    expect(windowRange(o, AUTUMN_REGISTRATION_WINDOW)).toEqual({ start: "2020-08-25", end: "2020-09-20" });
  });
});

describe("form schemas (离校、证明)", () => {
  test("the other school's name and the 其他 reason are required; a proof upload needs a file", async () => {
    const { attachProofSchema, recordLeaveSchema } = await import("@/lib/schemas/student-status");
    const base = { enrolmentId: "e1", occurredOn: "2020-06-15" };
    const other = recordLeaveSchema.safeParse({ ...base, type: "LEFT_OTHER_HIGH_SCHOOL" });
    expect(other.success ? null : other.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["otherSchoolName", "请填写学生转入的高中阶段学校名称"]]);
    const why = recordLeaveSchema.safeParse({ ...base, type: "LEFT_OTHER", comment: " " });
    expect(why.success ? null : why.error.issues[0].path).toEqual(["comment"]);
    expect(recordLeaveSchema.safeParse({ ...base, type: "LEFT_DROPOUT", file: new File([], "") }).data?.file).toBeUndefined();
    const noFile = attachProofSchema.safeParse({ eventId: "x", file: new File([], "") });
    expect(noFile.success ? null : noFile.error.issues[0].message).toBe("请选择证明的扫描件或照片");
    expect(attachProofSchema.safeParse({ eventId: "x", file: new File([new Uint8Array([1])], "a.png") }).success).toBe(true);
  });
});
