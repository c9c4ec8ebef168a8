import { redirect } from "next/navigation";
import { getActor } from "@/server/auth/actor";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await getActor()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">职教班管理平台</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">义务教育职教班送读招生管理 · 请使用本单位账号登录</p>
        <LoginForm />
      </div>
    </main>
  );
}
