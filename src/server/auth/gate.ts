import "server-only";
import { AppError } from "@/server/errors";
import type { Actor } from "./load-actor";
import type { Permission } from "./permissions";

/**
 * The must-change-password gate, shared by server actions and route handlers: an account whose
 * password was set by an administrator may only change it until it has done so.
 */
export function assertMayAct(actor: Actor, permission: Permission) {
  if (actor.mustChangePassword && permission !== "user.changeOwnPassword") {
    throw new AppError("FORBIDDEN", "您的密码由管理员设置，请先在“修改密码”中设置新密码，再办理其他事项。");
  }
}
