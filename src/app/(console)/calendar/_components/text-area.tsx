import type { TextareaHTMLAttributes } from "react";

/** A textarea with the same look and error wiring as TextInput (for lists of dates, reasons). */
export function TextArea({ name, error, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; error?: string }) {
  return (
    <textarea
      id={name}
      name={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : `${name}-hint`}
      className="rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600"
      {...rest}
    />
  );
}
