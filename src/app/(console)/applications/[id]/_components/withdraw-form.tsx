"use client";
import { startTransition, useActionState, useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { Button, FormMessage } from "@/components/ui/form";
import type { ActionState } from "@/lib/form";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/** 自愿撤回, with its reason, confirmed in a dialog. */
export function WithdrawForm({ action, id, studentName }: { action: Action; id: string; studentName: string }) {
  const [state, dispatch, pending] = useActionState(action, null);
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const reason = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const error = state?.fieldErrors?.reason;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex max-w-xl flex-col gap-1">
        <label htmlFor="withdraw-reason" className="text-sm font-medium text-slate-700">撤回原因</label>
        <textarea
          id="withdraw-reason" ref={reason} rows={2} defaultValue="学生及监护人自愿撤回"
          aria-invalid={error ? true : undefined} aria-describedby={error ? "withdraw-reason-error" : undefined}
          className="rounded border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600"
        />
        {error ? <p id="withdraw-reason-error" className="text-sm text-red-700" aria-live="polite">{error}</p> : null}
      </div>
      <div><Button type="button" variant="danger" onClick={() => dialog.current?.showModal()}>撤回报名申请</Button></div>
      <FormMessage state={state} />
      <dialog ref={dialog} aria-labelledby="withdraw-title" className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40">
        <h2 id="withdraw-title" className="text-lg font-semibold">确认撤回{studentName}的报名申请？</h2>
        <p className="mt-2 max-w-md text-slate-700">撤回后该申请不能再审核或送读；申请内容和办理记录都会保留。如学生以后又愿意报名，需要重新录入申请。</p>
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>取消</Button>
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            onClick={() => {
              dialog.current?.close();
              const fd = new FormData();
              fd.set("id", id);
              fd.set("reason", reason.current?.value ?? "");
              startTransition(() => dispatch(fd));
            }}
          >
            确认撤回
          </Button>
        </div>
      </dialog>
    </div>
  );
}
