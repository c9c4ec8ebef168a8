"use client";
import { TakePhoto } from "@/components/ui/take-photo";
import type { ActionState } from "@/lib/form";
import { UPLOAD_ACCEPT, UPLOAD_KINDS_LABEL } from "@/lib/schemas/application-workflow";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, Field, FormMessage } from "@/components/ui/form";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const area = "rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600";

/** 考核签署: result, comment, the county's method, the reason for a correction; a required confirmation box. */
export function SignForm({ action, schoolId, year, county, nextVersion }: { action: Action; schoolId: string; year: number; county: boolean; nextVersion: number }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const err = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="签署考核结果">
      <input type="hidden" name="vocationalSchoolId" value={schoolId} />
      <input type="hidden" name="year" value={year} />
      <fieldset className="flex gap-4" aria-describedby={err.result ? "result-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">考核结果</legend>
        <label className="flex items-center gap-1"><input type="radio" name="result" value="PASS" />达标</label>
        <label className="flex items-center gap-1"><input type="radio" name="result" value="FAIL" />未达标</label>
        {err.result ? <p id="result-error" className="text-sm text-red-700">{err.result}</p> : null}
      </fieldset>
      {county ? (
        <Field label="本县市的考核办法" name="method" error={err.method} hint="县市职中的考核办法由县市教育体育局自定，请写明办法和标准。">
          <textarea id="method" name="method" rows={3} className={area} aria-invalid={err.method ? true : undefined} />
        </Field>
      ) : null}
      <Field label="考核意见" name="comment" error={err.comment}>
        <textarea id="comment" name="comment" rows={3} className={area} aria-invalid={err.comment ? true : undefined} />
      </Field>
      {nextVersion > 1 ? (
        <Field label="更正原因（签署新版本）" name="reason" error={err.reason}>
          <textarea id="reason" name="reason" rows={2} className={area} aria-invalid={err.reason ? true : undefined} />
        </Field>
      ) : null}
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" required name="confirm" />我已核对以上巩固率和计入数，签署后第 {nextVersion} 版不能修改</label>
      <div><Button type="submit" disabled={pending}>{pending ? "处理中…" : `签署第 ${nextVersion} 版考核结果`}</Button></div>
      <FormMessage state={state} />
    </form>
  );
}

export function ExplanationForm({ action, year }: { action: Action; year: number }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const err = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="填写原因说明">
      <input type="hidden" name="year" value={year} />
      <Field label="未达 95% 的原因" name="text" error={err.text}>
        <textarea id="text" name="text" rows={4} className={area} aria-invalid={err.text ? true : undefined} />
      </Field>
      <Field label="附件（可不传）" name="file" error={err.file} hint={`${UPLOAD_KINDS_LABEL}，不超过 10 MB，例如补办的证明材料或盖章的情况说明。`}>
        <input id="file" name="file" type="file" accept={UPLOAD_ACCEPT} className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5" />
        <TakePhoto target="file" />
      </Field>
      <div><Button type="submit" disabled={pending}>{pending ? "处理中…" : "提交原因说明"}</Button></div>
      <FormMessage state={state} />
    </form>
  );
}
