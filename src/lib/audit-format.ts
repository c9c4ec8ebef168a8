// Pure helpers for the 操作日志: Chinese names of summary fields and Chinese text for their values.
// Used by the per-action sentences (audit-render.ts) and by the fallback for actions without one,
// so that no entry is ever shown as JSON.
import { CHINA_TIME_ZONE } from "@/lib/china-date";

/** Chinese names of the fields that appear in audit summaries (any action). */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  username: "用户名", role: "角色", displayName: "姓名", phone: "联系电话", name: "名称", fullName: "全称",
  bureauName: "教育体育局名称", countyId: "所属县市", county: "县市", prefectureOwned: "州属学校", school: "学校",
  year: "年度", version: "版本", reason: "原因", comment: "意见", fileName: "文件名", problems: "问题数",
  supersedes: "取代的版本", state: "状态", cap: "计划数", total: "合计", changes: "改动", studentName: "学生",
  idNumber: "身份证号码（部分隐藏）", purpose: "用途", decision: "决定", reviewDate: "盖章日期", previousStatus: "原状态",
  studentSigned: "学生签字", guardianSigned: "监护人签字", newDocument: "上传新扫描件", status: "状态", changed: "修改的项目",
  consentReset: "签字须重新确认", from: "原学校", to: "新学校", count: "人数", rows: "行数", duplicates: "已在其他学校报名",
  message: "原因", size: "文件大小（字节）", kind: "类别", label: "材料", filerKey: "报送单位", newVersion: "新版本",
  mayDayHolidayEnd: "五一假期最后一天", extraNonWorkingDays: "额外休息日", makeUpWorkingDays: "调休上班日",
  makeUpSaturdaysCount: "调休周六天数", autumnRegistrationDate: "秋季注册完成日期", countyPlanDeadline: "实施方案截止日",
  teachingPlanDeadline: "教学方案截止日", annualReportDeadline: "工作总结截止日", phase: "阶段", start: "开始", end: "结束",
  overridden: "已调整", replacedPreviousOverride: "替换了之前的调整", arrivedOn: "报到日期", sizeLimit: "班额",
  headTeacherName: "班主任", headTeacherPhone: "班主任电话", major: "专业", code: "班级代码", studentNo: "学号",
  rowCount: "人数", answer: "答复", type: "类型", occurredOn: "日期", otherSchoolName: "就读学校", exempt: "不计入巩固考核",
  examUntil: "考试至", examBackOn: "返回日期", students: "学生", result: "考核结果", rate: "巩固率", sheets: "工作表",
  source: "数据来源", via: "途径", until: "锁定至", after: "连续输错次数", locked: "账号已锁定", filters: "筛选条件",
  mimeType: "文件类型", replaced: "替换了原证明", proofName: "证明", figures: "招生数据", vocationalSchool: "报名就读学校",
};

/** Summary keys that are internal identifiers or checksums: never shown (they mean nothing to a reader). */
const HIDDEN_KEY = /(^id$|Id$|Ids$|^sha256$|^windows$|^at$|^batchId$|^proof$)/;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CODES: Record<string, string> = {
  PREFECTURE: "州教育体育局", COUNTY: "县市教育体育局", MIDDLE_SCHOOL: "初级中学", VOCATIONAL_SCHOOL: "职业学校",
  DRAFT: "草稿", SIGNED: "已签字", APPROVED: "审核同意", REJECTED: "审核不同意", WITHDRAWN: "已撤回", SENT_OFF: "已送读",
  ISSUED: "已下达", SUPERSEDED: "已被取代", ARRIVED: "已报到", NOT_ARRIVED: "未报到", PENDING: "待登记",
  IMPLEMENTATION_PLAN: "实施方案", TEACHING_PLAN: "教学方案（附件5）", ANNUAL_REPORT: "招生情况及工作总结", PLANNED_FIGURES: "上报计划数",
  signIn: "登录", changeOwnPassword: "修改密码", live: "实时数据", submitted: "已报送的名单", page: "页面", print: "打印", edit: "修改",
};

/** A Chinese date-time (Asia/Shanghai) for an ISO timestamp. */
export function chinaTime(iso: string | Date): string {
  return new Date(iso).toLocaleString("zh-CN", { timeZone: CHINA_TIME_ZONE, hour12: false });
}

export const fieldLabel = (key: string) => AUDIT_FIELD_LABELS[key] ?? null;

/** One value in words: no brackets, no quotes, no JSON. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === "") return "（空）";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return ISO_TIME.test(v) ? chinaTime(v) : (CODES[v] ?? v);
  if (Array.isArray(v)) return v.length ? v.map(valueText).join("、") : "（无）";
  if (typeof v === "object") return pairs(v as Record<string, unknown>).join("，") || "（无）";
  return String(v);
}

/** "名称：楚雄市第一中学" pairs of the fields a reader understands; technical fields are left out. */
export function pairs(obj: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const label = fieldLabel(k);
    if (!label || HIDDEN_KEY.test(k)) continue;
    out.push(`${label}：${valueText(v)}`);
  }
  return out;
}

/** "名称由 A 改为 B" for each field that differs between before and after. */
export function diffText(before: unknown, after: unknown, nameOf: (id: string) => string | undefined = () => undefined): string[] {
  if (typeof before !== "object" || typeof after !== "object" || !before || !after) {
    return before === after ? [] : [`由 ${valueText(before)} 改为 ${valueText(after)}`];
  }
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const show = (k: string, v: unknown) => (k.endsWith("Id") && typeof v === "string" ? (nameOf(v) ?? "其他单位") : valueText(v));
  const out: string[] = [];
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[k]) === JSON.stringify(a[k])) continue;
    const label = fieldLabel(k);
    if (!label) continue;
    out.push(`${label}由 ${show(k, b[k])} 改为 ${show(k, a[k])}`);
  }
  return out;
}
