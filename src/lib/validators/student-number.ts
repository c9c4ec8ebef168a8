/**
 * 初中学籍号 — exactly 14 digits (附件3 填表说明 2: "必须填写足 14 位", SPEC §5).
 *
 * The value is a string: leading zeros are significant and kept.
 * Pure module: no server imports, no environment.
 */

export type StudentNumberResult = { ok: true; value: string } | { ok: false; message: string };

export const STUDENT_NUMBER_LENGTH = 14;

/**
 * Validates a 14-digit 初中学籍号. Whitespace anywhere is removed and
 * full-width digits are accepted (NFKC); nothing else is changed.
 */
export function validateStudentNumber(s: string | null | undefined): StudentNumberResult {
  const value = (s ?? "").normalize("NFKC").replace(/\s+/g, "");
  if (value.length === 0) {
    return { ok: false, message: "请填写初中学籍号（14位数字）" };
  }
  const bad = Array.from(value).find((c) => !/^\d$/.test(c));
  if (bad !== undefined) {
    return { ok: false, message: `初中学籍号只能填写数字，当前含有“${bad}”，请填写14位数字学籍号` };
  }
  if (value.length !== STUDENT_NUMBER_LENGTH) {
    return { ok: false, message: `初中学籍号应为14位数字，当前为${value.length}位，请核对（开头的0也要填写）` };
  }
  return { ok: true, value };
}
