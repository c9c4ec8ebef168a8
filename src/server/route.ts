import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getActor, type Actor } from "@/server/auth/actor";
import type { Permission } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { fieldErrorsFromZod } from "@/lib/form";
import { authorize } from "@/server/auth/gate";
import { DB_UNAVAILABLE_MESSAGE, isDbUnavailable, noteDbUnavailable } from "@/server/db-health";

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, VALIDATION: 400, CONFLICT: 409,
  CAP_EXCEEDED: 409, OUT_OF_WINDOW: 409, INVALID_STATE: 409, TOO_LARGE: 413, UNSUPPORTED_MEDIA: 415,
};

function internal(err: unknown) {
  const requestId = randomUUID().slice(0, 8);
  console.error(`[route error ${requestId}]`, err);
  return `系统出错（编号 ${requestId}），请稍后重试；如仍失败，请把编号告知系统管理员。`;
}

/** An outage is not the user's fault and not a bug: 503 with the Chinese text, and retry in a few seconds. */
function unavailable(err: unknown) {
  if (!isDbUnavailable(err)) return false;
  noteDbUnavailable();
  console.error("[database unavailable]", err instanceof Error ? err.message.split("\n").pop() : err);
  return true;
}
const RETRY = { "Retry-After": "5", "Cache-Control": "no-store" };

export function errorResponse(err: unknown): Response {
  if (unavailable(err)) return Response.json({ ok: false, code: "DB_UNAVAILABLE", message: DB_UNAVAILABLE_MESSAGE }, { status: 503, headers: RETRY });
  if (err instanceof AppError) {
    return Response.json({ ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors }, { status: STATUS[err.code] ?? 400 });
  }
  return Response.json({ ok: false, code: "INTERNAL", message: internal(err) }, { status: 500 });
}

/** The same refusal as plain text, for links a user opens in the browser (downloads). */
export function errorText(err: unknown): Response {
  if (unavailable(err)) return new Response(DB_UNAVAILABLE_MESSAGE, { status: 503, headers: { ...RETRY, "Content-Type": "text/plain; charset=utf-8" } });
  const [status, body] = err instanceof AppError ? [STATUS[err.code] ?? 400, err.message] : [500, internal(err)];
  return new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * The actor of a route request, with every check a server action applies (signed in, permission
 * from the one table, the must-change-password gate). Every route handler goes through this
 * (directly, or via `route`/`jsonRoute`); tests/server/route-gate.db.test.ts enumerates the files.
 */
export async function routeActor(permission: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "登录已失效或账号已停用，请重新登录。");
  authorize(actor, permission);
  return actor;
}

/** A state-changing request must come from one of our own pages (the session cookie alone is not enough). */
export function assertSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host) {
    if (!origin && req.headers.get("sec-fetch-site") === "same-origin") return;
    throw new AppError("FORBIDDEN", "请从本系统的页面提交（请求缺少来源信息）。");
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("FORBIDDEN", "请从本系统的页面提交。");
  }
  if (originHost !== host) throw new AppError("FORBIDDEN", "请从本系统的页面提交（不接受其他网站发来的请求）。");
}

type Handler<C> = (actor: Actor, req: Request, ctx: C) => Promise<Response>;

/**
 * The one route wrapper: actor → permission → gate (→ same origin for anything but GET) → handler;
 * refusals as Chinese JSON (or plain text for downloads opened in the browser).
 */
export function route<C = unknown>(permission: Permission, handler: Handler<C>, opts: { errors?: "json" | "text" } = {}) {
  const handle = async (req: Request, ctx: C): Promise<Response> => {
    try {
      const actor = await routeActor(permission);
      if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req);
      return await handler(actor, req, ctx);
    } catch (err) {
      return opts.errors === "text" ? errorText(err) : errorResponse(err);
    }
  };
  // The authorization matrix test reads which permission guards each route.
  return Object.assign(handle, { permission });
}

/** JSON POST route: actor → permission → origin + content type → parse (zod) → domain function. */
export function jsonRoute<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  run: (actor: Actor, input: z.output<S>) => Promise<R>,
) {
  return route(permission, async (actor, req) => {
    const type = req.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) throw new AppError("UNSUPPORTED_MEDIA", "请求内容类型必须是 application/json。");
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      throw new AppError("VALIDATION", "请求内容不是有效的 JSON。");
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new AppError("VALIDATION", "填写内容有误，请按提示修改后再提交。", fieldErrorsFromZod(parsed.error));
    return Response.json({ ok: true, data: await run(actor, parsed.data) });
  });
}

/**
 * The request body as FormData, refused (413, Chinese, naming the limit) once it passes `maxBytes`:
 * counted while streaming, so neither a false Content-Length nor a chunked body gets past it.
 */
export async function boundedFormData(req: Request, maxBytes: number): Promise<FormData> {
  const limitMb = Math.round(maxBytes / 1024 / 1024);
  const tooLarge = () => new AppError("TOO_LARGE", `上传的文件超过 ${limitMb} MB 的上限，请分成几个文件分批上传。`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) throw new AppError("VALIDATION", "没有收到文件，请重新选择文件后再上传。");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("VALIDATION", "没有收到文件，请重新选择文件后再上传。");
  }
}
