"use client";
import { useActionState, useRef } from "react";
import type { ActionState } from "@/lib/form";
import { Button, FormMessage } from "./form";

/** A button that asks for confirmation in a modal dialog before running a server action. */
export function ConfirmAction({
  action, hidden, label, title, body, confirmLabel, variant = "danger",
}: {
  action: (prev: ActionState, fd: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  variant?: "danger" | "primary" | "secondary";
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <div className="flex flex-col gap-2">
      <div><Button type="button" variant={variant} onClick={() => dialog.current?.showModal()}>{label}</Button></div>
      <FormMessage state={state} />
      <dialog ref={dialog} aria-labelledby="confirm-title" className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40">
        <h2 id="confirm-title" className="text-lg font-semibold">{title}</h2>
        <p className="mt-2 max-w-md text-slate-700">{body}</p>
        <form action={formAction} onSubmit={() => dialog.current?.close()} className="mt-6 flex justify-end gap-2">
          {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>取消</Button>
          <Button type="submit" variant={variant} disabled={pending}>{confirmLabel}</Button>
        </form>
      </dialog>
    </div>
  );
}
