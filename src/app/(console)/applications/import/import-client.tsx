"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/form";
import { scrollRegion } from "@/components/ui/scroll-region";

type Problem = { row: number; column: string; header: string; value: string; message: string };
type Result =
  | { ok: true; rows: number; created: number; batchId: string; warnings?: Problem[] }
  | { ok: false; rows: number; problems: Problem[]; message: string };
type Progress = { stage: "upload" | "read" | "check" | "save"; done: number; total: number };

const MAX_SHOWN = 300;

const STAGE_LABELS: Record<Progress["stage"], string> = {
  upload: "正在上传文件",
  read: "正在读取表格",
  check: "正在逐行检查",
  save: "正在保存",
};

/** Upload with a progress bar: XHR upload progress, then the server's NDJSON progress lines. */
export function ImportClient() {
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState("");

  const percent = (() => {
    if (!progress) return 0;
    const frac = progress.total > 0 ? progress.done / progress.total : 0;
    switch (progress.stage) {
      case "upload": return Math.round(frac * 30);
      case "read": return 35;
      case "check": return 40 + Math.round(frac * 40);
      case "save": return 85 + Math.round(frac * 15);
    }
  })();

  const start = () => {
    const file = inputRef.current?.files?.[0];
    setResult(null);
    setError("");
    if (!file) {
      setError("请先选择填好的导入模板（.xlsx 文件）。");
      return;
    }
    if (!/\.xlsx$/i.test(file.name)) {
      setError(`“${file.name}”不是 .xlsx 文件。请使用下载的导入模板（WPS 或 Excel 保存为 .xlsx）。`);
      return;
    }
    if (file.size > 10 * 1024 * 1024) {
      setError("文件超过 10 MB，请分成几个文件分批导入。");
      return;
    }
    const fd = new FormData();
    fd.set("file", file);
    const xhr = new XMLHttpRequest();
    let seen = 0;
    let buffer = "";
    const handleLines = () => {
      buffer += xhr.responseText.slice(seen);
      seen = xhr.responseText.length;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.trim()) continue;
        const msg = JSON.parse(line) as { type: string } & Record<string, unknown>;
        if (msg.type === "progress") setProgress(msg as unknown as Progress);
        else if (msg.type === "result") setResult(msg as unknown as Result);
        else if (msg.type === "error") setError(String(msg.message));
      }
    };
    setBusy(true);
    setProgress({ stage: "upload", done: 0, total: file.size });
    xhr.upload.onprogress = (e) => setProgress({ stage: "upload", done: e.loaded, total: e.total || file.size });
    xhr.onprogress = handleLines;
    xhr.onload = () => {
      if (xhr.status === 200) handleLines();
      else setError(xhr.responseText || `导入失败（${xhr.status}），请稍后重试。`);
      setBusy(false);
      setProgress(null);
    };
    xhr.onerror = () => {
      setError("网络中断，文件没有导入。请检查网络后重新上传。");
      setBusy(false);
      setProgress(null);
    };
    xhr.open("POST", "/api/applications/import");
    xhr.send(fd);
  };

  return (
    <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="上传导入文件">
      <div className="flex flex-col gap-1">
        <label htmlFor="import-file" className="text-sm font-medium text-slate-700">填好的导入文件（.xlsx）</label>
        <input
          id="import-file" ref={inputRef} type="file" disabled={busy}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
        />
      </div>
      <div><Button type="button" onClick={start} disabled={busy}>{busy ? "正在导入…" : "开始导入"}</Button></div>

      {busy && progress ? (
        <div className="flex flex-col gap-1" aria-live="polite">
          <progress className="h-3 w-full max-w-xl" max={100} value={percent} aria-label="导入进度">{percent}%</progress>
          <span className="text-sm text-slate-700">
            {STAGE_LABELS[progress.stage]}
            {progress.stage === "check" && progress.total > 0 ? `（第 ${progress.done} / ${progress.total} 行）` : ""}
            {" "}{percent}%
          </span>
        </div>
      ) : null}

      <div aria-live="polite">
        {error ? <p className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
        {result?.ok ? (
          <p className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">
            导入成功：共 {result.created} 份报名申请已保存为草稿。<Link className="underline" href="/applications?status=DRAFT">查看草稿</Link>
          </p>
        ) : null}
        {result?.ok && result.warnings && result.warnings.length > 0 ? (
          <div className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p>以下 {result.warnings.length} 处已导入，但请核对：</p>
            <ul className="list-disc pl-5">
              {result.warnings.map((w) => (
                <li key={`${w.row}-${w.column}`}>第 {w.row} 行 {w.column} 列（{w.header}）：{w.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {result && !result.ok ? (
          <div className="flex flex-col gap-2">
            <p className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{result.message}</p>
            <div {...scrollRegion("导入问题", "overflow-x-auto rounded-lg border border-slate-200")}>
              <table className="min-w-full text-sm">
                <caption className="sr-only">导入问题</caption>
                <thead className="bg-slate-100 text-left">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">行</th>
                    <th scope="col" className="px-3 py-2 font-medium">列</th>
                    <th scope="col" className="px-3 py-2 font-medium">栏目</th>
                    <th scope="col" className="px-3 py-2 font-medium">填写内容</th>
                    <th scope="col" className="px-3 py-2 font-medium">问题和改法</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {result.problems.slice(0, MAX_SHOWN).map((p, i) => (
                    <tr key={i}>
                      <td className="px-3 py-2">{p.row > 0 ? `第 ${p.row} 行` : "整个文件"}</td>
                      <td className="px-3 py-2 font-mono">{p.column}</td>
                      <td className="px-3 py-2">{p.header}</td>
                      <td className="px-3 py-2 font-mono">{p.value}</td>
                      <td className="px-3 py-2">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {result.problems.length > MAX_SHOWN ? (
              <p className="text-sm text-slate-600">问题较多，仅显示前 {MAX_SHOWN} 处。请先改正这些问题后重新导入，系统会再次检查。</p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
