import type { ReactNode } from "react";

/** A label, one control, and its hint or error (tied by id for screen readers). */
export function LabelledArea({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      {children}
      {error ? <p id={`${id}-error`} className="text-sm text-red-700" aria-live="polite">{error}</p>
        : hint ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
