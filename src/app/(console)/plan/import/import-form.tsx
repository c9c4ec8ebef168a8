"use client";
import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import { Button, FormMessage } from "@/components/ui/form";
import { previewAnnex2ImportAction } from "@/actions/plan/preview-annex2-import";
import { acceptAnnex2ImportAction } from "@/actions/plan/accept-annex2-import";
import type { ImportPreview } from "@/server/plan/import";
import { scrollRegion } from "@/components/ui/scroll-region";

const th = "border border-slate-300 bg-slate-100 px-2 py-1.5 text-left font-medium";
const td = "border border-slate-300 px-2 py-1.5 align-top";

/**
 * Upload → preview (every problem with sheet, row, column, value and rule; nothing stored) →
 * accept (the same file is sent again and kept as a draft version).
 */
export function ImportForm({ defaultYear }: { defaultYear: number }) {
  const [preview, previewAction, previewing] = useActionState(previewAnnex2ImportAction, null);
  const [accepted, acceptAction, accepting] = useActionState(acceptAnnex2ImportAction, null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileVersion, setFileVersion] = useState(0);
  const [previewedVersion, setPreviewedVersion] = useState(-1);
  const [year, setYear] = useState("");
  const [reason, setReason] = useState("");
  const [fileName, setFileName] = useState("");

  const data = preview?.ok && previewedVersion === fileVersion ? (preview.data as ImportPreview) : null;

  const onPreview = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    setPreviewedVersion(fileVersion);
    setYear("");
    startTransition(() => previewAction(fd));
  };

  const chosenYear = year || String(data?.fileYear ?? defaultYear);
  const nextVersion = data?.target && String(data.target.year) === chosenYear ? data.target.nextVersion : null;
  const needsReason = nextVersion !== null && nextVersion > 1;

  const onAccept = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    const fd = new FormData();
    if (file) fd.set("file", file);
    fd.set("year", chosenYear);
    if (reason.trim()) fd.set("amendReason", reason);
    startTransition(() => acceptAction(fd));
  };

  const problems = data?.problems ?? [];

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onPreview} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor="file" className="text-sm font-medium text-slate-700">附件2文件（.xlsx）</label>
          {/* The browser's own file button may speak English: a Chinese button stands in for it. */}
          <input
            ref={fileRef}
            id="file"
            name="file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFileVersion((v) => v + 1);
              setFileName(e.currentTarget.files?.[0]?.name ?? "");
            }}
            className="peer sr-only"
            aria-describedby="file-hint"
          />
          <div className="flex items-center gap-3 rounded peer-focus-visible:ring-2 peer-focus-visible:ring-blue-600">
            <span aria-hidden="true" onClick={() => fileRef.current?.click()}
              className="cursor-pointer rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">选择文件…</span>
            <span className="text-sm text-slate-700">{fileName || "尚未选择文件"}</span>
          </div>
          <p id="file-hint" className="text-xs text-slate-500">
            按附件2的格式：标题行、表头、各县市一行（如“2073（102※）”）、合计行、备注。WPS 表格请“另存为” .xlsx。读取时不会保存任何内容。
          </p>
        </div>
        <div><Button type="submit" disabled={previewing}>{previewing ? "正在读取…" : "读取并检查"}</Button></div>
        {previewedVersion === fileVersion ? <FormMessage state={preview} /> : null}
      </form>

      {data ? (
        <>
          <section aria-labelledby="problems-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="problems-heading" className="mb-2 text-lg font-semibold">
              {problems.length === 0 ? "检查结果：没有发现问题" : `检查结果：发现 ${problems.length} 处问题`}
            </h2>
            <p className="mb-3 text-sm text-slate-600">
              文件：{data.fileName}{data.fileYear ? ` · 标题年度：${data.fileYear}年` : " · 标题中没有找到年度，请在下方选择"}
            </p>
            {problems.length ? (
              <div {...scrollRegion("文件中的问题", "overflow-x-auto")}>
                <table className="min-w-full border-collapse text-sm">
                  <caption className="sr-only">文件中的问题</caption>
                  <thead><tr>{["工作表", "行", "列", "单元格内容", "问题"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
                  <tbody>
                    {problems.map((p, i) => (
                      <tr key={i}>
                        <td className={td}>{p.sheet}</td>
                        <td className={`${td} tabular-nums`}>{p.row}</td>
                        <td className={td}>{p.column}</td>
                        <td className={`${td} whitespace-pre-wrap font-mono`}>{p.value || "（空）"}</td>
                        <td className={`${td} text-red-800`}>{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>

          <section aria-labelledby="figures-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="figures-heading" className="mb-2 text-lg font-semibold">读取到的数字</h2>
            <div className="grid gap-4 lg:grid-cols-2">
              <table className="border-collapse text-sm">
                <caption className="pb-1 text-left font-medium">县市（{data.counties.length} 个）</caption>
                <thead><tr>{["县市", "初中毕业生", "送读计划", "其中※"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
                <tbody>
                  {data.counties.map((c) => (
                    <tr key={c.countyId}><th scope="row" className={`${td} text-left font-normal`}>{c.countyName}</th><td className={td}>{c.cohortBase}</td><td className={td}>{c.sendOffCap}</td><td className={td}>{c.shanghaiTask}</td></tr>
                  ))}
                  <tr className="font-semibold"><th scope="row" className={`${td} text-left`}>合计（按各行计算）</th><td className={td}>{data.totals.counties.cohortBase}</td><td className={td}>{data.totals.counties.sendOffCap}</td><td className={td}>{data.totals.counties.shanghaiTask}</td></tr>
                </tbody>
              </table>
              <table className="border-collapse text-sm">
                <caption className="pb-1 text-left font-medium">职业学校（{data.vocationalSchools.length} 所）</caption>
                <thead><tr>{["职业学校", "招生计划", "其中※"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
                <tbody>
                  {data.vocationalSchools.map((s) => (
                    <tr key={s.vocationalSchoolId}><th scope="row" className={`${td} text-left font-normal`}>{s.schoolName}</th><td className={td}>{s.enrolCap}</td><td className={td}>{s.shanghaiTask}</td></tr>
                  ))}
                  <tr className="font-semibold"><th scope="row" className={`${td} text-left`}>合计（按各行计算）</th><td className={td}>{data.totals.vocationalSchools.enrolCap}</td><td className={td}>{data.totals.vocationalSchools.shanghaiTask}</td></tr>
                </tbody>
              </table>
            </div>
          </section>

          <form onSubmit={onAccept} className="flex flex-col gap-3 rounded-lg border border-blue-200 bg-blue-50 p-4" noValidate>
            <h2 className="text-lg font-semibold">接受此文件</h2>
            <p className="text-sm text-slate-700">
              {problems.length === 0
                ? "将保存为草稿，可以再修改，确认后下达。"
                : `文件有 ${problems.length} 处问题，只能保存为“导入草稿”：问题会列在草稿上，不能下达。保存后可点“修正为新草稿”逐项修正。`}
            </p>
            <div className="flex flex-wrap gap-4">
              <div className="flex flex-col gap-1">
                <label htmlFor="year" className="text-sm font-medium text-slate-700">计划年度</label>
                <input id="year" inputMode="numeric" value={chosenYear} onChange={(e) => setYear(e.target.value)} className="w-28 rounded border border-slate-300 bg-white px-3 py-2" />
              </div>
              {needsReason ? (
                <div className="flex min-w-80 flex-1 flex-col gap-1">
                  <label htmlFor="importReason" className="text-sm font-medium text-slate-700">调整原因（{chosenYear}年已有计划，将保存为第 {nextVersion} 版）</label>
                  <input id="importReason" value={reason} onChange={(e) => setReason(e.target.value)} className="rounded border border-slate-300 bg-white px-3 py-2" />
                  {accepted && !accepted.ok && accepted.fieldErrors.amendReason ? <p className="text-sm text-red-700">{accepted.fieldErrors.amendReason}</p> : null}
                </div>
              ) : null}
            </div>
            {data.target?.openDraft && String(data.target.year) === chosenYear ? (
              <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {chosenYear}年计划第 {data.target.openDraft} 版草稿还没有下达：请先下达或作废该草稿，再导入。
              </p>
            ) : null}
            <div><Button type="submit" disabled={accepting}>{accepting ? "正在保存…" : problems.length ? `保存为导入草稿（有 ${problems.length} 处问题，不能下达）` : "接受并保存为草稿"}</Button></div>
            <FormMessage state={accepted} />
          </form>
        </>
      ) : null}
    </div>
  );
}
