/**
 * After send-off (SPEC §8, policy 五（三）and 六): leaving, its exemption from the retention
 * assessment, the provincial-exam return and the autumn 中职 registration. Pure module shared by
 * forms, pages, the 附件6 export and the server rules.
 */

export const LEAVE_TYPES = [
  "LEFT_RETURN_MIDDLE_SCHOOL",
  "LEFT_OTHER_HIGH_SCHOOL",
  "LEFT_DROPOUT",
  "LEFT_OTHER",
] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

export const LEAVE_TYPE_LABELS: Record<LeaveType, string> = {
  LEFT_RETURN_MIDDLE_SCHOOL: "回原初中就读",
  LEFT_OTHER_HIGH_SCHOOL: "到其他高中阶段学校就读",
  LEFT_DROPOUT: "辍学",
  LEFT_OTHER: "其他",
};

/** The two types for which a written proof (有效证明) from the receiving school exists. */
export const PROOF_LEAVE_TYPES = ["LEFT_RETURN_MIDDLE_SCHOOL", "LEFT_OTHER_HIGH_SCHOOL"] as const satisfies readonly LeaveType[];

export function isLeaveType(type: string): type is LeaveType {
  return (LEAVE_TYPES as readonly string[]).includes(type);
}

export function takesProof(type: LeaveType): boolean {
  return (PROOF_LEAVE_TYPES as readonly string[]).includes(type);
}

/** The proof's name for a type: 回校就读证明 (from the middle school) or 在读证明 (from the other school). */
export function proofName(type: LeaveType): string {
  return type === "LEFT_RETURN_MIDDLE_SCHOOL" ? "原初中学校出具的回校就读证明" : "其他高中阶段学校出具的在读证明";
}

/**
 * Exempt from the vocational school's retention assessment ⇔ the student went back to the original
 * middle school or on to another upper-secondary school AND the written proof is on file (policy 六).
 */
export function isExempt(type: LeaveType, hasProof: boolean): boolean {
  return takesProof(type) && hasProof;
}

/** The sentence the student page shows under a leave: whether it counts against the school, and why. */
export function exemptionExplanation(type: LeaveType, hasProof: boolean): string {
  if (isExempt(type, hasProof)) {
    return `不计入职业学校巩固考核：学生${LEAVE_TYPE_LABELS[type]}，已上传${proofName(type)}。`;
  }
  if (takesProof(type)) {
    return `计入流失：尚未上传${proofName(type)}。上传后不计入职业学校巩固考核。`;
  }
  return `计入流失：${LEAVE_TYPE_LABELS[type]}的学生计入职业学校巩固考核，不能以证明免除。`;
}

/** 附件6 流失 columns for one leaver: 原因 and 有无有效证明 (有 / 无; "—" where no proof exists for the type). */
export function annex6LossColumns(leave: { type: LeaveType; otherSchoolName?: string | null; comment?: string | null; hasProof: boolean }) {
  let reason: string = LEAVE_TYPE_LABELS[leave.type];
  if (leave.type === "LEFT_OTHER_HIGH_SCHOOL" && leave.otherSchoolName) reason += `（${leave.otherSchoolName}）`;
  if ((leave.type === "LEFT_OTHER" || leave.type === "LEFT_DROPOUT") && leave.comment) reason += `（${leave.comment}）`;
  return { lossReason: reason, lossProof: takesProof(leave.type) ? (leave.hasProof ? "有" : "无") : "无" };
}

export const REGISTRATION_DECISIONS = ["REGISTERED", "NOT_CONTINUING"] as const;
export type RegistrationDecision = (typeof REGISTRATION_DECISIONS)[number];
export const REGISTRATION_LABELS: Record<RegistrationDecision, string> = {
  REGISTERED: "注册中职学籍",
  NOT_CONTINUING: "不继续（报考其他学校）",
};

export const ENROLMENT_STATUS_LABELS: Record<"ENROLLED" | "LEFT" | "GRADUATED", string> = {
  ENROLLED: "在读",
  LEFT: "已离校",
  GRADUATED: "已完成义务教育",
};

export const EVENT_TYPE_LABELS: Record<string, string> = {
  ...LEAVE_TYPE_LABELS,
  RETURNED: "重新返回职教班",
  AUTUMN_REGISTERED: "注册中职学籍",
  NOT_CONTINUING: "不继续在本校就读（报考其他学校）",
  COMPULSORY_CERTIFICATE: "颁发义务教育证书",
  SKILL_CERTIFICATE: "颁发职业技能等级证书",
  COMPLETED: "完成义务教育",
  GRADES_SENT: "成绩和档案送回原初中",
  EXAM_RETURN: "返回原初中参加全省初中学业水平考试",
  CORRECTION: "更正",
};
