"use client";
import type { ReactNode } from "react";
import type { ActionState } from "@/lib/form";
import { useFormAction } from "./use-form-action";
import { Button, FormMessage } from "./form";

/** A one-button form for a server action (hidden inputs + optional extra fields), with its message. */
export function InlineAction({ action, hidden, label, variant = "primary", children }: {
  action: (prev: ActionState, fd: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  label: string;
  variant?: "primary" | "secondary" | "danger";
  children?: ReactNode;
}) {
  const { state, onSubmit, pending } = useFormAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-1">
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <div className="flex flex-wrap items-end gap-2">
        {children}
        <Button type="submit" variant={variant} disabled={pending}>{pending ? "处理中…" : label}</Button>
      </div>
      {state?.fieldErrors && Object.values(state.fieldErrors)[0] ? <p className="text-sm text-red-700">{Object.values(state.fieldErrors)[0]}</p> : null}
      <FormMessage state={state} />
    </form>
  );
}
