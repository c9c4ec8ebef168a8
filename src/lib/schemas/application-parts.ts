/**
 * 附件3 报名申请表 — the zod schema of each field (Chinese messages), composed by `application.ts`.
 *
 * Pure module: no server imports, no environment.
 */
import { z } from "zod";
import { validateIdNumber, type Sex } from "../validators/id-number";
import { NO_PHONE, validatePhone } from "../validators/phone";
import { validateStudentNumber } from "../validators/student-number";
import {
  ADDRESS_PART_LABELS, ADDRESS_PART_MAX_LENGTH, APPLICATION_FIELD_LABELS as L, ELIGIBILITY_GROUNDS, GUARDIAN_RELATION_CODES,
  GUARDIAN_RELATIONS, NAME_MAX_LENGTH, NAME_MIN_LENGTH, SEXES,
} from "./application-fields";

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
export function requiredText(label: string, max: number, missing = `请填写${label}`) {
  return baseString(missing)
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .superRefine((s, ctx) => {
      const n = charCount(s);
      if (n === 0) ctx.addIssue({ code: "custom", message: missing });
      else if (n > max) ctx.addIssue({ code: "custom", message: `${label}不能超过${max}个字，当前为${n}个字，请精简` });
    });
}

/** A person's name: trimmed, 2–20 characters. */
export function personName(label: string) {
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
export function optionalText(label: string, max: number) {
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
export function phone(label: string, allowNone = false) {
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

export function idNumber(today: string | Date | undefined) {
  return baseString("请填写身份证号码（18位）").transform((s, ctx) => {
    const r = validateIdNumber(s, today);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.value;
  });
}

export const studentNumber = baseString("请填写初中学籍号（14位数字）").transform((s, ctx) => {
  const r = validateStudentNumber(s);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  }
  return r.value;
});

const SEX_ALIASES: Record<string, Sex> = { 男: "MALE", 女: "FEMALE", male: "MALE", female: "FEMALE" };

export const sex = z.preprocess(
  (v) => (typeof v === "string" ? (SEX_ALIASES[v.trim()] ?? SEX_ALIASES[v.trim().toLowerCase()] ?? v.trim()) : v),
  z.enum(SEXES, { error: "请选择性别（男或女）" }),
);

export const guardianRelation = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const t = v.trim();
    return GUARDIAN_RELATIONS.find((r) => GUARDIAN_RELATION_CODES[r] === t) ?? t;
  },
  z.enum(GUARDIAN_RELATIONS, { error: "请选择与学生的关系（父子、父女、母子、母女或其他）" }),
);

export const eligibilityGround = z.enum(ELIGIBILITY_GROUNDS, {
  error: "请选择招生对象：（一）学习困难或反复、长期辍学的学生，或（二）经劝返愿意学习职业技能的辍（失）学学生",
});

const VOCATIONAL_SCHOOL_MISSING = "请选择报名就读学校（选择一所职业学校）";
export const vocationalSchoolId = z
  .string({
    error: (iss) =>
      Array.isArray(iss.input) ? "报名就读学校只能选择一所职业学校，请只保留一所" : VOCATIONAL_SCHOOL_MISSING,
  })
  .trim()
  .min(1, VOCATIONAL_SCHOOL_MISSING);

export const TRUE_STRINGS = new Set(["on", "true", "1", "yes", "是"]);
const FALSE_STRINGS = new Set(["", "off", "false", "0", "no", "否"]);

/** Checkbox: absent → false; "on"/"true"/"1"/"是" → true; "off"/"false"/"0"/"否"/"" → false. */
export const shanghaiFlag = z.preprocess(
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

export const address = z.object(
  {
    county: requiredText(ADDRESS_PART_LABELS.county, ADDRESS_PART_MAX_LENGTH, `请填写家庭住址中的${ADDRESS_PART_LABELS.county}`),
    township: requiredText(ADDRESS_PART_LABELS.township, ADDRESS_PART_MAX_LENGTH, `请填写家庭住址中的${ADDRESS_PART_LABELS.township}`),
    village: requiredText(ADDRESS_PART_LABELS.village, ADDRESS_PART_MAX_LENGTH, `请填写家庭住址中的${ADDRESS_PART_LABELS.village}`),
    street: requiredText(ADDRESS_PART_LABELS.street, ADDRESS_PART_MAX_LENGTH, `请填写家庭住址中的${ADDRESS_PART_LABELS.street}`),
  },
  { error: "请填写家庭住址：县（市）、乡（镇）、村（居）委会、村（街）" },
);

