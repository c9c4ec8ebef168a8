/**
 * 附件3 bulk import — the template's columns and how a row of text cells becomes the
 * raw input of `applicationInputSchema` (the same rules as the entry form).
 *
 * Pure module: used by the template export, the import on the server, the benchmark and tests.
 */
import { APPLICATION_FIELD_LABELS, ELIGIBILITY_GROUNDS, type EligibilityGround } from "./application-fields";

export type ImportColumnKey =
  | "className" | "headTeacherName" | "headTeacherPhone" | "studentName" | "sex" | "studentPhone"
  | "address.county" | "address.township" | "address.village" | "address.street"
  | "studentNumber" | "idNumber" | "guardianName" | "guardianRelation" | "guardianPhone"
  | "vocationalSchool" | "major" | "eligibilityGround" | "shanghaiFlag" | "reason";

export type ImportColumn = {
  key: ImportColumnKey;
  header: string;
  required: boolean;
  /** Identifiers typed as digits: the template formats the column as text ("@"). */
  text?: boolean;
  /** Fixed choices offered as a drop-down in the template ("schools" = the vocational schools). */
  choices?: readonly string[] | "schools";
  width: number;
  note?: string;
};

export const ELIGIBILITY_IMPORT_CHOICES = ["（一）", "（二）"] as const;
export const YES_NO_CHOICES = ["是", "否"] as const;

/** Column order of the template (data sheet "报名申请", header in row 1, data from row 2). */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: "className", header: "班级名", required: true, width: 14, note: "例如：九年级（3）班" },
  { key: "headTeacherName", header: "班主任姓名", required: true, width: 12 },
  { key: "headTeacherPhone", header: "班主任联系电话", required: true, text: true, width: 16, note: "11位手机号码（没有手机的可填带区号的固定电话，如 0878-3123456）" },
  { key: "studentName", header: "学生姓名", required: true, width: 12 },
  { key: "sex", header: "性别", required: true, choices: ["男", "女"], width: 8 },
  { key: "studentPhone", header: "学生联系电话", required: true, text: true, width: 16, note: "11位手机号码；学生没有电话的填“无”" },
  { key: "address.county", header: "家庭住址：县（市）", required: true, width: 14 },
  { key: "address.township", header: "家庭住址：乡（镇）", required: true, width: 14 },
  { key: "address.village", header: "家庭住址：村（居）委会", required: true, width: 16 },
  { key: "address.street", header: "家庭住址：村（街）", required: true, width: 14 },
  { key: "studentNumber", header: "初中学籍号", required: true, text: true, width: 18, note: "14位数字，开头的0也要填写" },
  { key: "idNumber", header: "身份证号码", required: true, text: true, width: 22, note: "18位，最后一位可以是X" },
  { key: "guardianName", header: "法定监护人姓名", required: true, width: 14 },
  { key: "guardianRelation", header: "与学生的关系", required: true, choices: ["父子", "父女", "母子", "母女", "其他"], width: 12 },
  { key: "guardianPhone", header: "监护人联系电话", required: true, text: true, width: 16, note: "必填。11位手机号码（没有手机的可填带区号的固定电话）" },
  { key: "vocationalSchool", header: "报名就读学校", required: true, choices: "schools", width: 16, note: "只能选一所职业学校" },
  { key: "major", header: "专业（可不填）", required: false, width: 14 },
  { key: "eligibilityGround", header: "招生对象", required: true, choices: ELIGIBILITY_IMPORT_CHOICES, width: 10, note: "（一）学习困难或反复、长期辍学；（二）经劝返的辍（失）学学生" },
  { key: "shanghaiFlag", header: "建档立卡/东西协作送读上海", required: false, choices: YES_NO_CHOICES, width: 14, note: "是 或 否；不填视为“否”" },
  { key: "reason", header: "申请事由（可不填）", required: false, width: 30 },
];

export const IMPORT_SHEET_NAME = "报名申请";
export const IMPORT_HEADER_ROW = 1;
export const IMPORT_FIRST_DATA_ROW = 2;
/** Rows offered with drop-downs in the template; files may hold up to IMPORT_MAX_ROWS rows. */
export const IMPORT_TEMPLATE_ROWS = 2000;
export const IMPORT_MAX_ROWS = 5000;

/** Header text as compared: NFKC, no whitespace, no "（可不填）", ":" and "：" alike. */
export function normaliseHeader(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/\(可不填\)/g, "")
    .replace(/[:：]/g, ":")
    .replace(/[/／、]/g, "/");
}

const HEADER_ALIASES: Partial<Record<ImportColumnKey, string[]>> = {
  headTeacherPhone: ["班主任电话", "班主任手机"],
  studentPhone: ["联系电话", "学生电话", "学生手机"],
  "address.county": ["县(市)", "县市"],
  "address.township": ["乡(镇)", "乡镇"],
  "address.village": ["村(居)委会", "村居委会"],
  "address.street": ["村(街)", "村街"],
  studentNumber: ["学籍号"],
  idNumber: ["身份证号", "身份证号码(18位)"],
  guardianName: ["监护人姓名"],
  guardianPhone: ["监护人电话", "监护人手机"],
  vocationalSchool: ["报名就读职业学校", "就读学校", "职业学校"],
  major: ["专业"],
  eligibilityGround: ["招生对象(一)/(二)"],
  shanghaiFlag: ["建档立卡/东西协作送读上海", "东西协作送读上海", "建档立卡"],
  reason: ["申请事由"],
};

/** The column key a header cell names, or null. */
export function columnForHeader(text: string): ImportColumnKey | null {
  const h = normaliseHeader(text);
  if (!h) return null;
  for (const c of IMPORT_COLUMNS) {
    if (normaliseHeader(c.header) === h) return c.key;
    if ((HEADER_ALIASES[c.key] ?? []).some((a) => normaliseHeader(a) === h)) return c.key;
  }
  return null;
}

/** Column letter of a 1-based column number: 1 → "A", 27 → "AA". */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** （一）/(一)/一/1/（一）学习困难… → LEARNING_DIFFICULTY; （二)… → RETURNED_DROPOUT; else the text. */
export function parseEligibilityGround(text: string): EligibilityGround | string {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  if (/^\(?(一|1)\)?/.test(t)) return ELIGIBILITY_GROUNDS[0];
  if (/^\(?(二|2)\)?/.test(t)) return ELIGIBILITY_GROUNDS[1];
  return t;
}

/** 是/否 (and 1/0, Y/N, √) → "是"/"否" for the schema's checkbox parser; anything else stays as typed. */
export function parseYesNo(text: string): string {
  const t = text.normalize("NFKC").trim().toLowerCase();
  if (["是", "1", "y", "yes", "true", "√", "✓"].includes(t)) return "是";
  if (["否", "0", "n", "no", "false", "", "×", "x"].includes(t)) return "否";
  return text;
}

export type VocationalSchoolName = { id: string; name: string; fullName: string };

/** The school a cell names (short name, full name, NFKC and spaces ignored), or null. */
export function matchVocationalSchool(text: string, schools: readonly VocationalSchoolName[]): VocationalSchoolName | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  if (!t) return null;
  return (
    schools.find((s) => s.name.normalize("NFKC").replace(/\s+/g, "") === t || s.fullName.normalize("NFKC").replace(/\s+/g, "") === t) ??
    null
  );
}

/** Label of each column key in messages (same names as the form). */
export function importColumnLabel(key: ImportColumnKey | string): string {
  if (key === "vocationalSchool") return APPLICATION_FIELD_LABELS.vocationalSchoolId;
  return (APPLICATION_FIELD_LABELS as Record<string, string>)[key] ?? key;
}

/**
 * The raw schema input of one row. `cells` holds each column's text (already read from the
 * workbook); `schoolId` is the matched vocational school id or the text as typed (the schema
 * then reports it missing when empty).
 */
export function rowToRawApplication(cells: Partial<Record<ImportColumnKey, string>>, schoolId: string | undefined) {
  const get = (k: ImportColumnKey) => cells[k] ?? "";
  return {
    className: get("className"),
    headTeacherName: get("headTeacherName"),
    headTeacherPhone: get("headTeacherPhone"),
    studentName: get("studentName"),
    sex: get("sex"),
    studentPhone: get("studentPhone"),
    address: {
      county: get("address.county"),
      township: get("address.township"),
      village: get("address.village"),
      street: get("address.street"),
    },
    studentNumber: get("studentNumber"),
    idNumber: get("idNumber"),
    guardianName: get("guardianName"),
    guardianRelation: get("guardianRelation").trim(),
    guardianPhone: get("guardianPhone"),
    reason: get("reason"),
    vocationalSchoolId: schoolId ?? "",
    major: get("major"),
    eligibilityGround: parseEligibilityGround(get("eligibilityGround")),
    shanghaiFlag: parseYesNo(get("shanghaiFlag")),
  };
}
