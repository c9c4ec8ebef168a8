/**
 * 毕业 and 升学去向 (policy 五（三）（四）; decisions 024, 025). Pure: labels, what a graduate still
 * lacks, and whether an autumn registration decision agrees with the graduate's continuation path.
 */
import type { RegistrationDecision } from "@/lib/student-status";

export const CONTINUATION_PATHS = ["CONTINUE_HERE", "OTHER_HIGH_SCHOOL", "OTHER"] as const;
export type ContinuationPath = (typeof CONTINUATION_PATHS)[number];
export const CONTINUATION_LABELS: Record<ContinuationPath, string> = {
  CONTINUE_HERE: "继续在本校就读中职（免试）",
  OTHER_HIGH_SCHOOL: "报考其他高中阶段学校",
  OTHER: "其他",
};

/** The autumn registration decision a path leads to: only 继续在本校 registers 中职学籍 (policy 五（三）). */
export function registrationFor(path: ContinuationPath): RegistrationDecision {
  return path === "CONTINUE_HERE" ? "REGISTERED" : "NOT_CONTINUING";
}

/** null when the decision agrees with the path (or no path is recorded); else the refusal, in Chinese. */
export function pathConflict(studentName: string, path: ContinuationPath | null, decision: RegistrationDecision): string | null {
  if (!path || registrationFor(path) === decision) return null;
  return path === "CONTINUE_HERE"
    ? `${studentName}的升学去向为“继续在本校就读中职（免试）”，应注册中职学籍。如学生改变了去向，请先在学生页面修改升学去向。`
    : `${studentName}的升学去向为“${CONTINUATION_LABELS[path]}”，不能在本校注册中职学籍。如学生改为继续在本校就读，请先在学生页面修改升学去向。`;
}

export type GraduateRecords = { compulsoryCertificate: boolean; skillCertificates: number; gradesSent: boolean; gradesReceived: boolean };
export const MISSING_KINDS = ["ANY", "COMPULSORY", "SKILL", "FILES"] as const;
export type MissingKind = (typeof MISSING_KINDS)[number];
export const MISSING_LABELS: Record<MissingKind, string> = {
  ANY: "缺任一证书", COMPULSORY: "缺义务教育证书", SKILL: "缺职业技能等级证书", FILES: "成绩档案未送回或原初中未接收",
};

/** What a graduate still lacks, in the words of the list (empty = complete). */
export function graduateGaps(r: GraduateRecords): string[] {
  const gaps: string[] = [];
  if (!r.gradesSent) gaps.push("成绩档案未送回原初中");
  else if (!r.gradesReceived) gaps.push("原初中未登记接收档案");
  if (!r.compulsoryCertificate) gaps.push("缺义务教育证书");
  if (r.skillCertificates === 0) gaps.push("缺职业技能等级证书");
  return gaps;
}

export function isMissing(r: GraduateRecords, kind: MissingKind): boolean {
  switch (kind) {
    case "ANY": return !r.compulsoryCertificate || r.skillCertificates === 0;
    case "COMPULSORY": return !r.compulsoryCertificate;
    case "SKILL": return r.skillCertificates === 0;
    case "FILES": return !r.gradesSent || !r.gradesReceived;
  }
}
