/**
 * 联系电话 — 11-digit mainland mobile numbers (附件3 填表说明 2, SPEC §5).
 *
 * Pure module: no server imports, no environment.
 */

export type MobileResult = { ok: true; value: string } | { ok: false; message: string };

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * NFKC (full-width digits and "－" → ASCII), then spaces (any whitespace) and
 * hyphens/dashes removed: "138 0013-8000" → "13800138000".
 */
export function normaliseMobile(s: string | null | undefined): string {
  return (s ?? "").normalize("NFKC").replace(/[\s\-‐‑‒–—]/g, "");
}

/**
 * Validates an 11-digit mainland mobile number (/^1[3-9]\d{9}$/ after removing
 * spaces and hyphens).
 *
 * @param label the field's name used in messages, e.g. "班主任联系电话" (default "手机号码").
 */
export function validateMobile(s: string | null | undefined, label = "手机号码"): MobileResult {
  const value = normaliseMobile(s);
  if (value.length === 0) {
    return { ok: false, message: `请填写${label}（11位手机号码）` };
  }
  const bad = Array.from(value).find((c) => !/^\d$/.test(c));
  if (bad !== undefined) {
    return { ok: false, message: `${label}只能填写数字，当前含有“${bad}”，请填写11位手机号码` };
  }
  if (value.length !== 11) {
    return { ok: false, message: `${label}应为11位手机号码，当前为${value.length}位，请核对` };
  }
  if (value[0] !== "1") {
    return { ok: false, message: `${label}应为以1开头的11位手机号码，请核对` };
  }
  if (!MOBILE_PATTERN.test(value)) {
    return { ok: false, message: `${label}第2位应为3–9，当前为“${value[1]}”，请核对是否为手机号码` };
  }
  return { ok: true, value };
}

/**
 * Masks a phone number for lists: first 3 + "****" + last 4, e.g. "138****1234".
 * Input of another length is masked so that at most half of it stays visible.
 * `null`/`undefined`/"" → "".
 */
export function maskPhone(phone: string | null | undefined): string {
  const chars = Array.from(normaliseMobile(phone));
  const n = chars.length;
  if (n === 0) return "";
  if (n === 11) return chars.slice(0, 3).join("") + "****" + chars.slice(7).join("");
  if (n < 4) return "*".repeat(n);
  const head = Math.min(3, Math.floor(n / 4));
  const tail = Math.min(4, Math.floor(n / 4));
  return chars.slice(0, head).join("") + "*".repeat(n - head - tail) + chars.slice(n - tail).join("");
}
