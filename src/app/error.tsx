"use client";

import { DB_UNAVAILABLE_DIGEST, DB_UNAVAILABLE_TEXT } from "@/lib/db-outage";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (error.digest === DB_UNAVAILABLE_DIGEST) {
    return (
      <main className="mx-auto max-w-xl p-10 text-center">
        <h1 className="text-2xl font-semibold">{DB_UNAVAILABLE_TEXT}</h1>
        <p className="mt-4 text-slate-600">您的数据没有丢失。请稍等片刻后点击“重试”；如长时间无法使用，请联系系统管理员。</p>
        <button type="button" onClick={reset} className="mt-6 rounded bg-blue-700 px-4 py-2 text-white">重试</button>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-xl p-10 text-center">
      <h1 className="text-2xl font-semibold">页面出错了</h1>
      <p className="mt-4 text-slate-600">
        系统暂时无法显示此页面。请点击“重试”；如仍失败，请把错误编号
        {error.digest ? <strong className="mx-1 font-mono">{error.digest}</strong> : null}
        告知系统管理员。
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded bg-blue-700 px-4 py-2 text-white">重试</button>
    </main>
  );
}
