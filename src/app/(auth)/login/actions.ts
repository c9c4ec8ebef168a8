"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import type { ActionState } from "@/lib/form";

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const username = String(formData.get("username") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const fieldErrors: Record<string, string> = {};
  if (!username) fieldErrors.username = "请输入用户名";
  if (!password) fieldErrors.password = "请输入密码";
  if (Object.keys(fieldErrors).length) return { ok: false, message: "请填写用户名和密码。", fieldErrors };
  try {
    await signIn("credentials", { username, password, redirectTo: "/" });
    return { ok: true, message: "", fieldErrors: {} };
  } catch (err) {
    if (err instanceof AuthError) {
      // The same words for a wrong password, an unknown user and a locked account (no enumeration).
      return { ok: false, message: "用户名或密码错误。连续输错 5 次后需等待 15 分钟，或请管理员解除锁定。", fieldErrors: {} };
    }
    throw err; // the success redirect
  }
}
