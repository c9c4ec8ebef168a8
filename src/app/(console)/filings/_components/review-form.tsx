"use client";
import Link from "next/link";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { reviewFilingAction } from "@/actions/filings/review-filing";

/** The reviewer's decision on a submitted version: approve (备案) or return with a comment. */
export function ReviewForm({ id, approveLabel }: { id: string; approveLabel: string }) {
  const { state, onSubmit, pending } = useFormAction(reviewFilingAction);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-2">
        <FormMessage state={state} />
        <div><Link className="text-blue-800 underline" href="/filings">返回报送材料</Link></div>
      </div>
    );
  }
  const err = state?.fieldErrors?.comment;
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-2" aria-label="审核">
      <input type="hidden" name="id" value={id} />
      <label htmlFor="review-comment" className="text-sm font-medium text-slate-700">审核意见（退回修改时必填）</label>
      <textarea id="review-comment" name="comment" rows={3} className="rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
        aria-invalid={err ? true : undefined} aria-describedby={err ? "review-comment-error" : undefined} />
      {err ? <p id="review-comment-error" className="text-sm text-red-700">{err}</p> : null}
      <FormMessage state={state} />
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="APPROVE" disabled={pending}>{approveLabel}</Button>
        <Button type="submit" name="decision" value="RETURN" variant="danger" disabled={pending}>退回修改</Button>
      </div>
    </form>
  );
}
