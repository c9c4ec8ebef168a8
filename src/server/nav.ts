import "server-only";
import type { Actor } from "./auth/actor";
import { can, type Permission } from "./auth/permissions";

type NavItem = { href: string; label: string; permission?: Permission };

/** The nav item that carries the to-do count badge (src/server/inbox/). */
export const INBOX_HREF = "/inbox";

// In the order of the programme year, then the administration pages, then the user's own account.
const ITEMS: NavItem[] = [
  { href: "/", label: "首页" },
  { href: "/inbox", label: "待办事项" },
  { href: "/calendar", label: "工作日历", permission: "calendar.read" },
  { href: "/plan", label: "招生计划", permission: "plan.read" },
  { href: "/filings", label: "报送材料", permission: "filing.read" },
  { href: "/applications", label: "报名申请", permission: "application.read" },
  { href: "/send-off", label: "送读", permission: "sendOff.read" },
  { href: "/reception", label: "接收与编班", permission: "reception.edit" },
  { href: "/roster", label: "在读名单", permission: "roster.read" },
  { href: "/students", label: "学生与离校", permission: "student.read" },
  { href: "/fieldwork", label: "走访与回访", permission: "publicity.read" },
  { href: "/registration", label: "秋季注册（附件6）", permission: "annex6.read" },
  { href: "/retention", label: "巩固考核", permission: "retention.read" },
  { href: "/graduation", label: "毕业与证书", permission: "graduation.read" },
  { href: "/aid", label: "资助与补助", permission: "aid.read" },
  { href: "/orgs", label: "组织机构", permission: "org.read" },
  { href: "/users", label: "账号管理", permission: "user.manage" },
  { href: "/audit", label: "操作日志", permission: "audit.read" },
  { href: "/account", label: "修改密码" },
];

/** Navigation shown to this actor (a convenience: every page and action checks again). */
export function navFor(actor: Actor) {
  return ITEMS.filter((i) => !i.permission || can(actor.role, i.permission));
}
