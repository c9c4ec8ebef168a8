// The 操作日志 in sentences a bureau can read: one template per kind of action, built from the row's
// before/after summary ("楚雄市教育体育局 把 楚雄市第一中学 的名额由 0 改为 414"). An action without a
// template still reads as Chinese: its label and the summary's fields as "名称：值" pairs (audit-format.ts).
// Pure: shared by the page, the xlsx export and the tests.
import { AUDIT_ACTION_LABELS } from "@/lib/audit-labels";
import { chinaTime, diffText, pairs, valueText } from "@/lib/audit-format";

export type AuditEntry = {
  action: string;
  /** the actor's organisation when the row was written (null: the system or a sign-in attempt) */
  orgLabel: string | null;
  /** the actor's name (display name), when known */
  actorName: string | null;
  /** what the entity is called (a user's name, a school, a student), when the reader resolved it */
  entityLabel: string | null;
  summary: unknown;
};

type S = Record<string, unknown>;
type Ctx = { who: string; s: S; e: AuditEntry; nameOf: (id: string) => string | undefined };
type Template = (c: Ctx) => string;

const str = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "object" ? valueText(v) : String(v));
const opt = (prefix: string, v: unknown, suffix = "") => (v === null || v === undefined || v === "" ? "" : `${prefix}${valueText(v)}${suffix}`);
const student = (c: Ctx) => str(c.s.studentName) || c.e.entityLabel || "一名学生";
const target = (c: Ctx) => c.e.entityLabel || str(c.s.username) || str(c.s.name) || "";
const yearVersion = (s: S) => `${str(s.year)} 年${s.version ? `（第 ${str(s.version)} 版）` : ""}`;
const changes = (c: Ctx, fallback: string) => {
  const d = diffText(c.s.before, c.s.after, c.nameOf);
  return d.length ? `：${d.join("；")}` : fallback;
};

/** Sentence per action; the subject (`who`) is the organisation (and person) that acted. */
const TEMPLATES: Record<string, Template> = {
  "auth.signIn": (c) => `${c.e.orgLabel ? `${c.e.orgLabel} 的` : ""}账号 ${str(c.s.username) || c.e.actorName || ""} 登录系统`,
  "auth.signOut": (c) => `${c.who} 退出登录`,
  "auth.signInFailed": (c) => `有人以用户名“${str(c.s.username)}”登录失败${c.s.locked ? "（账号处于锁定中）" : c.s.inactive ? "（账号已停用）" : "（用户名或密码错误）"}`,
  "auth.lock": (c) => `账号 ${str(c.s.username)} 连续 ${str(c.s.after)} 次${c.s.via === "changeOwnPassword" ? "在修改密码时" : ""}输错密码，锁定至 ${c.s.until ? chinaTime(str(c.s.until)) : "—"}`,
  "setup.firstAdmin": (c) => `系统创建第一个管理员账号 ${str(c.s.username)}`,
  "user.create": (c) => `${c.who} 开设账号 ${str(c.s.username)}（${valueText(c.s.role)}）`,
  "user.update": (c) => `${c.who} 修改账号 ${target(c)}${changes(c, "")}`,
  "user.activate": (c) => `${c.who} 启用账号 ${target(c)}`,
  "user.deactivate": (c) => `${c.who} 停用账号 ${target(c)}`,
  "user.resetPassword": (c) => `${c.who} 重置了账号 ${target(c)} 的密码`,
  "user.unlock": (c) => `${c.who} 解除了账号 ${target(c)} 的锁定`,
  "user.changeOwnPassword": (c) => `${c.who} 修改了本人密码`,
  "county.update": (c) => `${c.who} 修改县市 ${target(c)}${changes(c, "")}`,
  "vocationalSchool.update": (c) => `${c.who} 修改职业学校 ${target(c)}${changes(c, "")}`,
  "middleSchool.update": (c) => `${c.who} 修改初中学校 ${target(c)}${changes(c, "")}`,
  "vocationalSchool.create": (c) => `${c.who} 新增职业学校 ${str(c.s.name)}`,
  "middleSchool.create": (c) => `${c.who} 新增初中学校 ${str(c.s.county)}${str(c.s.name)}`,
  "vocationalSchool.activate": (c) => `${c.who} 启用职业学校 ${target(c)}`,
  "vocationalSchool.deactivate": (c) => `${c.who} 停用职业学校 ${target(c)}`,
  "middleSchool.activate": (c) => `${c.who} 启用初中学校 ${target(c)}`,
  "middleSchool.deactivate": (c) => `${c.who} 停用初中学校 ${target(c)}`,
  "plan.create": (c) => `${c.who} 新建 ${yearVersion(c.s)} 送读招生计划草稿`,
  "plan.amend": (c) => `${c.who} 调整 ${yearVersion(c.s)} 送读招生计划（新版本草稿）${opt("，原因：", c.s.reason)}`,
  "plan.saveDraft": (c) => `${c.who} 修改 ${yearVersion(c.s)} 送读招生计划草稿`,
  "plan.import": (c) => `${c.who} 导入附件2 文件“${str(c.s.fileName)}”为 ${yearVersion(c.s)} 送读招生计划草稿${c.s.problems ? `，发现 ${str(c.s.problems)} 处问题` : ""}`,
  "plan.importRefused": (c) => `${c.who} 导入附件2 文件“${str(c.s.fileName)}”被拒绝${opt("：", c.s.message)}`,
  "plan.issue": (c) => `${c.who} 下达 ${yearVersion(c.s)} 送读招生计划${c.s.supersedes ? `，取代第 ${str(c.s.supersedes)} 版` : ""}${opt("，调整原因：", c.s.reason)}`,
  "plan.discard": (c) => `${c.who} 作废 ${yearVersion(c.s)} 送读招生计划草稿`,
  "allocation.save": (c) => {
    const list = (Array.isArray(c.s.changes) ? c.s.changes : []).filter((x): x is S => !!x && typeof x === "object");
    const parts = list.map((x) => `把 ${str(x.school)} 的名额由 ${valueText(x.before)} 改为 ${valueText(x.after)}`);
    return `${c.who} ${parts.join("，") || "分解送读计划"}（${str(c.s.year)} 年，已分配 ${str(c.s.total)} / ${str(c.s.cap)} 人）`;
  },
  "export.annex2": (c) => `${c.who} 导出 ${yearVersion(c.s)} 附件2（${valueText(c.s.state)}）`,
  "application.create": (c) => `${c.who} 录入 ${student(c)} 的报名申请${opt("（报名", c.s.vocationalSchool, "）")}`,
  "application.update": (c) => `${c.who} 修改 ${student(c)} 的报名申请${Array.isArray(c.s.changed) && c.s.changed.length ? `（修改了${(c.s.changed as string[]).length} 项）` : ""}${c.s.consentReset ? "，签字须重新确认" : ""}`,
  "application.consent": (c) => `${c.who} 登记 ${student(c)} 的签字情况：学生${c.s.studentSigned ? "已签字" : "未签字"}，监护人${c.s.guardianSigned ? "已签字" : "未签字"}${c.s.newDocument ? "，上传了扫描件" : ""}`,
  "application.review": (c) => `${c.who} 审核 ${student(c)} 的报名申请：${str(c.s.decision)}${opt("（盖章日期 ", c.s.reviewDate, "）")}${opt("，意见：", c.s.comment)}`,
  "application.withdraw": (c) => `${c.who} 撤回 ${student(c)} 的报名申请${opt("，原因：", c.s.reason)}`,
  "application.import": (c) => `${c.who} 批量导入 ${student(c)} 的报名申请${opt("（文件“", c.s.fileName, "”）")}`,
  "application.importBatch": (c) => `${c.who} 批量导入报名申请 ${str(c.s.rows)} 份${opt("（文件“", c.s.fileName, "”）")}`,
  "application.importRefused": (c) =>
    `${c.who} 导入报名申请文件“${str(c.s.fileName)}”被拒绝${c.s.message ? `：${str(c.s.message)}` : `：${str(c.s.rows)} 行中有 ${str(c.s.problems)} 处问题${c.s.duplicates ? `，其中 ${str(c.s.duplicates)} 人已在其他学校报名` : ""}`}`,
  "application.reveal": (c) => `${c.who} 查看了 ${student(c)} 的完整身份证号码（${c.s.purpose === "edit" ? "修改报名申请" : "报名申请页面"}）`,
  "application.print": (c) => `${c.who} 打印了 ${student(c)} 的报名申请表（含完整身份证号码）`,
  "application.changeSchool": (c) => `${c.who} 把 ${student(c)} 的报名就读学校由 ${str(c.s.from)} 改为 ${str(c.s.to)}`,
  "idNumber.reveal": (c) => `${c.who} 查看了 ${student(c)} 的完整身份证号码（${str(c.s.page) || "页面"}）`,
  "student.reveal": (c) => `${c.who} 查看了 ${student(c)} 的完整身份证号码（学生页面）`,
  "document.upload": (c) => `${c.who} 上传文件“${str(c.s.fileName)}”`,
  "document.download": (c) => `${c.who} 查看或下载文件“${str(c.s.fileName)}”`,
  "export.applicationTemplate": (c) => `${c.who} 下载报名申请导入模板${opt("（", c.s.school, "）")}`,
  "calendar.create": (c) => `${c.who} 设置 ${yearVersion(c.s)} 工作日历`,
  "calendar.update": (c) => `${c.who} 修改 ${yearVersion(c.s)} 工作日历${changes(c, "")}`,
  "calendar.override": (c) => `${c.who} 把 ${str(c.s.year)} 年${str(c.s.phase)}调整为 ${rangeText(c.s.after)}${opt("，原因：", c.s.reason)}`,
  "calendar.overrideRevoke": (c) => `${c.who} 恢复 ${str(c.s.year)} 年${str(c.s.phase)}的计算时间 ${rangeText(c.s.after)}${opt("，原因：", c.s.reason)}`,
  "sendOff.execute": (c) => `${c.who} 送读 ${c.s.count === 1 && c.e.entityLabel ? c.e.entityLabel : `${str(c.s.count)} 名学生`}`,
  "reception.arrival": (c) => `${c.who} 登记 ${Array.isArray(c.s.enrolmentIds) ? c.s.enrolmentIds.length : ""} 名学生${valueText(c.s.status)}${opt("（", c.s.arrivedOn, "）")}`,
  "class.create": (c) => `${c.who} 创建班级 ${str(c.s.name)}${opt("（", c.s.major, "）")}`,
  "class.update": (c) => `${c.who} 修改班级 ${target(c)}${changes(c, "")}`,
  "class.assign": (c) => `${c.who} 把 ${Array.isArray(c.s.enrolmentIds) ? c.s.enrolmentIds.length : ""} 名学生编入 ${target(c) || "班级"}`,
  "class.studentNo": (c) => `${c.who} 把 ${target(c) || "学生"} 的学号由 ${valueText(c.s.before)} 改为 ${valueText(c.s.after)}`,
  "class.pattern": (c) => `${c.who} 把学号规则由 ${valueText(c.s.before)} 改为 ${valueText(c.s.after)}`,
  "roster.submit": (c) => `${c.who} 提交在读学生名单（附件4）第 ${str(c.s.version)} 版，共 ${str(c.s.rowCount)} 人${opt("，原因：", c.s.reason)}`,
  "roster.receive": (c) => `${c.who} 接收 ${target(c) || "职业学校"} 的名单第 ${str(c.s.version)} 版`,
  "roster.release": (c) => `${c.who} 把 ${target(c) || "名单"} 反馈给 ${Array.isArray(c.s.countyIds) ? c.s.countyIds.length : ""} 个县市`,
  "roster.confirm": (c) => `${c.who} 确认了名单中的 ${student(c)}`,
  "roster.discrepancy": (c) => `${c.who} 对名单中的 ${student(c)} 提出异议${opt("：", c.s.comment)}`,
  "roster.confirmAll": (c) => `${c.who} 批量确认名单中的 ${str(c.s.count)} 名学生`,
  "roster.answer": (c) => `${c.who} 答复县市的异议${opt("：", c.s.answer)}`,
  "filing.save": (c) => `${c.who} 保存 ${str(c.s.year)} 年${str(c.s.label)}草稿（第 ${str(c.s.version)} 版）`,
  "filing.submit": (c) => `${c.who} 提交 ${str(c.s.year)} 年${str(c.s.label)}（第 ${str(c.s.version)} 版）`,
  "filing.approve": (c) => `${c.who} 审核通过 ${str(c.s.year)} 年${str(c.s.label)}（第 ${str(c.s.version)} 版）${opt("，意见：", c.s.comment)}`,
  "filing.return": (c) => `${c.who} 退回 ${str(c.s.year)} 年${str(c.s.label)}（第 ${str(c.s.version)} 版）${opt("，意见：", c.s.comment)}`,
  "filing.waive": (c) => `${c.who} 豁免 ${str(c.s.name)} ${str(c.s.year)} 年送读前的实施方案审核${opt("，原因：", c.s.reason)}`,
  "export.annex5": (c) => `${c.who} 导出 ${str(c.s.school)} ${yearVersion(c.s)} 附件5`,
  "student.leave": (c) => `${c.who} 登记 ${student(c)} 离校：${str(c.s.type)}${opt("（", c.s.occurredOn, "）")}${c.s.exempt === true ? "，不计入巩固考核" : c.s.exempt === false ? "，计入流失" : ""}`,
  "student.proof": (c) => `${c.who} 上传 ${student(c)} 的${str(c.s.proofName) || "有效证明"}`,
  "student.confirmReturn": (c) => `${c.who} 确认 ${student(c)} 已回原初中就读`,
  "student.examReturn": (c) => `${c.who} 登记 ${student(c)} ${str(c.s.occurredOn)} 起返回原初中参加学业水平考试（至 ${str(c.s.examUntil)}）`,
  "student.examBack": (c) => `${c.who} 登记 ${student(c)} 于 ${str(c.s.examBackOn)} 考试后返回职业学校`,
  "student.correct": (c) => `${c.who} 更正 ${student(c)} 的状态记录${opt("，原因：", c.s.reason)}`,
  "registration.decide": (c) => `${c.who} 为 ${valueText(c.s.students)} 办理秋季注册：${str(c.s.decision)}`,
  "annex6.submit": (c) => `${c.who} 报送 ${yearVersion(c.s)} 附件6，共 ${str(c.s.rowCount)} 人${opt("，原因：", c.s.reason)}`,
  "annex6.receive": (c) => `${c.who} 接收 ${target(c) || "职业学校"} 的 ${yearVersion(c.s)} 附件6`,
  "retention.explain": (c) => `${c.who} 填写 ${str(c.s.year)} 年巩固率（${str(c.s.rate)}）未达 95% 的原因`,
  "retention.assess": (c) => `${c.who} 签署 ${target(c) || "职业学校"} ${str(c.s.year)} 年巩固考核结果：${str(c.s.result)}（巩固率 ${str(c.s.rate)}）${opt("，更正原因：", c.s.reason)}`,
  "audit.export": (c) => `${c.who} 导出操作日志 ${str(c.s.rows)} 条${opt("（筛选条件：", c.s.filters, "）")}`,
};
for (const kind of ["annex4", "annex6"]) {
  TEMPLATES[`export.${kind}`] = (c) => `${c.who} 导出 ${str(c.s.year)} 年${kind === "annex4" ? "附件4" : "附件6"}（${valueText(c.s.sheets)}，${str(c.s.rowCount)} 人，${valueText(c.s.source)}）`;
}

function rangeText(v: unknown) {
  const r = (v ?? {}) as { start?: string; end?: string };
  return r.start && r.end ? `${r.start} 至 ${r.end}` : "—";
}

/** Who acted, as the subject of the sentence: the organisation (the person has a column of their own). */
export function subjectOf(e: Pick<AuditEntry, "orgLabel" | "actorName">): string {
  return e.orgLabel || e.actorName || "系统";
}

/** Kinds with their own sentence (the tests check each one). */
export const RENDERED_ACTIONS = Object.keys(TEMPLATES);

/** The entry as one Chinese sentence; never JSON. */
export function renderAudit(e: AuditEntry, nameOf: (id: string) => string | undefined = () => undefined): string {
  const s = (e.summary && typeof e.summary === "object" && !Array.isArray(e.summary) ? e.summary : {}) as S;
  const who = subjectOf(e);
  const template = TEMPLATES[e.action];
  if (template) return template({ who, s, e, nameOf }).replace(/\s+/g, " ").trim();
  return fallbackText(e, s, who, nameOf);
}

/** An action without a template: its Chinese name (or 其他操作) and the summary as "名称：值" pairs. */
export function fallbackText(e: AuditEntry, s: S, who: string, nameOf: (id: string) => string | undefined): string {
  const label = AUDIT_ACTION_LABELS[e.action] ?? "其他操作";
  const diff = "before" in s && "after" in s ? diffText(s.before, s.after, nameOf) : [];
  const rest = pairs(Object.fromEntries(Object.entries(s).filter(([k]) => !diff.length || (k !== "before" && k !== "after"))));
  const details = [...diff, ...rest];
  const what = e.entityLabel ? ` ${e.entityLabel}` : "";
  return `${who} ${label}${what}${details.length ? `：${details.join("；")}` : ""}`;
}
