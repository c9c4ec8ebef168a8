"use client";
import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { saveFilingAction } from "@/actions/filings/save-filing";
import {
  FILING_LABELS, FILING_MAX_UPLOAD_BYTES, FILING_UPLOAD_ACCEPT, FILING_UPLOAD_LABEL, type FilingKind,
} from "@/lib/schemas/filings";
import { TeachingPlanFields, type TeachingPlanDraft } from "./teaching-plan-fields";
import { LabelledArea } from "./labelled-area";

export type FilingDraft = Record<string, unknown>;

const area = "w-full rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600";

/**
 * The filer's form for one kind: the content as a JSON payload, an optional attachment, and two
 * buttons (保存草稿 / 提交). A refused submission keeps everything typed.
 */
export function FilingForm({ kind, year, initial, fileName, figureLabel }: {
  kind: FilingKind; year: number; initial: FilingDraft; fileName: string | null; figureLabel?: string;
}) {
  const { state, onSubmit, pending } = useFormAction(saveFilingAction);
  const [content, setContent] = useState<FilingDraft>(initial);
  const [fileError, setFileError] = useState("");
  const e = state?.fieldErrors ?? {};
  const submitted = state?.ok && (state.data as { status?: string } | undefined)?.status === "SUBMITTED";
  const set = (k: string) => (v: unknown) => setContent((c) => ({ ...c, [k]: v }));
  const text = (k: string, label: string, rows: number, hint?: string) => (
    <LabelledArea id={`f-${k}`} label={label} hint={hint} error={e[k]}>
      <textarea id={`f-${k}`} rows={rows} className={area} value={String(content[k] ?? "")} onChange={(ev) => set(k)(ev.target.value)}
        aria-invalid={e[k] ? true : undefined} aria-describedby={e[k] ? `f-${k}-error` : hint ? `f-${k}-hint` : undefined} />
    </LabelledArea>
  );
  const fileErr = fileError || e.file;
  return (
    <form noValidate aria-label={`${year}年${FILING_LABELS[kind]}`} className="flex flex-col gap-4"
      onSubmit={(ev) => {
        const submitter = (ev.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        if (fileError || (submitter?.value === "submit" && !window.confirm(`确认提交${year}年${FILING_LABELS[kind]}？提交后等待审核，审核前不能修改。`))) {
          ev.preventDefault();
          return;
        }
        onSubmit(ev);
      }}>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="payload" value={JSON.stringify(content)} />
      {kind === "IMPLEMENTATION_PLAN" ? text("summary", "方案要点（可只上传方案文件）", 8, "概述组织领导、宣传报名、送读、稳定和巩固的安排；完整方案可作为附件上传。") : null}
      {kind === "ANNUAL_REPORT" ? text("summary", "工作总结（可只上传总结文件）", 10, "招生数据由系统生成，提交时固定；这里填写工作总结。") : null}
      {kind === "PLANNED_FIGURES" ? (
        <>
          <LabelledArea id="f-figure" label={figureLabel ?? "上报的计划数"} error={e.figure} hint="人数，供州教育体育局编制送读招生计划时参考。">
            <input id="f-figure" type="number" min={0} inputMode="numeric" className={`${area} w-40`} value={String(content.figure ?? "")}
              onChange={(ev) => set("figure")(ev.target.value)} aria-invalid={e.figure ? true : undefined} aria-describedby={e.figure ? "f-figure-error" : "f-figure-hint"} />
          </LabelledArea>
          {text("note", "说明（可不填）", 3, "例如办学条件变化、新增专业等。")}
        </>
      ) : null}
      {kind === "TEACHING_PLAN" ? (
        <TeachingPlanFields value={content as TeachingPlanDraft} onChange={(v) => setContent(v as FilingDraft)} errors={e} />
      ) : null}
      {kind !== "PLANNED_FIGURES" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="f-file" className="text-sm font-medium text-slate-700">
            {fileName ? `附件（已上传：${fileName}；重新选择则替换）` : kind === "TEACHING_PLAN" ? "附件（可不上传）" : "方案或总结文件（可不上传）"}
          </label>
          <input id="f-file" name="file" type="file" accept={FILING_UPLOAD_ACCEPT}
            aria-invalid={fileErr ? true : undefined} aria-describedby={fileErr ? "f-file-error" : "f-file-hint"}
            onChange={(ev) => {
              const f = ev.currentTarget.files?.[0];
              setFileError(f && f.size > FILING_MAX_UPLOAD_BYTES ? `文件有 ${(f.size / 1024 / 1024).toFixed(1)} MB，超过 20 MB，请压缩后再上传` : "");
            }}
            className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5" />
          {fileErr ? <p id="f-file-error" className="text-sm text-red-700" aria-live="polite">{fileErr}</p>
            : <p id="f-file-hint" className="text-xs text-slate-500">{FILING_UPLOAD_LABEL}，不超过 20 MB。系统按文件内容判断类型。</p>}
        </div>
      ) : null}
      <FormMessage state={state} />
      {submitted ? (
        // Submitted: no more editing here; a fresh load shows the version as the reviewer sees it.
        <div><a className="text-blue-800 underline" href={`?year=${year}`}>查看已提交的内容和审核进度</a></div>
      ) : (
        <div className="flex gap-2">
          <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>{pending ? "正在保存…" : "保存草稿"}</Button>
          <Button type="submit" name="intent" value="submit" disabled={pending}>{pending ? "正在提交…" : "提交"}</Button>
        </div>
      )}
    </form>
  );
}
