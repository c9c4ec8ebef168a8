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
      const code = (err as AuthError & { code?: string }).code;
      if (code === "locked") {
        return { ok: false, message: "登录失败次数过多，账号已临时锁定 15 分钟。请稍后再试，或联系管理员重置密码。", fieldErrors: {} };
      }
      return { ok: false, message: "用户名或密码错误", fieldErrors: {} };
    }
    throw err; // the success redirect
  }
}
