"use client";
import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { revokePhaseOverrideAction } from "@/actions/calendar/revoke-phase-override";
import { type OverrideKey } from "@/lib/calendar-settings";
import { formatChineseRange, type DateRange } from "@/lib/china-date";

export type LiveOverride = DateRange & { key: OverrideKey; label: string; reason: string; restoreTo: DateRange | null };

/**
 * The live overrides, each with a form to go back to the computed window (with a reason, kept in
 * the change log). One action state for the whole list, so the result stays on screen after the
 * restored phase has left the list.
 */
export function LiveOverrides({ year, version, live }: { year: number; version: number; live: LiveOverride[] }) {
  const { state, onSubmit, pending } = useFormAction(revokePhaseOverrideAction);
  const [target, setTarget] = useState<OverrideKey | null>(null);
  return (
    <div className="flex flex-col gap-3">
      {live.length ? (
        <ul className="flex flex-col gap-4" aria-label="生效中的调整">
          {live.map((w) => {
            const id = `revoke-${w.key}-reason`;
            const error = target === w.key ? state?.fieldErrors?.reason : undefined;
            return (
              <li key={w.key} className="rounded border border-amber-300 bg-amber-50 p-3">
                <p className="mb-2 text-sm">
                  <strong>{w.label}</strong> 已调整为 {formatChineseRange(w)}，原因：{w.reason}。
                  {w.restoreTo ? `恢复后为 ${formatChineseRange(w.restoreTo)}。` : "恢复后会与其他已调整的阶段冲突，请先修改那个阶段。"}
                </p>
                <form onSubmit={(e) => { setTarget(w.key); onSubmit(e); }} className="flex flex-wrap items-end gap-2" noValidate aria-label={`恢复${w.label}的计算时间`}>
                  <input type="hidden" name="year" value={year} />
                  <input type="hidden" name="version" value={version} />
                  <input type="hidden" name="phase" value={w.key} />
                  <div className="flex flex-col gap-1">
                    <label htmlFor={id} className="text-sm font-medium text-slate-700">恢复{w.label}的原因</label>
                    <input id={id} name="reason" maxLength={200} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
                      className="w-80 rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600" />
                  </div>
                  <Button type="submit" variant="secondary" disabled={pending}>{pending && target === w.key ? "正在恢复…" : `恢复${w.label}的计算时间`}</Button>
                  {error ? <p id={`${id}-error`} className="w-full text-sm text-red-700" aria-live="polite">{error}</p> : null}
                </form>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">目前各阶段均按规则计算，没有调整。</p>
      )}
      <FormMessage state={state} />
    </div>
  );
}
