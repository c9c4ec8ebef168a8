/**
 * 附件3 报名申请表 — the vocabulary of the form (SPEC §5): enumerations, their Chinese labels and database
 * codes, the label of every field, and the length limits.
 *
 * Pure module: shared by the form (browser), lists, printouts, exports and the server.
 */
import type { Sex } from "../validators/id-number";

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

export const ADDRESS_PART_LABELS: Record<AddressPart, string> = {
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


export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 20;
export const CLASS_NAME_MAX_LENGTH = 30;
export const ADDRESS_PART_MAX_LENGTH = 50;
export const REASON_MAX_LENGTH = 500;
export const MAJOR_MAX_LENGTH = 50;
