/**
 * 公民身份号码 (PRC resident identity number, GB 11643-1999) — SPEC §5, §10.
 *
 * Layout of the 18 characters:
 *   1–6   address (region) code
 *   7–14  birth date YYYYMMDD
 *   15–17 sequence code; the 17th digit is odd for men, even for women
 *   18    check character, ISO 7064 MOD 11-2 over the first 17 digits (0–9 or X)
 *
 * Pure module: no server imports, no environment. "Today" (for the "birth date
 * not in the future" rule) may be passed in; by default it is the current date
 * in China time.
 */

export type Sex = "MALE" | "FEMALE";

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: Sex }
  | { ok: false; message: string };

/** Weights W_i = 2^(17−i) mod 11 for positions i = 1…17. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for (Σ a_i·W_i) mod 11 = 0…10. */
const CHECK_CHARS = "10X98765432";

const MIN_BIRTH_YEAR = 1900;

/**
 * The check character (0–9 or "X") for the first 17 digits of an ID number.
 * Throws a RangeError if `first17` is not exactly 17 ASCII digits.
 */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError("idCheckDigit: 需要正好17位数字");
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Normalises what a person typed: NFKC (full-width digits "１２３" and "Ｘ" → ASCII),
 * surrounding whitespace removed, lower-case x → X.
 */
function normaliseIdInput(s: string): string {
  return s.normalize("NFKC").trim().replace(/x/g, "X");
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

const chinaDateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** "YYYY-MM-DD" of `today`: a string is taken as is, a Date is read in China time. */
function todayString(today: string | Date | undefined): string {
  if (typeof today === "string") return today;
  const d = today ?? new Date();
  const parts = Object.fromEntries(chinaDateFormat.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Validates an 18-character resident ID number.
 *
 * @param s      what was typed (whitespace around it, full-width digits and a lower-case x are accepted)
 * @param today  the current China date ("YYYY-MM-DD") or instant; the birth date may not be after it.
 *               Defaults to now.
 * @returns the normalised number (upper-case X), the birth date "YYYY-MM-DD" and the sex from the
 *          17th digit; or a Chinese message naming what is wrong.
 */
export function validateIdNumber(s: string | null | undefined, today?: string | Date): IdNumberResult {
  const value = normaliseIdInput(s ?? "");
  if (value.length === 0) {
    return { ok: false, message: "请填写身份证号码（18位）" };
  }
  const chars = Array.from(value);
  if (chars.length !== 18) {
    return { ok: false, message: `身份证号码应为18位，当前为${chars.length}位，请逐位核对` };
  }
  for (let i = 0; i < 17; i++) {
    if (!/^\d$/.test(chars[i])) {
      return {
        ok: false,
        message: `身份证号码第${i + 1}位应为数字，当前为“${chars[i]}”，请核对（前17位只能是数字，第18位可为数字或X）`,
      };
    }
  }
  if (!/^[\dX]$/.test(chars[17])) {
    return { ok: false, message: `身份证号码第18位应为数字或X，当前为“${chars[17]}”，请核对` };
  }

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const shown = value.slice(6, 14);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return {
      ok: false,
      message: `身份证号码第7–14位的出生日期“${shown}”不是有效日期，请核对`,
    };
  }
  if (year < MIN_BIRTH_YEAR) {
    return {
      ok: false,
      message: `身份证号码中的出生日期${birthDate}早于${MIN_BIRTH_YEAR}年，不是有效的出生日期，请核对第7–14位`,
    };
  }
  const todayStr = todayString(today);
  if (birthDate > todayStr) {
    return {
      ok: false,
      message: `身份证号码中的出生日期${birthDate}晚于今天（${todayStr}），不是有效的出生日期，请核对第7–14位`,
    };
  }

  if (idCheckDigit(value.slice(0, 17)) !== chars[17]) {
    return { ok: false, message: "身份证号码校验位不正确，请逐位核对" };
  }

  const sex: Sex = (value.charCodeAt(16) - 48) % 2 === 1 ? "MALE" : "FEMALE";
  return { ok: true, value, birthDate, sex };
}

/**
 * Masks an ID number for lists (SPEC §10): first 6 + 8 asterisks + last 4,
 * e.g. "532301********1234". Input of another length is masked too, never
 * revealing the birth date of a 15-digit legacy number and never more than
 * half of a short value. `null`/`undefined`/"" → "".
 */
export function maskIdNumber(id: string | null | undefined): string {
  const chars = Array.from((id ?? "").normalize("NFKC").replace(/\s+/g, "").toUpperCase());
  const n = chars.length;
  if (n === 0) return "";
  if (n === 18) return chars.slice(0, 6).join("") + "********" + chars.slice(14).join("");
  if (n >= 15) {
    // legacy 15-digit numbers (6 region + 6 birth + 3 sequence) and near-misses:
    // region and the last 3 characters stay visible, the birth date never does.
    return chars.slice(0, 6).join("") + "*".repeat(n - 9) + chars.slice(n - 3).join("");
  }
  if (n < 4) return "*".repeat(n);
  const keep = Math.min(3, Math.floor(n / 4));
  return chars.slice(0, keep).join("") + "*".repeat(n - 2 * keep) + chars.slice(n - keep).join("");
}
