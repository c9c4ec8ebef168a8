/**
 * Money (policy 七, decision 026): stored as integers of fen, typed and shown in yuan with two decimals.
 * Parsing works on the digits (no floating point), so "0.1" + "0.2" yuan is exactly 30 fen.
 */

/** Largest amount accepted for one payment: 2,000 万元 = 2,000,000,000 fen (fits a PostgreSQL INTEGER). */
export const MAX_PAYMENT_FEN = 2_000_000_000;

export type ParsedYuan = { ok: true; fen: number } | { ok: false; message: string };

/** "1250" / "1250.5" / "1,250.50" / "１２５０" → fen; negative, non-numeric, more than two decimals, zero → a Chinese message. */
export function parseYuan(input: string): ParsedYuan {
  const s = input.normalize("NFKC").trim().replace(/[,，\s]/g, "").replace(/元$/, "");
  if (s === "") return { ok: false, message: "请填写金额（元）" };
  if (s.startsWith("-")) return { ok: false, message: "金额不能为负数" };
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) {
    return { ok: false, message: /^\d+\.\d{3,}$/.test(s) ? "金额最多保留两位小数（到分）" : "金额只能填写数字，例如 1250 或 1250.50" };
  }
  const fen = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (fen === 0) return { ok: false, message: "金额须大于 0" };
  if (!Number.isSafeInteger(fen) || fen > MAX_PAYMENT_FEN) return { ok: false, message: "金额过大，请核对（单笔不超过 2000 万元）" };
  return { ok: true, fen };
}

/** 125050 → "1,250.50" (yuan, two decimals, thousands separated). */
export function formatYuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError("fen must be an integer");
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${yuan}.${String(abs % 100).padStart(2, "0")}`;
}
