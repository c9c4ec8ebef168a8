/**
 * 联系电话 warnings of 附件3 (docs/decisions/042-phones.md): a landline is accepted, but the annex asks
 * for an 11-digit mobile "原则上", so the form, the application page and the import show a warning.
 *
 * Pure module: shared by the browser and the server.
 */
import { validatePhone } from "../validators/phone";
import { APPLICATION_FIELD_LABELS } from "./application-fields";

export const PHONE_FIELDS = ["headTeacherPhone", "studentPhone", "guardianPhone"] as const;
export type PhoneField = (typeof PHONE_FIELDS)[number];

/**
 * The warnings the form, the application page and the import show beside accepted phones that are
 * not what the annex expects (a landline instead of an 11-digit mobile). Pure: raw or stored values.
 */
export function applicationPhoneWarnings(values: Partial<Record<PhoneField, unknown>>): Partial<Record<PhoneField, string>> {
  const out: Partial<Record<PhoneField, string>> = {};
  for (const field of PHONE_FIELDS) {
    const v = values[field];
    if (typeof v !== "string") continue;
    const r = validatePhone(v, APPLICATION_FIELD_LABELS[field], { allowNone: field === "studentPhone" });
    if (r.ok && r.warning) out[field] = r.warning;
  }
  return out;
}
