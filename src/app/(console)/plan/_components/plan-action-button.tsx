"use client";
import { useActionState, useId, useRef } from "react";
import type { ActionState } from "@/lib/form";
import { Button, FormMessage } from "@/components/ui/form";

/**
 * A plan step (下达, 作废) behind a confirmation dialog. On success the action redirects to the
 * year's page; a refusal (e.g. an amendment below what counties have split) is shown here.
 */
export function PlanActionButton({
  action, versionId, label, title, body, confirmLabel, variant = "primary",
}: {
  action: (prev: ActionState, fd: FormData) => Promise<ActionState>;
  versionId: string;
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <div className="flex max-w-2xl flex-col gap-2">
      <div><Button type="button" variant={variant} onClick={() => dialog.current?.showModal()} disabled={pending}>{pending ? "正在办理…" : label}</Button></div>
      <FormMessage state={state} />
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40">
        <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
        <p className="mt-2 max-w-md whitespace-pre-line text-slate-700">{body}</p>
        <form action={formAction} onSubmit={() => dialog.current?.close()} className="mt-6 flex justify-end gap-2">
          <input type="hidden" name="versionId" value={versionId} />
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>取消</Button>
          <Button type="submit" variant={variant}>{confirmLabel}</Button>
        </form>
      </dialog>
    </div>
  );
}
