import { z } from "zod";
import type { DeadlineKey } from "@/lib/calendar-settings";

/**
 * The four filings the policy requires (SPEC §9), shared by the forms and the server:
 * 实施方案 (八（一）), 附件5 实施性教学方案, the September report (招生情况及工作总结) and the
 * planned figures counties and schools report before the plan is set (附件2 备注3 "上报的计划").
 */
export const FILING_KINDS = ["IMPLEMENTATION_PLAN", "TEACHING_PLAN", "ANNUAL_REPORT", "PLANNED_FIGURES"] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export type FilingStatus = "DRAFT" | "SUBMITTED" | "APPROVED" | "RETURNED";

export const FILING_LABELS: Record<FilingKind, string> = {
  IMPLEMENTATION_PLAN: "义务教育职教班实施方案",
  TEACHING_PLAN: "义务教育职教班教学方案（附件5）",
  ANNUAL_REPORT: "招生情况及工作总结",
  PLANNED_FIGURES: "上报计划数（附件2 备注3）",
};

/** URL segment of each kind (/filings/<slug>). */
export const FILING_SLUGS: Record<FilingKind, string> = {
  IMPLEMENTATION_PLAN: "implementation-plan",
  TEACHING_PLAN: "teaching-plan",
  ANNUAL_REPORT: "annual-report",
  PLANNED_FIGURES: "planned-figures",
};
export const kindOfSlug = (slug: string): FilingKind | null =>
  (Object.entries(FILING_SLUGS).find(([, s]) => s === slug)?.[0] as FilingKind | undefined) ?? null;

/** The calendar deadline of each kind; planned figures are due before the plan is drafted (no fixed date). */
export const FILING_DEADLINE: Record<FilingKind, DeadlineKey | null> = {
  IMPLEMENTATION_PLAN: "countyPlan",
  TEACHING_PLAN: "teachingPlan",
  ANNUAL_REPORT: "annualReport",
  PLANNED_FIGURES: null,
};

/** What approval is called for each kind: teaching plans are 备案 (filed for the record). */
const APPROVED_LABEL: Record<FilingKind, string> = {
  IMPLEMENTATION_PLAN: "审核通过",
  TEACHING_PLAN: "已备案",
  ANNUAL_REPORT: "已审核",
  PLANNED_FIGURES: "已阅",
};
export const APPROVE_VERB: Record<FilingKind, string> = {
  IMPLEMENTATION_PLAN: "审核通过",
  TEACHING_PLAN: "备案",
  ANNUAL_REPORT: "审核通过",
  PLANNED_FIGURES: "已阅",
};

export function filingStatusLabel(kind: FilingKind, status: FilingStatus | null): string {
  switch (status) {
    case null: return "未报送";
    case "DRAFT": return "草稿（未提交）";
    case "SUBMITTED": return kind === "TEACHING_PLAN" ? "已提交，待备案" : "已提交，待审核";
    case "RETURNED": return "已退回修改";
    case "APPROVED": return APPROVED_LABEL[kind];
  }
}

/** Attachments of filings: the documents plans and reports are written in, ≤ 20 MB. */
export const FILING_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const FILING_UPLOAD_ACCEPT = ".pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const FILING_UPLOAD_LABEL = "PDF 文件、Word 文档（DOCX）或 Excel 表格（XLSX）";

// ───────────── Content of each kind ─────────────

const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().max(max, `${label}不超过 ${max} 个字`).default("");

const course = z.object({
  name: z.string().trim().min(1, "请填写课程名称").max(50, "课程名称不超过 50 个字"),
  weeklyHours: z.coerce.number({ error: "周课时应为数字" }).int("周课时应为整数").min(1, "周课时至少为 1").max(40, "周课时不超过 40"),
});

const classRow = z.object({
  name: z.string().trim().min(1, "请填写班级名称").max(50, "班级名称不超过 50 个字"),
  major: z.string().trim().max(50, "专业不超过 50 个字").default(""),
  size: z.coerce.number({ error: "班额应为数字" }).int("班额应为整数").min(1, "班额至少为 1").max(100, "班额不超过 100"),
  headTeacherName: z.string().trim().max(20, "班主任姓名不超过 20 个字").default(""),
  headTeacherPhone: z.string().trim().regex(/^(|1\d{10}|0\d{2,3}-?\d{7,8})$/, "联系电话应为 11 位手机号或带区号的固定电话").default(""),
});

export const implementationPlanContent = z.object({ summary: text("方案要点", 5000) });

/** 附件5 楚雄州义务教育职教班教学方案: the annex's rows as a form. */
export const teachingPlanContent = z.object({
  managementMode: text("管理模式", 3000),
  teachingGoals: text("教学目标", 3000),
  classes: z.array(classRow).max(50, "班级不超过 50 个").default([]),
  compulsoryCourses: z.array(course).max(30, "义教课程不超过 30 门").default([]),
  vocationalCourses: z.array(course).max(30, "职教课程不超过 30 门").default([]),
  retentionMeasures: text("巩固措施", 3000),
  assessment: text("教学考核", 3000),
});

export const annualReportContent = z.object({ summary: text("工作总结", 10000) });

export const plannedFiguresContent = z.object({
  figure: z.coerce.number({ error: "请填写上报的计划数" }).int("计划数应为整数").min(0, "计划数不能为负数").max(100000, "计划数过大，请核对"),
  note: text("说明", 500),
});

export const FILING_CONTENT = {
  IMPLEMENTATION_PLAN: implementationPlanContent,
  TEACHING_PLAN: teachingPlanContent,
  ANNUAL_REPORT: annualReportContent,
  PLANNED_FIGURES: plannedFiguresContent,
} as const;
export type TeachingPlanContent = z.output<typeof teachingPlanContent>;
export type FilingContent = { [K in FilingKind]: z.output<(typeof FILING_CONTENT)[K]> };

/** Figures of the September report, computed from the data and frozen at submission. */
export type ReportFigures = {
  sentOff: number; arrived: number; confirmed: number;
  left: { returnMiddleSchool: number; otherHighSchool: number; dropout: number; other: number };
  exemptLeavers: number; registered: number;
  /** registered ÷ (confirmed − exempt leavers); null when the denominator is 0 (shown "—"). */
  retention: number | null;
  /** 宣传走访 and 跟踪回访 counts (issue 21); absent in reports frozen before they existed. */
  fieldwork?: {
    publicityVisits: number; visitedMiddleSchools: number; middleSchools: number | null;
    followUps: number; homeVisits: number; riskFlagsRaised: number;
  };
};

/** "96.5%" or "—" (a zero denominator is never shown as 100 %). */
export const formatRetention = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

/**
 * What is still missing before a version may be submitted (empty = complete). Drafts may be saved
 * incomplete; submission needs the annex's every part (or, for text filings, text or an attachment).
 */
export function submitProblems(kind: FilingKind, content: unknown, hasDocument: boolean): string[] {
  switch (kind) {
    case "IMPLEMENTATION_PLAN": {
      const c = implementationPlanContent.parse(content);
      return c.summary || hasDocument ? [] : ["方案要点或方案文件（至少一项）"];
    }
    case "ANNUAL_REPORT": {
      const c = annualReportContent.parse(content);
      return c.summary || hasDocument ? [] : ["工作总结文字或总结文件（至少一项）"];
    }
    case "TEACHING_PLAN": {
      const c = teachingPlanContent.parse(content);
      const missing: string[] = [];
      if (!c.managementMode) missing.push("管理模式");
      if (!c.teachingGoals) missing.push("教学目标");
      if (c.classes.length === 0) missing.push("班级设立（至少一个班级）");
      if (c.compulsoryCourses.length === 0) missing.push("义教课程（至少一门）");
      if (c.vocationalCourses.length === 0) missing.push("职教课程（至少一门）");
      if (!c.retentionMeasures) missing.push("巩固措施");
      if (!c.assessment) missing.push("教学考核");
      return missing;
    }
    case "PLANNED_FIGURES":
      return [];
  }
}

// ───────────── Forms ─────────────

const year = z.coerce.number({ error: "缺少年度，请刷新页面后重试" }).int().min(2000, "年度应在 2000—2100 之间").max(2100, "年度应在 2000—2100 之间");
const ID = z.string({ error: "缺少编号，请刷新页面后重试" }).trim().min(1, "缺少编号，请刷新页面后重试");

/** Save or submit the filer's current version; `payload` is the content as JSON (checked per kind on the server). */
export const saveFilingSchema = z.object({
  kind: z.enum(FILING_KINDS, { error: "材料类型无效，请刷新页面后重试" }),
  year,
  intent: z.enum(["save", "submit"]).default("save"),
  payload: z.string({ error: "缺少填写内容，请刷新页面后重试" }).transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "填写内容无法读取，请刷新页面后重试" });
      return z.NEVER;
    }
  }),
  file: z
    .custom<File>((v) => typeof File !== "undefined" && v instanceof File, { error: `请选择${FILING_UPLOAD_LABEL}` })
    .optional()
    .transform((f) => (f && f.size > 0 ? f : undefined)),
});

export const reviewFilingSchema = z.object({
  id: ID,
  decision: z.enum(["APPROVE", "RETURN"], { error: "请选择审核意见" }),
  comment: z.string().trim().max(1000, "意见不超过 1000 个字").default(""),
});

export const waiveGateSchema = z.object({
  year,
  filerKey: z.string().trim().regex(/^(county|voc):.+$/, "豁免对象无效，请刷新页面后重试"),
  reason: z.string({ error: "请填写豁免原因" }).trim().min(2, "请填写豁免原因（至少 2 个字）").max(200, "豁免原因不超过 200 个字"),
});
