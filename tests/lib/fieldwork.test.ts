// Issue 21: the pure rules of field work — the forms' refusals and the programme-year date windows.
import { describe, expect, test } from "vitest";
import { followUpDateProblem, participantsLine, publicityDateProblem } from "@/lib/fieldwork";
import { recordFollowUpSchema, recordVisitSchema } from "@/lib/schemas/fieldwork";

const followUp = { enrolmentId: "e1", kind: "HOME_VISIT", occurredOn: "2020-06-18", middleSchoolParticipants: "张老师", notes: "学生在校表现稳定" };
const errors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe("the follow-up form", () => {
  test("empty notes are refused", () => {
    expect(errors(recordFollowUpSchema.safeParse({ ...followUp, notes: "   " }))).toEqual({ notes: "请填写回访情况记录" });
  });
  test("someone from either school must have taken part", () => {
    expect(errors(recordFollowUpSchema.safeParse({ ...followUp, middleSchoolParticipants: "" }))).toEqual({ middleSchoolParticipants: "请至少填写一方（原初中或职业学校）的参加人员" });
    expect(recordFollowUpSchema.safeParse({ ...followUp, middleSchoolParticipants: "", vocationalParticipants: "李老师" }).success).toBe(true);
  });
  test("a risk flag needs a reason; the checkbox arrives as 'on'", () => {
    expect(errors(recordFollowUpSchema.safeParse({ ...followUp, risk: "on" }))).toEqual({ riskReason: "标记流失风险时须写明原因" });
    expect(recordFollowUpSchema.parse({ ...followUp, risk: "on", riskReason: "家长要求回家务农" })).toMatchObject({ risk: true });
    expect(recordFollowUpSchema.parse(followUp)).toMatchObject({ risk: false });
  });
});

describe("the publicity visit form", () => {
  const visit = { middleSchoolId: "m1", visitedOn: "2020-04-24", people: "王老师", content: "招生宣传", studentsReached: "120", parentsReached: "0" };
  test("counts are whole non-negative numbers; files are optional", () => {
    expect(recordVisitSchema.parse(visit)).toMatchObject({ studentsReached: 120, parentsReached: 0, files: [] });
    expect(errors(recordVisitSchema.safeParse({ ...visit, studentsReached: "-3" }))).toEqual({ studentsReached: "覆盖学生人数不能为负数" });
    expect(errors(recordVisitSchema.safeParse({ ...visit, content: "" }))).toEqual({ content: "请填写宣传内容" });
  });
});

describe("dates inside the programme year", () => {
  test("a publicity visit: in the year, not in the future, not after send-off ends", () => {
    expect(publicityDateProblem("2020-04-24", 2020, "2020-05-08", "2020-05-14")).toBeNull();
    expect(publicityDateProblem("2019-12-30", 2020, "2020-05-08", "2020-05-14")).toMatch(/不在2020年度内/);
    expect(publicityDateProblem("2020-05-09", 2020, "2020-05-08", "2020-05-14")).toMatch(/不能晚于今天/);
    expect(publicityDateProblem("2020-05-15", 2020, "2020-06-08", "2020-05-14")).toMatch(/晚于2020年送读期结束（2020年5月14日）/);
    expect(publicityDateProblem("2020-05-15", 2020, "2020-06-08", null)).toBeNull();
  });
  test("a follow-up: from arrival to the end of 巩固期, not in the future", () => {
    const w = { year: 2020, startsOn: "2020-05-07", consolidationEnd: "2020-09-15", today: "2020-09-20" };
    expect(followUpDateProblem("2020-05-07", w)).toBeNull();
    expect(followUpDateProblem("2020-09-15", w)).toBeNull();
    expect(followUpDateProblem("2020-05-06", w)).toMatch(/早于学生到职业学校就读（2020年5月7日）/);
    expect(followUpDateProblem("2020-09-16", w)).toMatch(/晚于2020年度巩固期结束（2020年9月15日）/);
    expect(followUpDateProblem("2020-09-21", w)).toMatch(/不能晚于今天/);
    expect(followUpDateProblem("2020-12-31", { ...w, consolidationEnd: null, today: "2021-01-05" })).toBeNull();
  });
});

test("participants are shown by side", () => {
  expect(participantsLine({ middleSchoolParticipants: "张老师", vocationalParticipants: "李老师", otherParticipants: null })).toBe("原初中：张老师；职业学校：李老师");
});
