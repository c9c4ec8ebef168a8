"use client";

import { DB_UNAVAILABLE_DIGEST, DB_UNAVAILABLE_TEXT } from "@/lib/db-outage";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const outage = error.digest === DB_UNAVAILABLE_DIGEST;
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "sans-serif", padding: 40, textAlign: "center" }}>
        <h1>{outage ? DB_UNAVAILABLE_TEXT : "系统出错了"}</h1>
        <p>{outage ? "您的数据没有丢失。请稍等片刻后点击“重试”。" : "请点击“重试”；如仍失败，请联系系统管理员。"}</p>
        <button type="button" onClick={reset}>重试</button>
      </body>
    </html>
  );
}
