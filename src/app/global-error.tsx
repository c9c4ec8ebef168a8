"use client";

export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "sans-serif", padding: 40, textAlign: "center" }}>
        <h1>系统出错了</h1>
        <p>请点击“重试”；如仍失败，请联系系统管理员。</p>
        <button type="button" onClick={reset}>重试</button>
      </body>
    </html>
  );
}
