import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** A labelled input whose error is tied to it (aria-describedby) and announced. */
export function Field({
  label, name, error, hint, children,
}: { label: string; name: string; error?: string; hint?: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={name} className="text-sm font-medium text-slate-700">{label}</label>
      {children}
      {hint && !error ? <p id={`${name}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
      {error ? <p id={`${name}-error`} className="text-sm text-red-700" aria-live="polite">{error}</p> : null}
    </div>
  );
}

const inputClass =
  "rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600 disabled:bg-slate-100";

export function TextInput({ name, error, ...rest }: InputHTMLAttributes<HTMLInputElement> & { name: string; error?: string }) {
  return (
    <input
      id={name}
      name={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
      className={inputClass}
      {...rest}
    />
  );
}

export function TextArea({ name, error, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; error?: string }) {
  return (
    <textarea
      id={name}
      name={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
      className={inputClass}
      {...rest}
    />
  );
}

export function Select({ name, error, children, ...rest }: SelectHTMLAttributes<HTMLSelectElement> & { name: string; error?: string }) {
  return (
    <select
      id={name}
      name={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
      className={inputClass}
      {...rest}
    >
      {children}
    </select>
  );
}

export function FormMessage({ state }: { state: { ok: boolean; message: string } | null }) {
  if (!state?.message) return <div aria-live="polite" />;
  return (
    <div
      aria-live="polite"
      className={`rounded border px-3 py-2 text-sm ${state.ok ? "border-green-300 bg-green-50 text-green-800" : "border-red-300 bg-red-50 text-red-800"}`}
    >
      {state.message}
    </div>
  );
}

export function Button({ children, variant = "primary", ...rest }: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" }) {
  const styles = {
    primary: "bg-blue-700 text-white hover:bg-blue-800",
    secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];
  return (
    <button className={`rounded px-4 py-2 text-sm font-medium disabled:opacity-50 ${styles}`} {...rest}>
      {children}
    </button>
  );
}
