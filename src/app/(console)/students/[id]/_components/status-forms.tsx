"use client";
import { TakePhoto } from "@/components/ui/take-photo";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import type { ActionState } from "@/lib/form";
import { LEAVE_TYPES, LEAVE_TYPE_LABELS, proofName, takesProof, type LeaveType } from "@/lib/student-status";
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, UPLOAD_KINDS_LABEL } from "@/lib/schemas/application-workflow";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const input = "rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600 disabled:bg-slate-100";

/** Refreshes the page after a successful submission (the timeline is server-rendered). */
export function useRefreshOnSuccess(state: ActionState) {
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
}

function Labelled({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      {children}
      {error ? <p id={`${id}-error`} className="text-sm text-red-700" aria-live="polite">{error}</p> : hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

function FileInput({ id, label, error, disabled, onError }: { id: string; label: string; error?: string; disabled?: boolean; onError: (m: string) => void }) {
  return (
    <Labelled id={id} label={label} error={error} hint={`${UPLOAD_KINDS_LABEL}，不超过 10 MB。系统按文件内容判断类型。`}>
      <input
        id={id} name="file" type="file" accept={UPLOAD_ACCEPT} disabled={disabled}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          onError(f && f.size > MAX_UPLOAD_BYTES ? `文件有 ${(f.size / 1024 / 1024).toFixed(1)} MB，超过 10 MB，请调低扫描分辨率或用手机拍照后再上传` : "");
        }}
        className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
      />
      <TakePhoto target={id} disabled={disabled} />
    </Labelled>
  );
}

/** 登记离校: type, date, the other school / the reason, and (for the first two types) the proof now or later. */
export function LeaveForm({ action, enrolmentId, today }: { action: Action; enrolmentId: string; today: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  useRefreshOnSuccess(state);
  const [type, setType] = useState<LeaveType | "">("");
  const [fileError, setFileError] = useState("");
  const e = state?.fieldErrors ?? {};
  const proof = type !== "" && takesProof(type);
  return (
    <form onSubmit={(ev) => (fileError ? ev.preventDefault() : onSubmit(ev))} className="flex max-w-xl flex-col gap-3" noValidate aria-label="登记离校">
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <Labelled id="leave-type" label="离校类型" error={e.type}>
        <select id="leave-type" name="type" value={type} onChange={(ev) => setType(ev.currentTarget.value as LeaveType)} className={input} aria-invalid={e.type ? true : undefined}>
          <option value="">请选择</option>
          {LEAVE_TYPES.map((t) => <option key={t} value={t}>{LEAVE_TYPE_LABELS[t]}</option>)}
        </select>
      </Labelled>
      <Labelled id="leave-date" label="离校日期" error={e.occurredOn}>
        <input id="leave-date" name="occurredOn" type="date" max={today} defaultValue={today} className={input} aria-invalid={e.occurredOn ? true : undefined} />
      </Labelled>
      {type === "LEFT_OTHER_HIGH_SCHOOL" ? (
        <Labelled id="leave-school" label="转入的高中阶段学校" error={e.otherSchoolName}>
          <input id="leave-school" name="otherSchoolName" className={input} aria-invalid={e.otherSchoolName ? true : undefined} />
        </Labelled>
      ) : null}
      <Labelled id="leave-comment" label={type === "LEFT_OTHER" ? "原因（必填）" : "情况说明（可不填）"} error={e.comment}>
        <input id="leave-comment" name="comment" className={input} aria-invalid={e.comment ? true : undefined} />
      </Labelled>
      {proof ? (
        <FileInput id="leave-file" label={`有效证明：${proofName(type)}（可以以后再上传）`} error={fileError || e.file} onError={setFileError} />
      ) : type !== "" ? (
        <p className="text-sm text-amber-900">“{LEAVE_TYPE_LABELS[type]}”没有有效证明，该生计入职业学校巩固考核的流失人数。</p>
      ) : null}
      <FormMessage state={state} />
      <div><Button type="submit" variant="danger" disabled={pending}>{pending ? "正在保存…" : "登记离校"}</Button></div>
    </form>
  );
}

/** Upload (or replace) the 有效证明 of a leave. */
export function ProofForm({ action, eventId, label }: { action: Action; eventId: string; label: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  useRefreshOnSuccess(state);
  const [fileError, setFileError] = useState("");
  return (
    <form onSubmit={(ev) => (fileError ? ev.preventDefault() : onSubmit(ev))} className="flex max-w-xl flex-col gap-2" noValidate aria-label="上传有效证明">
      <input type="hidden" name="eventId" value={eventId} />
      <FileInput id={`proof-${eventId}`} label={label} error={fileError || state?.fieldErrors?.file} onError={setFileError} />
      <FormMessage state={state} />
      <div><Button type="submit" variant="secondary" disabled={pending}>{pending ? "正在上传…" : "上传证明"}</Button></div>
    </form>
  );
}

/** 更正: voids a record with a reason, after a confirmation dialog. */
export function CorrectForm({ action, eventId, what }: { action: Action; eventId: string; what: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  useRefreshOnSuccess(state);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (state?.ok) dialog.current?.close();
  }, [state]);
  const id = `correct-${eventId}`;
  return (
    <div className="flex flex-col gap-1">
      <div><button type="button" className="text-sm text-red-700 underline" onClick={() => dialog.current?.showModal()}>更正这条记录</button></div>
      {state?.ok ? <FormMessage state={state} /> : null}
      <dialog ref={dialog} aria-labelledby={`${id}-title`} className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40">
        <form onSubmit={onSubmit} className="flex w-96 max-w-full flex-col gap-3" noValidate>
          <h2 id={`${id}-title`} className="text-lg font-semibold">更正“{what}”？</h2>
          <p className="text-sm text-slate-700">原记录不会删除，将标为“已作废”，与更正记录一起保留在时间线和操作日志中。</p>
          <input type="hidden" name="eventId" value={eventId} />
          <Labelled id={`${id}-reason`} label="更正原因" error={state?.fieldErrors?.reason}>
            <textarea id={`${id}-reason`} name="reason" rows={3} className={input} aria-invalid={state?.fieldErrors?.reason ? true : undefined} />
          </Labelled>
          {state && !state.ok ? <FormMessage state={state} /> : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>取消</Button>
            <Button type="submit" variant="danger" disabled={pending}>确认更正</Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

/** 返回原初中参加全省初中学业水平考试 (the student stays enrolled). */
export function ExamReturnForm({ action, enrolmentId, today }: { action: Action; enrolmentId: string; today: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  useRefreshOnSuccess(state);
  const e = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="flex max-w-xl flex-col gap-3" noValidate aria-label="登记考试返校">
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Labelled id="exam-from" label="离开职业学校的日期" error={e.occurredOn}>
          <input id="exam-from" name="occurredOn" type="date" defaultValue={today} className={input} aria-invalid={e.occurredOn ? true : undefined} />
        </Labelled>
        <Labelled id="exam-until" label="考试结束日期" error={e.examUntil}>
          <input id="exam-until" name="examUntil" type="date" className={input} aria-invalid={e.examUntil ? true : undefined} />
        </Labelled>
      </div>
      <Labelled id="exam-comment" label="说明（可不填）" error={e.comment}>
        <input id="exam-comment" name="comment" className={input} />
      </Labelled>
      <FormMessage state={state} />
      <div><Button type="submit" variant="secondary" disabled={pending}>{pending ? "正在保存…" : "登记考试返校"}</Button></div>
    </form>
  );
}

/** The student is back at the vocational school after the exam. */
export function ExamBackForm({ action, eventId, today }: { action: Action; eventId: string; today: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  useRefreshOnSuccess(state);
  const id = `back-${eventId}`;
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" noValidate aria-label="登记考试后返回">
      <input type="hidden" name="eventId" value={eventId} />
      <Labelled id={id} label="返回职业学校的日期" error={state?.fieldErrors?.examBackOn}>
        <input id={id} name="examBackOn" type="date" defaultValue={today} className={input} />
      </Labelled>
      <Button type="submit" variant="secondary" disabled={pending}>登记已返回</Button>
      <div className="w-full"><FormMessage state={state} /></div>
    </form>
  );
}
