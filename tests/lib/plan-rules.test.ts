import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  formatWithTask,
  maxSendOffCap,
  normalizePlanText,
  parseWithTask,
  planTotals,
  thirtyPercentText,
  validateCountyQuota,
  validateVocationalQuota,
  type CountyQuotaInput,
} from "@/lib/plan-rules";
import { COUNTIES_2020, SCHOOLS_2020 } from "../../prisma/factories/plan-2020";


const county = (cohortBase: number, sendOffCap: number, shanghaiTask = 0): CountyQuotaInput => ({
  countyName: "双柏县",
  cohortBase,
  sendOffCap,
  shanghaiTask,
});

describe("maxSendOffCap", () => {
  test("⌊30% × N⌋ in integers", () => {
    expect(maxSendOffCap(1673)).toBe(501);
    expect(maxSendOffCap(2000)).toBe(600);
    expect(maxSendOffCap(0)).toBe(0);
    expect(maxSendOffCap(3)).toBe(0);
    expect(maxSendOffCap(4)).toBe(1);
    expect(maxSendOffCap(10)).toBe(3);
  });

  test("agrees with exact big-integer arithmetic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), (n) => {
        expect(maxSendOffCap(n)).toBe(Number((BigInt(n) * 3n) / 10n));
      }),
    );
  });

  test("thirtyPercentText prints the exact product, trimmed", () => {
    expect(thirtyPercentText(1673)).toBe("501.9");
    expect(thirtyPercentText(2000)).toBe("600");
    expect(thirtyPercentText(1087)).toBe("326.1");
    expect(thirtyPercentText(7)).toBe("2.1");
    expect(thirtyPercentText(0)).toBe("0");
  });
});

describe("validateCountyQuota", () => {
  test("S = ⌊30% × N⌋ passes, ⌊30% × N⌋ + 1 fails with the exact bound", () => {
    expect(validateCountyQuota(county(1673, 501, 46))).toEqual([]);
    expect(validateCountyQuota(county(1673, 502, 46))).toEqual([
      { field: "sendOffCap", message: "双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）" },
    ]);
  });

  test("a product without decimals prints without decimals", () => {
    expect(validateCountyQuota(county(2000, 600))).toEqual([]);
    expect(validateCountyQuota(county(2000, 601))).toEqual([
      { field: "sendOffCap", message: "双柏县送读计划不得超过 600 人（2000 × 30% = 600）" },
    ]);
  });

  test("property: S passes exactly when 10·S ≤ 3·N", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 40_000 }), (n, s) => {
        const capIssue = validateCountyQuota(county(n, s)).some((i) => i.field === "sendOffCap");
        expect(capIssue).toBe(10 * s > 3 * n);
      }),
    );
  });

  test("※ may equal S but not exceed it", () => {
    expect(validateCountyQuota(county(2000, 502, 502))).toEqual([]);
    expect(validateCountyQuota(county(2000, 502, 600))).toEqual([
      { field: "shanghaiTask", message: "双柏县东西协作任务数 600 不得超过送读计划 502" },
    ]);
  });

  test("negative and non-integer values", () => {
    expect(validateCountyQuota(county(-1, 0))).toEqual([
      { field: "cohortBase", message: "双柏县初中毕业生数必须是不小于0的整数" },
    ]);
    expect(validateCountyQuota(county(1673, 1.5))).toEqual([
      { field: "sendOffCap", message: "双柏县送读计划必须是不小于0的整数" },
    ]);
    expect(validateCountyQuota(county(1673, 10, -2))).toEqual([
      { field: "shanghaiTask", message: "双柏县东西协作任务数必须是不小于0的整数" },
    ]);
    expect(validateCountyQuota(county(Number.NaN, Number.POSITIVE_INFINITY, 0.5))).toHaveLength(3);
  });

  test("the 2020 figures: seven counties round 30% up", () => {
    const issues = COUNTIES_2020.flatMap((c) => validateCountyQuota(c).map((i) => i.message));
    expect(issues).toEqual([
      "双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）",
      "牟定县送读计划不得超过 566 人（1889 × 30% = 566.7）",
      "南华县送读计划不得超过 853 人（2846 × 30% = 853.8）",
      "姚安县送读计划不得超过 522 人（1742 × 30% = 522.6）",
      "大姚县送读计划不得超过 835 人（2786 × 30% = 835.8）",
      "元谋县送读计划不得超过 705 人（2353 × 30% = 705.9）",
      "武定县送读计划不得超过 932 人（3109 × 30% = 932.7）",
    ]);
  });
});

describe("validateVocationalQuota", () => {
  test("E※ ≤ E", () => {
    expect(validateVocationalQuota({ schoolName: "楚雄技师学院", enrolCap: 5000, shanghaiTask: 5000 })).toEqual([]);
    expect(validateVocationalQuota({ schoolName: "楚雄技师学院", enrolCap: 5000, shanghaiTask: 5001 })).toEqual([
      { field: "shanghaiTask", message: "楚雄技师学院东西协作任务数 5001 不得超过招生计划 5000" },
    ]);
  });

  test("negative and non-integer values", () => {
    expect(validateVocationalQuota({ schoolName: "楚雄市职中", enrolCap: -1, shanghaiTask: 0 })).toEqual([
      { field: "enrolCap", message: "楚雄市职中招生计划必须是不小于0的整数" },
    ]);
    expect(validateVocationalQuota({ schoolName: "楚雄市职中", enrolCap: 850, shanghaiTask: 1.5 })).toEqual([
      { field: "shanghaiTask", message: "楚雄市职中东西协作任务数必须是不小于0的整数" },
    ]);
  });

  test("the 2020 schools are all valid", () => {
    expect(SCHOOLS_2020.flatMap(validateVocationalQuota)).toEqual([]);
  });
});

describe("totals and formatting", () => {
  test("planTotals of 2020 (the policy prints 8892 and 800※)", () => {
    expect(planTotals(COUNTIES_2020, SCHOOLS_2020)).toEqual({
      counties: { cohortBase: 29640, sendOffCap: 8893, shanghaiTask: 600 },
      vocationalSchools: { enrolCap: 8920, shanghaiTask: 200 },
    });
    expect(planTotals([], [])).toEqual({
      counties: { cohortBase: 0, sendOffCap: 0, shanghaiTask: 0 },
      vocationalSchools: { enrolCap: 0, shanghaiTask: 0 },
    });
  });

  test("formatWithTask follows the policy: bracket with ※, bare number without a task", () => {
    expect(formatWithTask(2073, 102)).toBe("2073（102※）");
    expect(formatWithTask(850, 0)).toBe("850");
  });

  test("parseWithTask reads every spelling of the policy's cells", () => {
    expect(parseWithTask("2073（102※）")).toEqual({ value: 2073, task: 102 });
    expect(parseWithTask("2073 (102 [*])".replace("[*]", "*"))).toEqual({ value: 2073, task: 102 });
    expect(parseWithTask("2073(102＊)")).toEqual({ value: 2073, task: 102 });
    expect(parseWithTask("２０７３\u3000（１０２※）")).toEqual({ value: 2073, task: 102 });
    expect(parseWithTask("\u00a02073\n(※102)")).toEqual({ value: 2073, task: 102 });
    expect(parseWithTask("850")).toEqual({ value: 850, task: null });
    expect(parseWithTask("8,920")).toEqual({ value: 8920, task: null });
    expect(parseWithTask("-5")).toEqual({ value: -5, task: null });
    expect(parseWithTask("1.5")).toEqual({ value: 1.5, task: null });
    expect(parseWithTask("abc")).toBeNull();
    expect(parseWithTask("")).toBeNull();
    expect(parseWithTask("2073（）")).toBeNull();
  });

  test("normalizePlanText removes every kind of space and unifies brackets", () => {
    expect(normalizePlanText("县 市")).toBe("县市");
    expect(normalizePlanText("合\u3000计")).toBe("合计");
    expect(normalizePlanText("义教职教班\n送读控制在以下\n计划数以内")).toBe("义教职教班送读控制在以下计划数以内");
    expect(normalizePlanText("初中毕业生 （人）")).toBe("初中毕业生(人)");
  });
});
