import { describe, expect, test } from "vitest";
import { credit, creditFormula, percent, retention, retentionFormula } from "@/lib/retention";

describe("retention = still enrolled ÷ (confirmed − exempt leavers)", () => {
  test("no leavers: 100 %", () => {
    const r = retention({ confirmed: 40, exemptLeavers: 0, lostLeavers: 0 });
    expect([r.numerator, r.denominator, r.rate, r.meetsTarget]).toEqual([40, 40, 1, true]);
  });
  test("exempt leavers leave the denominator, lost leavers only the numerator", () => {
    const r = retention({ confirmed: 12, exemptLeavers: 2, lostLeavers: 4 });
    expect([r.numerator, r.denominator]).toEqual([6, 10]);
    expect(r.rate).toBeCloseTo(0.6);
    expect(r.meetsTarget).toBe(false);
    expect(retentionFormula(r)).toBe("巩固率 = 秋季注册时仍在读 6 人 ÷（确认名单 12 人 − 有证明的离校 2 人）= 6 ÷ 10 = 60.00%");
  });
  test("every leaver exempt: denominator 0 is shown as —, not 100 %", () => {
    const r = retention({ confirmed: 3, exemptLeavers: 3, lostLeavers: 0 });
    expect([r.denominator, r.rate, r.meetsTarget]).toEqual([0, null, null]);
    expect(percent(r.rate)).toBe("—");
  });
  test("no confirmed students: —", () => {
    expect(retention({ confirmed: 0, exemptLeavers: 0, lostLeavers: 0 }).rate).toBeNull();
  });
  test("exactly 95 % meets the target (integer comparison, no float slip)", () => {
    expect(retention({ confirmed: 20, exemptLeavers: 0, lostLeavers: 1 }).meetsTarget).toBe(true);
    expect(retention({ confirmed: 100, exemptLeavers: 0, lostLeavers: 6 }).meetsTarget).toBe(false);
  });
  test("impossible inputs are refused", () => {
    expect(() => retention({ confirmed: 2, exemptLeavers: 2, lostLeavers: 1 })).toThrow(RangeError);
    expect(() => retention({ confirmed: -1, exemptLeavers: 0, lostLeavers: 0 })).toThrow(RangeError);
  });
});

describe("credited count = students × max(95 %, actual rate)", () => {
  test("above 95 %: credited at the actual rate", () => {
    const c = credit(30, { numerator: 98, denominator: 100 });
    expect([c.basis, c.exact, c.credited]).toEqual(["ACTUAL", 29.4, 29]);
    expect(creditFormula(c)).toBe("30 人 × 实际巩固率 98/100 = 29.4，四舍五入计 29 人");
  });
  test("below 95 %: credited at 95 %", () => {
    const c = credit(10, { numerator: 6, denominator: 10 });
    expect([c.basis, c.exact, c.credited]).toEqual(["FLOOR", 9.5, 10]);
  });
  test("exactly 95 %: the floor (same number)", () => {
    expect(credit(20, { numerator: 19, denominator: 20 })).toMatchObject({ basis: "FLOOR", exact: 19, credited: 19 });
  });
  test("100 %: every student credited", () => {
    expect(credit(7, { numerator: 7, denominator: 7 })).toMatchObject({ basis: "ACTUAL", credited: 7 });
  });
  test("no rate (all exempt): the policy's 95 %", () => {
    expect(credit(3, { numerator: 0, denominator: 0 })).toMatchObject({ basis: "FLOOR", exact: 2.85, credited: 3 });
  });
  test("rounding half up on exact fractions", () => {
    expect(credit(1, { numerator: 0, denominator: 1 }).credited).toBe(1); // 0.95 → 1
    expect(credit(9, { numerator: 0, denominator: 1 }).credited).toBe(9); // 8.55 → 9
    expect(credit(3, { numerator: 49, denominator: 50 })).toMatchObject({ exact: 2.94, credited: 3 });
    expect(credit(0, { numerator: 1, denominator: 1 }).credited).toBe(0);
  });
});
