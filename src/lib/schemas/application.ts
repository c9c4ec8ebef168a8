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
import { validateIdNumber, type Sex } from "../validators/id-number";
import { NO_PHONE, validatePhone } from "../validators/phone";
import { validateStudentNumber } from "../validators/student-number";

export type { Sex } from "../validators/id-number";

// ---------------------------------------------------------------------------
// Enumerations and labels
// ---------------------------------------------------------------------------

export const SEXES = ["MALE", "FEMALE"] as const satisfies readonly Sex[];

export const SEX_LABELS: Record<Sex, string> = { MALE: "男", FEMALE: "女" };

/** 与学生的关系, exactly as printed on 附件3 (the parent is the guardian). */
export const GUARDIAN_RELATIONS = ["父子", "父女", "母子", "母女", "其他"] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

export const GUARDIAN_RELATION_LABELS: Record<GuardianRelation, string> = {
  父子: "父子",
  父女: "父女",
  母子: "母子",
  母女: "母女",
  其他: "其他",
};

/** The database enum (`GuardianRelation` in prisma/schema.prisma) for each relation. */
export const GUARDIAN_RELATION_CODES = {
  父子: "FATHER_SON",
  父女: "FATHER_DAUGHTER",
  母子: "MOTHER_SON",
  母女: "MOTHER_DAUGHTER",
  其他: "OTHER",
} as const satisfies Record<GuardianRelation, string>;
export type GuardianRelationCode = (typeof GUARDIAN_RELATION_CODES)[GuardianRelation];

/** The relation for a database enum value (inverse of GUARDIAN_RELATION_CODES). */
export function guardianRelationFromCode(code: GuardianRelationCode): GuardianRelation {
  return GUARDIAN_RELATIONS.find((r) => GUARDIAN_RELATION_CODES[r] === code)!;
}

/** The student's sex a relation implies: 父子/母子 → male, 父女/母女 → female, 其他 → none. */
export const GUARDIAN_RELATION_REQUIRED_SEX: Record<GuardianRelation, Sex | null> = {
  父子: "MALE",
  父女: "FEMALE",
  母子: "MALE",
  母女: "FEMALE",
  其他: null,
};

/** 招生对象 (实施方案 三): ground (一) or (二). */
export const ELIGIBILITY_GROUNDS = ["LEARNING_DIFFICULTY", "RETURNED_DROPOUT"] as const;
export type EligibilityGround = (typeof ELIGIBILITY_GROUNDS)[number];

/** Full wording of the policy, for the form and the printout. */
export const ELIGIBILITY_GROUND_LABELS: Record<EligibilityGround, string> = {
  LEARNING_DIFFICULTY: "（一）在校期间经过大力帮扶但仍难以跟上学习进度、学习困难且反复辍学、长期辍学的学生",
  RETURNED_DROPOUT: "（二）经劝返愿意学习职业技能的辍（失）学学生",
};

/** Short wording for lists and table cells. */
export const ELIGIBILITY_GROUND_SHORT_LABELS: Record<EligibilityGround, string> = {
  LEARNING_DIFFICULTY: "（一）学习困难/反复或长期辍学",
  RETURNED_DROPOUT: "（二）劝返的辍（失）学学生",
};

export const ADDRESS_PARTS = ["county", "township", "village", "street"] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

const ADDRESS_PART_LABELS: Record<AddressPart, string> = {
  county: "县（市）",
  township: "乡（镇）",
  village: "村（居）委会",
  street: "村（街）",
};

/** Chinese label of every field, by dotted path (as used by `fieldErrorsOf`). */
export const APPLICATION_FIELD_LABELS = {
  className: "班级名",
  headTeacherName: "班主任姓名",
  headTeacherPhone: "班主任联系电话",
  studentName: "学生姓名",
  sex: "性别",
  studentPhone: "学生联系电话",
  address: "家庭住址",
  "address.county": "家庭住址：县（市）",
  "address.township": "家庭住址：乡（镇）",
  "address.village": "家庭住址：村（居）委会",
  "address.street": "家庭住址：村（街）",
  studentNumber: "初中学籍号",
  idNumber: "身份证号码",
  guardianName: "法定监护人姓名",
  guardianRelation: "与学生的关系",
  guardianPhone: "监护人联系电话",
  reason: "申请事由",
  vocationalSchoolId: "报名就读学校",
  major: "专业",
  eligibilityGround: "招生对象",
  shanghaiFlag: "建档立卡 / 东西协作送读上海",
} as const;
export type ApplicationFieldPath = keyof typeof APPLICATION_FIELD_LABELS;

const L = APPLICATION_FIELD_LABELS;

export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 20;
export const CLASS_NAME_MAX_LENGTH = 30;
export const ADDRESS_PART_MAX_LENGTH = 50;
export const REASON_MAX_LENGTH = 500;
export const MAJOR_MAX_LENGTH = 50;

// ---------------------------------------------------------------------------
// Field schemas
// ---------------------------------------------------------------------------

/** Length as a person counts it: one per character, also for rare characters outside the BMP. */
function charCount(s: string): number {
  return Array.from(s).length;
}

/** A string field with a Chinese message when it is missing or not text. */
function baseString(missing: string, notText = missing) {
  return z.string({ error: (iss) => (iss.input === undefined || iss.input === null ? missing : notText) });
}

/** Required text, trimmed, inner whitespace runs collapsed to one space, 1…max characters. */
function requiredText(label: string, max: number, missing = `请填写${label}`) {
  return baseString(missing)
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .superRefine((s, ctx) => {
      const n = charCount(s);
      if (n === 0) ctx.addIssue({ code: "custom", message: missing });
      else if (n > max) ctx.addIssue({ code: "custom", message: `${label}不能超过${max}个字，当前为${n}个字，请精简` });
    });
}

/** A person's name: trimmed, 2–20 characters. */
function personName(label: string) {
  return baseString(`请填写${label}`)
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .superRefine((s, ctx) => {
      const n = charCount(s);
      if (n === 0) ctx.addIssue({ code: "custom", message: `请填写${label}` });
      else if (n < NAME_MIN_LENGTH)
        ctx.addIssue({ code: "custom", message: `${label}至少${NAME_MIN_LENGTH}个字，当前为${n}个字，请填写完整姓名` });
      else if (n > NAME_MAX_LENGTH)
        ctx.addIssue({ code: "custom", message: `${label}不能超过${NAME_MAX_LENGTH}个字，当前为${n}个字，请核对` });
    });
}

/** Optional text: missing, null or blank → undefined; otherwise trimmed, ≤ max characters. */
function optionalText(label: string, max: number) {
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null) return undefined;
      if (typeof v === "string") {
        const t = v.trim();
        return t === "" ? undefined : t;
      }
      return v;
    },
    z
      .string({ error: `${label}应为文字，请重新填写` })
      .superRefine((s, ctx) => {
        const n = charCount(s);
        if (n > max) ctx.addIssue({ code: "custom", message: `${label}不能超过${max}个字，当前为${n}个字，请精简` });
      })
      .optional(),
  );
}

/**
 * A 联系电话 (附件3 填表说明 2): an 11-digit mobile, or a landline with area code (accepted; the
 * warning comes from `applicationPhoneWarnings`, ./application-phones.ts). `allowNone`: 学生联系电话 may be "无".
 */
function phone(label: string, allowNone = false) {
  const missing = allowNone ? `请填写${label}；学生没有电话的，填写“${NO_PHONE}”` : `请填写${label}（11位手机号码）`;
  return baseString(missing).transform((s, ctx) => {
    const r = validatePhone(s, label, { allowNone });
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.value;
  });
}

function idNumber(today: string | Date | undefined) {
  return baseString("请填写身份证号码（18位）").transform((s, ctx) => {
    const r = validateIdNumber(s, today);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.value;
  });
}

const studentNumber = baseString("请填写初中学籍号（14位数字）").transform((s, ctx) => {
  const r = validateStudentNumber(s);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.value;
});

const SEX_ALIASES: Record<string, Sex> = { 男: "MALE", 女: "FEMALE", male: "MALE", female: "FEMALE" };

const sex = z.preprocess(
  (v) => (typeof v === "string" ? (SEX_ALIASES[v.trim()] ?? SEX_ALIASES[v.trim().toLowerCase()] ?? v.trim()) : v),
  z.enum(SEXES, { error: "请选择性别（男或女）" }),
);

const guardianRelation = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const t = v.trim();
    return GUARDIAN_RELATIONS.find((r) => GUARDIAN_RELATION_CODES[r] === t) ?? t;
  },
  z.enum(GUARDIAN_RELATIONS, { error: "请选择与学生的关系（父子、父女、母子、母女或其他）" }),
);

const eligibilityGround = z.enum(ELIGIBILITY_GROUNDS, {
  error: "请选择招生对象：（一）学习困难或反复、长期辍学的学生，或（二）经劝返愿意学习职业技能的辍（失）学学生",
});

const VOCATIONAL_SCHOOL_MISSING = "请选择报名就读学校（选择一所职业学校）";
const vocationalSchoolId = z
  .string({
    error: (iss) =>
      Array.isArray(iss.input) ? "报名就读学校只能选择一所职业学校，请只保留一所" : VOCATIONAL_SCHOOL_MISSING,
  })
  .trim()
  .min(1, VOCATIONAL_SCHOOL_MISSING);

const TRUE_STRINGS = new Set(["on", "true", "1", "yes", "是"]);
const FALSE_STRINGS = new Set(["", "off", "false", "0", "no", "否"]);

/** Checkbox: absent → false; "on"/"true"/"1"/"是" → true; "off"/"false"/"0"/"否"/"" → false. */
const shanghaiFlag = z.preprocess(
  (v) => {
    if (v === undefined || v === null) return false;
    if (typeof v === "string") {
      const t = v.trim().toLowerCase();
      if (TRUE_STRINGS.has(t)) return true;
      if (FALSE_STRINGS.has(t)) return false;
    }
    return v;
  },
  z.boolean({ error: `${L.shanghaiFlag}应为“是”或“否”，请重新勾选` }),
);

const address = z.object(
  {
    county: requiredText(ADDRESS_PART_LABELS.county, ADDRESS_PART_MAX_LENGTH, `请填写家庭住址中的${ADDRESS_PART_LABELS.county}`),
    township: requiredText(ADDRESS_PART_LABELS.township, ADDRESS_PART_MAX_LENGTH, `请填写家庭住址中的${ADDRESS_PART_LABELS.township}`),
    village: requiredText(ADDRESS_PART_LABELS.village, ADDRESS_PART_MAX_LENGTH, `请填写家庭住址中的${ADDRESS_PART_LABELS.village}`),
    street: requiredText(ADDRESS_PART_LABELS.street, ADDRESS_PART_MAX_LENGTH, `请填写家庭住址中的${ADDRESS_PART_LABELS.street}`),
  },
  { error: "请填写家庭住址：县（市）、乡（镇）、村（居）委会、村（街）" },
);

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
