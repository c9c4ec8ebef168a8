/**
 * 附件3 楚雄州义务教育职教班报名申请表 — input schema (SPEC §5).
 *
 * Pure module: no server imports, no environment. Used by the form (browser)
 * and by the server action / import (server) alike, so both give the same
 * Chinese messages.
 *
 * What this schema does NOT cover (the server must): consent signatures and the
 * scanned form, the school review (审核意见), "one live application per ID number
 * and year", that `vocationalSchoolId` names an existing vocational school, and
 * 初中学校名 (preset from the user's organisation, never typed).
 */
import { z } from "zod";
import { validateIdNumber } from "../validators/id-number";
import {
  APPLICATION_FIELD_LABELS as L, CLASS_NAME_MAX_LENGTH, GUARDIAN_RELATION_REQUIRED_SEX, GUARDIAN_RELATIONS, MAJOR_MAX_LENGTH,
  REASON_MAX_LENGTH, SEX_LABELS, type AddressPart,
} from "./application-fields";
import {
  address, eligibilityGround, guardianRelation, idNumber, optionalText, personName, phone, requiredText, sex, shanghaiFlag,
  studentNumber, TRUE_STRINGS, vocationalSchoolId,
} from "./application-parts";

// ---------------------------------------------------------------------------
// The schema
// ---------------------------------------------------------------------------

export type ApplicationSchemaOptions = {
  /** Current China date "YYYY-MM-DD" (or instant) for the birth-date check; defaults to now at each parse. */
  today?: string | Date;
};

/** Builds the schema; `applicationInputSchema` is the one with today = now. */
export function createApplicationInputSchema(options: ApplicationSchemaOptions = {}) {
  const { today } = options;
  return z
    .object(
      {
        className: requiredText(L.className, CLASS_NAME_MAX_LENGTH),
        headTeacherName: personName(L.headTeacherName),
        headTeacherPhone: phone(L.headTeacherPhone),
        studentName: personName(L.studentName),
        sex,
        studentPhone: phone(L.studentPhone, true),
        address,
        studentNumber,
        idNumber: idNumber(today),
        guardianName: personName(L.guardianName),
        guardianRelation,
        // at least one guardian number: required, and "无" is refused
        guardianPhone: phone(L.guardianPhone),
        reason: optionalText(L.reason, REASON_MAX_LENGTH),
        vocationalSchoolId,
        major: optionalText(L.major, MAJOR_MAX_LENGTH),
        eligibilityGround,
        shanghaiFlag,
      },
      { error: "申请表数据不完整或格式不正确，请重新填写后提交" },
    )
    .superRefine(
      (value, ctx) => {
        // Runs even when other fields have errors, so every field's message shows at once:
        // read the values defensively (a failed field holds its raw input or an "aborted" marker).
        const v = value as Record<string, unknown>;
        const id = typeof v.idNumber === "string" ? validateIdNumber(v.idNumber, today) : null;
        const idSex = id?.ok ? id.sex : undefined;
        const formSex = v.sex === "MALE" || v.sex === "FEMALE" ? v.sex : undefined;

        if (idSex && formSex && idSex !== formSex) {
          ctx.addIssue({
            code: "custom",
            path: ["sex"],
            message: `身份证号码第17位表示性别为${SEX_LABELS[idSex]}，与所填性别“${SEX_LABELS[formSex]}”不一致，请核对性别或身份证号码`,
          });
        }

        const relation = GUARDIAN_RELATIONS.find((r) => r === v.guardianRelation);
        const required = relation ? GUARDIAN_RELATION_REQUIRED_SEX[relation] : null;
        const studentSex = formSex ?? idSex;
        if (relation && required && studentSex && studentSex !== required) {
          const source = formSex ? `所填性别为“${SEX_LABELS[studentSex]}”` : `身份证号码显示学生为${SEX_LABELS[studentSex]}`;
          ctx.addIssue({
            code: "custom",
            path: ["guardianRelation"],
            message: `与学生的关系为“${relation}”时学生应为${SEX_LABELS[required]}生，但${source}，请核对与学生的关系或性别`,
          });
        }
      },
      { when: (payload) => typeof payload.value === "object" && payload.value !== null },
    );
}

export const applicationInputSchema = createApplicationInputSchema();

/** The parsed, normalised application (phones without spaces, ID with upper-case X, optional texts undefined when blank). */
export type ApplicationInput = z.infer<typeof applicationInputSchema>;
/** What the schema accepts before parsing. */
export type ApplicationRawInput = z.input<typeof applicationInputSchema>;

// ---------------------------------------------------------------------------
// Form helpers
// ---------------------------------------------------------------------------

type IssueLike = { path: ReadonlyArray<PropertyKey>; message: string };

/** Key used by `fieldErrorsOf` for issues about the whole input rather than one field. */
export const FORM_ERROR_KEY = "_form";

/**
 * First message per dotted path ("address.county"), for showing next to form
 * fields. Issues with an empty path go under `FORM_ERROR_KEY`. Accepts a
 * ZodError or anything with `issues` (e.g. issues serialised by a server action).
 */
export function fieldErrorsOf(error: { issues: ReadonlyArray<IssueLike> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length === 0 ? FORM_ERROR_KEY : issue.path.map((p) => String(p)).join(".");
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

export type ApplicationValidation =
  | { ok: true; data: ApplicationInput }
  | { ok: false; errors: Record<string, string> };

// Building the schema costs far more than one parse (zod compiles it): keep one per "today" string,
// so an import of thousands of rows and the form's validation on every keystroke build it once.
const schemaCache = new Map<string, ReturnType<typeof createApplicationInputSchema>>();
function schemaFor(options: ApplicationSchemaOptions) {
  if (typeof options.today !== "string") return createApplicationInputSchema(options);
  let s = schemaCache.get(options.today);
  if (!s) {
    if (schemaCache.size > 16) schemaCache.clear();
    s = createApplicationInputSchema(options);
    schemaCache.set(options.today, s);
  }
  return s;
}

/** safeParse + fieldErrorsOf in one call. */
export function validateApplication(raw: unknown, options?: ApplicationSchemaOptions): ApplicationValidation {
  const schema = options ? schemaFor(options) : applicationInputSchema;
  const r = schema.safeParse(raw);
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: fieldErrorsOf(r.error) };
}

/** Raw values read from a form; every value is still unchecked. */
export type ApplicationFormValues = {
  [K in Exclude<keyof ApplicationInput, "address" | "shanghaiFlag">]: unknown;
} & { address: Record<AddressPart, unknown>; shanghaiFlag: boolean };

/**
 * Reads the 附件3 fields from a FormData (field names as in ApplicationInput;
 * address parts as "address.county" … or "addressCounty" …). Files are ignored.
 * Several different 报名就读学校 values are passed on as an array, so the schema
 * reports "只能选择一所". A checkbox value "on" (or "true"/"1"/"是") → true, absent → false.
 */
export function applicationFromFormData(fd: FormData): ApplicationFormValues {
  const strings = (name: string): string[] =>
    fd.getAll(name).filter((v): v is string => typeof v === "string");
  const one = (name: string): string | undefined => strings(name)[0];
  const addressPart = (part: AddressPart): string | undefined =>
    one(`address.${part}`) ?? one(`address${part[0].toUpperCase()}${part.slice(1)}`);

  const schools = [...new Set(strings("vocationalSchoolId").map((s) => s.trim()).filter((s) => s !== ""))];

  return {
    className: one("className"),
    headTeacherName: one("headTeacherName"),
    headTeacherPhone: one("headTeacherPhone"),
    studentName: one("studentName"),
    sex: one("sex"),
    studentPhone: one("studentPhone"),
    address: {
      county: addressPart("county"),
      township: addressPart("township"),
      village: addressPart("village"),
      street: addressPart("street"),
    },
    studentNumber: one("studentNumber"),
    idNumber: one("idNumber"),
    guardianName: one("guardianName"),
    guardianRelation: one("guardianRelation"),
    guardianPhone: one("guardianPhone"),
    reason: one("reason"),
    vocationalSchoolId: schools.length === 0 ? undefined : schools.length === 1 ? schools[0] : schools,
    major: one("major"),
    eligibilityGround: one("eligibilityGround"),
    shanghaiFlag: strings("shanghaiFlag").some((s) => TRUE_STRINGS.has(s.trim().toLowerCase())),
  };
}
