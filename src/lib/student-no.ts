/**
 * 学号 patterns set by each vocational school. Tokens:
 *   {year}      enrolment year, 4 digits
 *   {class:N}   the class code, left-padded with zeros to N characters
 *   {seq:N}     the student's sequence number inside the class, padded to N digits
 * Anything else is kept literally (letters, digits, '-').
 */
export const DEFAULT_STUDENT_NO_PATTERN = "{year}{class:2}{seq:3}";
const TOKEN = /\{(year|class|seq)(?::(\d))?\}/g;

export function validateStudentNoPattern(pattern: string): string | null {
  if (!pattern.trim()) return "请填写学号规则";
  if (pattern.length > 40) return "学号规则不超过 40 个字符";
  if (!/\{seq(:\d)?\}/.test(pattern)) return "学号规则必须包含序号 {seq:N}，否则同班学生的学号会重复";
  const rest = pattern.replace(TOKEN, "");
  if (/[{}]/.test(rest)) return "学号规则中有无法识别的占位符，只能使用 {year}、{class:N}、{seq:N}";
  if (!/^[A-Za-z0-9-]*$/.test(rest)) return "学号规则中除占位符外只能使用字母、数字和连字符";
  return null;
}

export function formatStudentNo(pattern: string, v: { year: number; classCode: string; seq: number }): string {
  return pattern.replace(TOKEN, (_m, name: string, width?: string) => {
    const w = width ? Number(width) : 0;
    if (name === "year") return String(v.year);
    if (name === "class") return v.classCode.padStart(w, "0");
    return String(v.seq).padStart(w, "0");
  });
}
