import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getActor, type Actor } from "@/server/auth/actor";
import { can, type Permission } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { fieldErrorsFromZod } from "@/lib/form";

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, VALIDATION: 400, CONFLICT: 409,
  CAP_EXCEEDED: 409, OUT_OF_WINDOW: 409, INVALID_STATE: 409,
};

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return Response.json({ ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors }, { status: STATUS[err.code] ?? 400 });
  }
  const requestId = randomUUID().slice(0, 8);
  console.error(`[route error ${requestId}]`, err);
  return Response.json({ ok: false, code: "INTERNAL", message: `系统出错（编号 ${requestId}），请稍后重试；如仍失败，请把编号告知系统管理员。` }, { status: 500 });
}

/** The actor of a route request, checked against the same permission table as actions. */
export async function routeActor(permission: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "登录已失效或账号已停用，请重新登录。");
  if (!can(actor.role, permission)) throw new AppError("FORBIDDEN", "您的账号没有执行此操作的权限。");
  if (actor.mustChangePassword) throw new AppError("FORBIDDEN", "您的密码由管理员设置，请先登录系统修改密码，再办理其他事项。");
  return actor;
}

/** JSON POST route: parse (zod) → actor → permission → domain function; errors as Chinese JSON. */
export function jsonRoute<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  run: (actor: Actor, input: z.output<S>) => Promise<R>,
) {
  return async (req: Request): Promise<Response> => {
    try {
      const actor = await routeActor(permission);
      let body: unknown;
      try {
        body = await req.json();
      } catch {
        throw new AppError("VALIDATION", "请求内容不是有效的 JSON。");
      }
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new AppError("VALIDATION", "填写内容有误，请按提示修改后再提交。", fieldErrorsFromZod(parsed.error));
      return Response.json({ ok: true, data: await run(actor, parsed.data) });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
