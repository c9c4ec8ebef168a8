import { z } from "zod";

// Messages zod writes itself (a missing field, a wrong type) are in Chinese too.
z.config(z.locales.zhCN());

/** What every server action returns to `useActionState`. */
export type ActionState<R = unknown> = {
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
  data?: R;
  /** The AppError code of a refusal (tests and the authorization matrix read it; the UI shows `message`). */
  code?: string;
} | null;

/** First message per dotted field path. */
export function fieldErrorsFromZod(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
