import "server-only";
import { AppError, forbidden } from "@/server/errors";
import type { Actor } from "./load-actor";
import { can, type Permission } from "./permissions";

const MUST_CHANGE_PASSWORD = "您的密码由管理员设置，请先在“修改密码”中设置新密码，再办理其他事项。";

/**
 * The one rule behind actions, routes and pages: may this signed-in actor do `permission` now?
 * An account whose password was set by an administrator may only change it until it has done so
 * (the console layout and the password page pass `passwordChangePage`); then the permission table decides.
 * Without a permission only being signed in is needed.
 */
export function refusalOf(
  actor: Actor,
  permission?: Permission,
  opts: { passwordChangePage?: boolean } = {},
): "mustChangePassword" | "forbidden" | null {
  if (actor.mustChangePassword && permission !== "user.changeOwnPassword" && !opts.passwordChangePage) return "mustChangePassword";
  if (permission && !can(actor.role, permission)) return "forbidden";
  return null;
}

/** For actions and route handlers: a refusal is a FORBIDDEN error that says why. */
export function authorize(actor: Actor, permission: Permission): void {
  const refusal = refusalOf(actor, permission);
  if (refusal === "mustChangePassword") throw new AppError("FORBIDDEN", MUST_CHANGE_PASSWORD);
  if (refusal === "forbidden") throw forbidden();
}
