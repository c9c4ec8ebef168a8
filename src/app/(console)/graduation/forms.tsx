"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormAction, useResetOnSuccess } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import type { ActionState } from "@/lib/form";
import { scrollRegion } from "@/components/ui/scroll-region";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const input = "rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600";

export type FieldSpec = { name: string; label: string; type?: "text" | "date" | "select"; options?: [string, string][]; defaultValue?: string; max?: string; hint?: string };

/**
 * A small labelled form for one graduation record (files sent / received, a certificate, the path).
 * Field errors show under their field; a refused submission keeps what was typed; success refreshes the page.
 */
export function RecordForm({ action, label, submit, hidden, fields, variant = "secondary", keepValues = false }: {
  action: Action; label: string; submit: string; hidden: Record<string, string>; fields: FieldSpec[]; variant?: "primary" | "secondary";
  /** keep what was typed after a success (a setting such as the path); by default the form is cleared for the next record */
  keepValues?: boolean;
}) {
  const { state, onSubmit, pending } = useFormAction(action);
  const form = useResetOnSuccess(state, { keepValues });
  const e = state?.fieldErrors ?? {};
  const prefix = `${label}-${Object.values(hidden).join("-")}`.replace(/\s/g, "");
  return (
    <form ref={form} onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-2" noValidate aria-label={label}>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <div className="flex flex-wrap items-start gap-3">
        {fields.map((f) => {
          const id = `${prefix}-${f.name}`;
          return (
            <div key={f.name} className="flex flex-col gap-1">
              <label htmlFor={id} className="text-sm font-medium text-slate-700">{f.label}</label>
              {f.type === "select" ? (
                <select id={id} name={f.name} defaultValue={f.defaultValue ?? ""} className={input} aria-invalid={e[f.name] ? true : undefined}>
                  <option value="">请选择</option>
                  {f.options?.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                </select>
              ) : (
                <input id={id} name={f.name} type={f.type ?? "text"} max={f.max} defaultValue={f.defaultValue} className={input} aria-invalid={e[f.name] ? true : undefined} />
              )}
              {e[f.name] ? <p className="text-sm text-red-700" aria-live="polite">{e[f.name]}</p> : f.hint ? <p className="text-xs text-slate-500">{f.hint}</p> : null}
            </div>
          );
        })}
      </div>
      <FormMessage state={state} />
      <div><Button type="submit" variant={variant} disabled={pending}>{pending ? "正在保存…" : submit}</Button></div>
    </form>
  );
}

type Candidate = { id: string; studentName: string; className: string; studentNo: string; countyName: string; middleSchoolName: string };

/** 登记完成义务教育: the school selects students still 在读 and gives the date. */
export function CompleteForm({ action, rows, today }: { action: Action; rows: Candidate[]; today: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const router = useRouter();
  useEffect(() => { if (state?.ok) router.refresh(); }, [state, router]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="登记完成义务教育" noValidate>
      {[...selected].map((id) => <input key={id} type="hidden" name="enrolmentIds" value={id} />)}
      <div {...scrollRegion("在读学生", "overflow-x-auto rounded-lg border border-slate-200 bg-white")}>
        <table className="min-w-full text-sm">
          <caption className="sr-only">在读学生</caption>
          <thead className="bg-slate-100 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2"><input type="checkbox" aria-label="全选" checked={all} onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))} /></th>
              {["姓名", "班级", "学号", "县市", "原初中"].map((h) => <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>)}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="px-3 py-2"><input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={`选择${r.studentName}`} /></td>
                <td className="px-3 py-2"><a className="text-blue-700 underline" href={`/students/${r.id}`}>{r.studentName}</a></td>
                <td className="px-3 py-2">{r.className}</td><td className="px-3 py-2 font-mono">{r.studentNo}</td>
                <td className="px-3 py-2">{r.countyName}</td><td className="px-3 py-2">{r.middleSchoolName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">完成义务教育的日期
          <input name="completedOn" type="date" max={today} defaultValue={today} className={input} aria-invalid={state?.fieldErrors?.completedOn ? true : undefined} />
        </label>
        <Button type="submit" disabled={pending}>登记完成义务教育（{selected.size} 人）</Button>
      </div>
      {state?.fieldErrors?.enrolmentIds ? <p className="text-sm text-red-700">{state.fieldErrors.enrolmentIds}</p> : null}
      <FormMessage state={state} />
    </form>
  );
}
