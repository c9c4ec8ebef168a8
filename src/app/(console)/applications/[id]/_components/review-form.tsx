"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, Field, FormMessage, TextInput } from "@/components/ui/form";
import type { ActionState } from "@/lib/form";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/** 初中学校审核意见: 同意 / 不同意 with the seal date. */
export function ReviewForm({ action, id, today }: { action: Action; id: string; today: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="id" value={id} />
      <fieldset aria-describedby={errors.decision ? "decision-error" : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-700">审核意见（必须明确是同意还是不同意）</legend>
        <div className="flex gap-6">
          <label className="flex items-center gap-2"><input type="radio" name="decision" value="APPROVE" className="h-4 w-4" />同意</label>
          <label className="flex items-center gap-2"><input type="radio" name="decision" value="REJECT" className="h-4 w-4" />不同意</label>
        </div>
        {errors.decision ? <p id="decision-error" className="text-sm text-red-700" aria-live="polite">{errors.decision}</p> : null}
      </fieldset>
      <div className="grid max-w-xl gap-3 sm:grid-cols-2">
        <Field label="盖章日期" name="reviewDate" error={errors.reviewDate}>
          <TextInput name="reviewDate" type="date" defaultValue={today} max={today} error={errors.reviewDate} />
        </Field>
        <Field label="审核说明（可不填）" name="comment" error={errors.comment}>
          <TextInput name="comment" error={errors.comment} />
        </Field>
      </div>
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : "登记审核意见"}</Button></div>
    </form>
  );
}
