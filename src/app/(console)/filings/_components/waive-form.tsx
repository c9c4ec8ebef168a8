"use client";
import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { waiveSendOffGateAction } from "@/actions/filings/waive-send-off-gate";

/** 豁免: lets a county (or 州属 school) send off without an approved 实施方案, with a reason; asks first. */
export function WaiveForm({ year, filerKey, name }: { year: number; filerKey: string; name: string }) {
  const { state, onSubmit, pending } = useFormAction(waiveSendOffGateAction);
  const [open, setOpen] = useState(false);
  if (!open) {
    return <Button type="button" variant="secondary" onClick={() => setOpen(true)} aria-label={`豁免${name}的实施方案审核`}>豁免…</Button>;
  }
  const id = `waive-${filerKey}`;
  return (
    <form onSubmit={(e) => { if (window.confirm(`确认豁免${name}${year}年送读前的实施方案审核？豁免将记入操作日志。`)) onSubmit(e); else e.preventDefault(); }}
      className="flex flex-col gap-1" aria-label={`豁免${name}`}>
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="filerKey" value={filerKey} />
      <label htmlFor={id} className="text-sm">豁免原因</label>
      <input id={id} name="reason" className="w-64 rounded border border-slate-300 px-2 py-1.5 text-sm" placeholder="例如：方案已纸质报送，系统补录中"
        aria-invalid={state?.fieldErrors?.reason ? true : undefined} />
      {state?.fieldErrors?.reason ? <p className="text-sm text-red-700">{state.fieldErrors.reason}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{pending ? "处理中…" : "确认豁免"}</Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>取消</Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
