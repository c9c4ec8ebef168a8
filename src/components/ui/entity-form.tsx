"use client";
import { useEffect, useRef } from "react";
import { useFormAction } from "./use-form-action";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/form";
import { Button, Field, FormMessage, Select, TextInput } from "./form";

export type FieldSpec = {
  name: string;
  label: string;
  type?: "text" | "password" | "select" | "checkbox" | "tel";
  options?: { value: string; label: string }[];
  defaultValue?: string | boolean;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
};

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/** A generic labelled form bound to a server action through useActionState. */
export function EntityForm({
  action, fields, hidden = {}, submitLabel, redirectTo, resetOnSuccess = false,
}: {
  action: Action;
  fields: FieldSpec[];
  hidden?: Record<string, string>;
  submitLabel: string;
  redirectTo?: string;
  resetOnSuccess?: boolean;
}) {
  const { state, onSubmit, pending } = useFormAction(action);
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) {
      if (redirectTo) router.push(redirectTo);
      else if (resetOnSuccess) formRef.current?.reset();
    }
  }, [state, redirectTo, resetOnSuccess, router]);
  const errors = state?.fieldErrors ?? {};
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" noValidate>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {fields.map((f) =>
        f.type === "checkbox" ? (
          <div key={f.name} className="flex items-center gap-2">
            <input id={f.name} name={f.name} type="checkbox" defaultChecked={f.defaultValue === true} className="h-4 w-4" />
            <label htmlFor={f.name} className="text-sm">{f.label}</label>
            {errors[f.name] ? <p id={`${f.name}-error`} className="text-sm text-red-700">{errors[f.name]}</p> : null}
          </div>
        ) : (
          <Field key={f.name} label={f.label} name={f.name} error={errors[f.name]} hint={f.hint}>
            {f.type === "select" ? (
              <Select name={f.name} defaultValue={String(f.defaultValue ?? "")} error={errors[f.name]} required={f.required}>
                <option value="">请选择</option>
                {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </Select>
            ) : (
              <TextInput
                name={f.name}
                type={f.type ?? "text"}
                defaultValue={typeof f.defaultValue === "string" ? f.defaultValue : undefined}
                autoComplete={f.autoComplete}
                required={f.required}
                error={errors[f.name]}
              />
            )}
          </Field>
        ),
      )}
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : submitLabel}</Button></div>
    </form>
  );
}
