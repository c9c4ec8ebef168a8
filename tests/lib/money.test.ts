// Decision 026: amounts are typed in yuan, stored as integers of fen, shown with two decimals.
import { describe, expect, test } from "vitest";
import { formatYuan, parseYuan, MAX_PAYMENT_FEN } from "@/lib/money";
import { studentAidSchema } from "@/lib/schemas/aid";

describe("parseYuan", () => {
  test.each([
    ["1250", 125000], ["1250.5", 125050], ["1250.50", 125050], ["0.01", 1], ["1,250.00", 125000], ["１２５０", 125000], [" 625 元", 62500], ["0.1", 10],
  ])("%s → %i fen", (s, fen) => expect(parseYuan(s)).toEqual({ ok: true, fen }));

  test.each([
    ["-10", "金额不能为负数"], ["abc", "金额只能填写数字"], ["12.345", "金额最多保留两位小数"], ["", "请填写金额"], ["0", "金额须大于 0"], ["1e3", "金额只能填写数字"],
    ["20000000.01", "金额过大"],
  ])("%s is refused: %s", (s, message) => {
    const r = parseYuan(s);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  test("no floating point: 0.29 yuan is exactly 29 fen (0.29 * 100 = 28.999… in floating point)", () => {
    expect(parseYuan("0.29")).toEqual({ ok: true, fen: 29 });
    expect(parseYuan("20000000")).toEqual({ ok: true, fen: MAX_PAYMENT_FEN });
  });
});

describe("formatYuan", () => {
  test("two decimals, thousands separated", () => {
    expect(formatYuan(125050)).toBe("1,250.50");
    expect(formatYuan(1)).toBe("0.01");
    expect(formatYuan(0)).toBe("0.00");
    expect(formatYuan(100000000)).toBe("1,000,000.00");
  });
});

describe("the form schema turns the typed yuan into fen and refuses bad amounts", () => {
  const base = { enrolmentId: "e1", kind: "LIVING", period: "2020年春季学期", paidOn: "2020-07-01" };
  test("ok", () => expect(studentAidSchema.parse({ ...base, amount: "625.5" }).amount).toBe(62550));
  test("negative / non-numeric → field error on amount", () => {
    for (const amount of ["-1", "六百"]) {
      const r = studentAidSchema.safeParse({ ...base, amount });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].path).toEqual(["amount"]);
    }
  });
});
