/**
 * 联系电话 (附件3 填表说明 2, SPEC §5): "原则上填写手机号码 11 位".
 *
 * - `validateMobile`: an 11-digit mainland mobile, nothing else.
 * - `validatePhone`: what the form accepts — a mobile (expected); a landline with its area code
 *   ("0878-1234567") accepted with a warning that says the annex asks for a mobile; and, where
 *   the caller allows it (学生联系电话), "无" for a student who has no phone.
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

/** What a student without a phone writes in 学生联系电话. */
export const NO_PHONE = "无";
const NO_PHONE_SPELLINGS = new Set(["无", "没有", "暂无", "无电话", "无手机"]);

/**
 * A landline with its area code: 0 + 2–3 digits (010, 0878), then 7–8 digits; written with or
 * without a hyphen or brackets: "0878-1234567", "(0878)1234567", "087812345678".
 */
export const LANDLINE_PATTERN = /^(0\d{2,3})-?(\d{7,8})$/;

export type PhoneKind = "mobile" | "landline" | "none";
export type PhoneResult =
  | { ok: true; value: string; kind: PhoneKind; warning?: string }
  | { ok: false; message: string };

/** The landline warning shown next to the field (and on the application page). */
export function landlineWarning(label: string, value: string): string {
  return `${label}“${value}”是固定电话，已接受；附件3要求“联系电话”原则上填写11位手机号码，有手机的请改填手机号码`;
}

/**
 * Validates a 附件3 联系电话: an 11-digit mobile (stored without spaces or hyphens), a landline with
 * area code (stored as "0878-1234567", with a warning), or — when `allowNone` — "无" (also "没有",
 * "暂无"), stored as "无". Empty is never accepted: a student without a phone writes "无".
 */
export function validatePhone(s: string | null | undefined, label: string, options: { allowNone?: boolean } = {}): PhoneResult {
  const raw = (s ?? "").normalize("NFKC").replace(/\s/g, "");
  if (raw === "") {
    return { ok: false, message: options.allowNone ? `请填写${label}；学生没有电话的，填写“${NO_PHONE}”` : `请填写${label}（11位手机号码）` };
  }
  if (NO_PHONE_SPELLINGS.has(raw)) {
    if (options.allowNone) return { ok: true, value: NO_PHONE, kind: "none" };
    return { ok: false, message: `${label}必须填写，不能填“${raw}”：请填写11位手机号码，没有手机的填写带区号的固定电话` };
  }
  const compact = raw.replace(/^\((0\d{2,3})\)/, "$1-").replace(/[‐‑‒–—－]/g, "-");
  const landline = LANDLINE_PATTERN.exec(compact);
  if (landline) {
    const value = `${landline[1]}-${landline[2]}`;
    return { ok: true, value, kind: "landline", warning: landlineWarning(label, value) };
  }
  const mobile = validateMobile(compact, label);
  if (mobile.ok) return { ok: true, value: mobile.value, kind: "mobile" };
  if (/^0/.test(normaliseMobile(compact))) {
    return { ok: false, message: `${label}“${raw}”不是有效的固定电话：应为区号加7–8位号码，例如 0878-1234567；有手机的请填写11位手机号码` };
  }
  return mobile;
}

/** The digits of a stored phone ("0878-1234567" → "08781234567"); "" for "无" or an empty value. */
export function phoneDigits(phone: string | null | undefined): string {
  return (phone ?? "").normalize("NFKC").replace(/\D/g, "");
}

/**
 * Masks a phone number for lists: first 3 + "****" + last 4, e.g. "138****1234".
 * Input of another length is masked so that at most half of it stays visible.
 * `null`/`undefined`/"" → "".
 */
export function maskPhone(phone: string | null | undefined): string {
  if ((phone ?? "").trim() === NO_PHONE) return NO_PHONE;
  const chars = Array.from(normaliseMobile(phone));
  const n = chars.length;
  if (n === 0) return "";
  if (n === 11) return chars.slice(0, 3).join("") + "****" + chars.slice(7).join("");
  if (n < 4) return "*".repeat(n);
  const head = Math.min(3, Math.floor(n / 4));
  const tail = Math.min(4, Math.floor(n / 4));
  return chars.slice(0, head).join("") + "*".repeat(n - head - tail) + chars.slice(n - tail).join("");
}
