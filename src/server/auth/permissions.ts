import "server-only";
import type { Role } from "@/generated/prisma/enums";
import { forbidden } from "@/server/errors";
import type { Actor, ActorOf } from "./load-actor";
import { hasRole } from "@/lib/actor";

/**
 * The single permission table: which role may perform which action.
 * Scope (which county / school) is applied separately in every query by `scope.ts`.
 */
export const PERMISSIONS = {
  "org.county.manage": ["PREFECTURE"],
  "org.vocationalSchool.manage": ["PREFECTURE"],
  "org.middleSchool.manage": ["PREFECTURE", "COUNTY"],
  "org.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "user.manage": ["PREFECTURE", "COUNTY"],
  "user.changeOwnPassword": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "audit.read": ["PREFECTURE", "COUNTY"],
  "plan.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "plan.edit": ["PREFECTURE"],
  "plan.issue": ["PREFECTURE"],
  "plan.export": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "allocation.edit": ["COUNTY"],
  "calendar.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "calendar.edit": ["PREFECTURE"],
  "application.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "application.edit": ["MIDDLE_SCHOOL"],
  "application.review": ["MIDDLE_SCHOOL"],
  "application.import": ["MIDDLE_SCHOOL"],
  "application.export": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL"],
  "sendOff.execute": ["MIDDLE_SCHOOL", "COUNTY"],
  "sendOff.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "reception.edit": ["VOCATIONAL_SCHOOL"],
  "class.manage": ["VOCATIONAL_SCHOOL"],
  "roster.submit": ["VOCATIONAL_SCHOOL"],
  "roster.answer": ["VOCATIONAL_SCHOOL"],
  "roster.receive": ["PREFECTURE"],
  "roster.release": ["PREFECTURE"],
  "roster.check": ["COUNTY"],
  "roster.read": ["PREFECTURE", "COUNTY", "VOCATIONAL_SCHOOL"],
  "roster.export": ["PREFECTURE", "COUNTY", "VOCATIONAL_SCHOOL"],
  // issue 10 (safe to deploy)
  "document.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "user.unlock": ["PREFECTURE"],
  // 报送材料 (实施方案, 附件5, 招生情况及工作总结, 上报计划数): which kinds an organisation files is in server/filings/rules.ts
  "filing.read": ["PREFECTURE", "COUNTY", "VOCATIONAL_SCHOOL"],
  "filing.submit": ["COUNTY", "VOCATIONAL_SCHOOL"],
  "filing.review": ["PREFECTURE", "COUNTY"],
  "filing.waive": ["PREFECTURE"],
  // After send-off (issue 13): student page, leaving, autumn registration, 附件6.
  "student.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "student.leave": ["VOCATIONAL_SCHOOL"],
  "student.proof": ["VOCATIONAL_SCHOOL", "MIDDLE_SCHOOL"],
  "student.confirmReturn": ["MIDDLE_SCHOOL"],
  "registration.edit": ["VOCATIONAL_SCHOOL"],
  "annex6.submit": ["VOCATIONAL_SCHOOL"],
  "annex6.receive": ["PREFECTURE"],
  "annex6.read": ["PREFECTURE", "COUNTY", "VOCATIONAL_SCHOOL"],
  "annex6.export": ["PREFECTURE", "COUNTY", "VOCATIONAL_SCHOOL"],
  // Retention assessment (issue 14): 巩固率, 考核, credited counts.
  "retention.read": ["PREFECTURE", "COUNTY", "VOCATIONAL_SCHOOL"],
  "retention.explain": ["VOCATIONAL_SCHOOL"],
  "retention.assess": ["PREFECTURE", "COUNTY"],
  // Field work (issue 21): 宣传走访 in 宣传期, 跟踪回访/家访 and 流失风险 in 稳定期/巩固期. Scope in server/fieldwork/rules.ts.
  "publicity.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "publicity.record": ["VOCATIONAL_SCHOOL"],
  "publicity.confirm": ["MIDDLE_SCHOOL"],
  "publicity.coverage": ["PREFECTURE", "COUNTY"],
  "followUp.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "followUp.record": ["MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "riskFlag.clear": ["MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  // Graduation (issue 14 items 4–5): 完成义务教育, files sent back, certificates, 升学去向.
  "graduation.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "graduation.vocational": ["VOCATIONAL_SCHOOL"],
  "graduation.middle": ["MIDDLE_SCHOOL"],
  "graduation.void": ["VOCATIONAL_SCHOOL", "MIDDLE_SCHOOL"],
  // 经费保障 (issue 14 item 6, policy 七): the county pays and records; everyone sees its part.
  "aid.read": ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"],
  "aid.record": ["COUNTY"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Throws the Chinese "no permission" error unless the actor's role has the permission. */
export function assertCan(actor: Actor, permission: Permission) {
  if (!can(actor.role, permission)) throw forbidden();
}

export const ROLE_LABELS: Record<Role, string> = {
  PREFECTURE: "州教育体育局",
  COUNTY: "县市教育体育局",
  MIDDLE_SCHOOL: "初级中学",
  VOCATIONAL_SCHOOL: "职业学校",
};

/** What each permission lets a user do, in the words shown on the home page. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  "org.county.manage": "维护县市信息",
  "org.vocationalSchool.manage": "维护职业学校信息",
  "org.middleSchool.manage": "维护初中学校信息（新增、修改、停用）",
  "org.read": "查看组织机构",
  "user.manage": "管理账号（开设、修改、停用、重置密码）",
  "user.changeOwnPassword": "修改本人密码",
  "audit.read": "查看操作日志",
  "plan.read": "查看已下达的送读招生计划（附件2）",
  "plan.edit": "编制送读招生计划",
  "plan.issue": "下达和调整送读招生计划",
  "plan.export": "导出附件2",
  "allocation.edit": "将送读计划分解落实到初中学校",
  "calendar.read": "查看工作日历",
  "calendar.edit": "设置工作日历（五一假期、调休、各阶段时间）",
  "application.read": "查看报名申请",
  "application.edit": "录入、修改、撤回报名申请（附件3），上传签字扫描件",
  "application.review": "填写初中学校审核意见（同意/不同意）",
  "application.import": "按模板批量导入报名申请",
  "application.export": "导出一所初中学校的报名申请（附件3 汇总表）",
  "sendOff.execute": "在送读期内送读已审核同意的学生",
  "sendOff.read": "查看送读进度",
  "reception.edit": "登记学生报到情况",
  "class.manage": "编班、设置班主任、生成学号",
  "roster.submit": "在确认期提交在读学生名单（附件4）",
  "roster.answer": "答复县市对名单提出的异议",
  "roster.receive": "接收职业学校提交的名单",
  "roster.release": "将名单反馈给各县市",
  "roster.check": "核对本县市学生名单，确认或提出异议",
  "roster.read": "查看在读学生名单",
  "roster.export": "导出附件4",
  "document.read": "查看有权查看的上传文件（签字扫描件等）",
  "user.unlock": "解除因密码错误过多而锁定的账号",
  "filing.read": "查看报送材料（实施方案、教学方案、招生情况及工作总结、上报计划数）",
  "filing.submit": "报送本单位的实施方案、教学方案（附件5）、招生情况及工作总结、上报计划数",
  "filing.review": "审核报送材料（审核通过、备案或退回修改）",
  "filing.waive": "带理由豁免某县市送读前的实施方案审核",
  "student.read": "查看学生页面（送读、报到、编班、离校、注册全过程）",
  "student.leave": "登记学生离校、考试返校，更正错误记录",
  "student.proof": "上传离校学生的有效证明（回校就读证明、在读证明）",
  "student.confirmReturn": "确认回原初中就读的学生已回校",
  "registration.edit": "在秋季注册期为在读学生注册中职学籍或登记不继续就读",
  "annex6.submit": "秋季注册后报送注册中职学籍学生名单（附件6）",
  "annex6.receive": "接收职业学校报送的附件6",
  "annex6.read": "查看附件6 报送情况",
  "annex6.export": "导出附件6",
  "retention.read": "查看巩固率、考核结果和计入生源地县市的招生完成数",
  "retention.explain": "巩固率未达 95% 时填写原因说明",
  "retention.assess": "对职业学校进行巩固考核并签署考核结果",
  "publicity.read": "查看宣传期职业学校到初中学校的宣传走访记录",
  "publicity.record": "登记到初中学校的招生宣传走访（人员、内容、覆盖学生和家长人数、照片），作废登记错误的记录",
  "publicity.confirm": "确认职业学校到本校的宣传走访",
  "publicity.coverage": "查看哪些初中学校本年度还没有职业学校走访，以及各校走访、回访次数",
  "followUp.read": "查看学生的跟踪回访、家访记录（打开记录内容会记入操作日志）和流失风险标记",
  "followUp.record": "登记学生的跟踪回访、家访、电话联系，标记流失风险",
  "riskFlag.clear": "解除学生的流失风险标记（须写明原因）",
  "graduation.read": "查看毕业学生的档案移交、义务教育证书、职业技能等级证书和升学去向",
  "graduation.vocational": "登记完成义务教育、成绩和档案送回原初中、职业技能等级证书、升学去向",
  "graduation.middle": "登记接收学生成绩和档案、颁发义务教育证书",
  "graduation.void": "作废登记错误的证书或档案移交记录（须写原因）",
  "aid.read": "查看职教班学生资助、县市补助和县市汇总",
  "aid.record": "登记本县市学生的资助和补助、对职业学校的补助，作废错误记录（须写原因）",
};

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

/**
 * Narrows the actor to the role(s) a domain function serves. The permission table already keeps every
 * other role out; should one arrive anyway, it is refused as "no permission".
 */
export function actorAs<R extends Actor["role"]>(actor: Actor, ...roles: R[]): ActorOf<R> {
  if (!hasRole(actor, ...roles)) throw forbidden();
  return actor;
}
