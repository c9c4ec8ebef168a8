import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireActor, type Actor } from "@/server/auth/actor";
import type { Permission } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { authorize } from "@/server/auth/gate";
import { fieldErrorsFromZod } from "@/lib/form";
import type { ActionState } from "@/lib/form";

/** Turns FormData into a plain object; a field named `__json` carries a whole JSON payload. */
function formToObject(input: FormData | Record<string, unknown>): unknown {
  if (!(input instanceof FormData)) return input;
  const json = input.get("__json");
  if (typeof json === "string") return JSON.parse(json);
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else out[key] = value;
  }
  return out;
}

export function toActionError(err: unknown): ActionState {
  unstable_rethrow(err);
  if (err instanceof AppError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors, code: err.code };
  const requestId = randomUUID().slice(0, 8);
  console.error(`[action error ${requestId}]`, err);
  return {
    ok: false,
    message: `系统出错（编号 ${requestId}），您填写的内容没有保存。请稍后重试；如仍失败，请把编号告知系统管理员。`,
    fieldErrors: {},
  };
}

/**
 * The one action wrapper: parse (zod) → actor → permission → domain function → revalidate.
 * The domain function writes its audit row in its own transaction.
 */
export function defineAction<S extends z.ZodType, R = unknown>(opts: {
  permission: Permission;
  schema: S;
  run: (actor: Actor, input: z.output<S>) => Promise<{ message: string; data?: R }>;
  revalidate?: string[];
}) {
  const action = async (_prev: ActionState, formData: FormData | Record<string, unknown>): Promise<ActionState<R>> => {
    try {
      const actor = await requireActor();
      authorize(actor, opts.permission);
      const parsed = opts.schema.safeParse(formToObject(formData));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsFromZod(parsed.error);
        return { ok: false, message: "填写内容有误，请按提示修改后再提交。", fieldErrors, code: "VALIDATION" };
      }
      const result = await opts.run(actor, parsed.data);
      for (const p of opts.revalidate ?? []) revalidatePath(p);
      return { ok: true, message: result.message, fieldErrors: {}, data: result.data };
    } catch (err) {
      return toActionError(err) as ActionState<R>;
    }
  };
  // The authorization matrix test reads which permission guards each action.
  return Object.assign(action, { permission: opts.permission });
}
