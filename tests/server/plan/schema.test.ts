import { describe, expect, test } from "vitest";
import { allocationSchema, parseCount, planDraftSchema } from "@/lib/schemas/plan";
import { fieldErrorsFromZod } from "@/lib/form";

const row = (o: Record<string, unknown> = {}) => ({ countyId: "c1", cohortBase: "1673", sendOffCap: "501", shanghaiTask: "46", ...o });
const school = { vocationalSchoolId: "v1", enrolCap: "260", shanghaiTask: "0" };
const parse = (counties: unknown[]) => planDraftSchema.safeParse({ year: "2030", counties, vocationalSchools: [school] });

describe("plan form schema (shared by the editor and the action)", () => {
  test("figures typed as text become integers; full-width digits and spaces are accepted", () => {
    const r = parse([row({ cohortBase: "１６７３", sendOffCap: " 501 " })]);
    expect(r.success && r.data.counties[0]).toEqual({ countyId: "c1", cohortBase: 1673, sendOffCap: 501, shanghaiTask: 46 });
  });

  test("empty, negative, non-integer and non-numeric figures get a Chinese message on their cell", () => {
    const r = parse([row({ cohortBase: "" }), row({ sendOffCap: "-3" }), row({ shanghaiTask: "1.5" }), row({ sendOffCap: "五百" })]);
    expect(r.success).toBe(false);
    expect(fieldErrorsFromZod(r.error!)).toEqual({
      "counties.0.cohortBase": "请填写初中毕业生数",
      "counties.1.sendOffCap": "送读计划必须是不小于0的整数",
      "counties.2.shanghaiTask": "东西协作任务数必须是不小于0的整数",
      "counties.3.sendOffCap": "送读计划必须是不小于0的整数",
    });
  });

  test("year bounds and allocations", () => {
    expect(planDraftSchema.safeParse({ year: "1999", counties: [row()], vocationalSchools: [school] }).success).toBe(false);
    const a = allocationSchema.safeParse({ year: 2030, allocations: [{ middleSchoolId: "m1", allocation: "0" }, { middleSchoolId: "m2", allocation: "-1" }] });
    expect(fieldErrorsFromZod(a.error!)).toEqual({ "allocations.1.allocation": "分配名额必须是不小于0的整数" });
  });

  test("parseCount", () => {
    expect(parseCount("")).toBeNull();
    expect(parseCount("1,234")).toBe(1234);
    expect(parseCount("12a")).toBeNaN();
  });
});
