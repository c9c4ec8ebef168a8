"use client";
import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, Field, FormMessage, Select, TextInput, TextArea } from "@/components/ui/form";
import { setPhaseOverrideAction } from "@/actions/calendar/set-phase-override";
import type { CalendarPhase, CalendarWindow } from "@/lib/calendar";

/** Override one phase (or 报名录入期) with a reason. Choosing a phase fills in its current window. */
export function OverrideForm({ year, version, windows }: { year: number; version: number; windows: (CalendarPhase | CalendarWindow)[] }) {
  const { state, onSubmit, pending } = useFormAction(setPhaseOverrideAction);
  const [range, setRange] = useState({ start: "", end: "" });
  const e = state?.fieldErrors ?? {};
  const onPhase = (key: string) => {
    const w = windows.find((x) => x.key === key);
    if (w) setRange({ start: w.start, end: w.end });
  };
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" noValidate aria-label="调整阶段时间">
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={version} />
      <Field label="要调整的阶段" name="phase" error={e.phase}>
        <Select name="phase" defaultValue="" error={e.phase} onChange={(ev) => onPhase(ev.target.value)}>
          <option value="">请选择</option>
          {windows.map((w) => <option key={w.key} value={w.key}>{w.label}</option>)}
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="调整后的开始日期" name="start" error={e.start}>
          <TextInput name="start" type="date" value={range.start} onChange={(ev) => setRange({ ...range, start: ev.target.value })} min={`${year}-01-01`} max={`${year}-12-31`} error={e.start} />
        </Field>
        <Field label="调整后的结束日期" name="end" error={e.end}>
          <TextInput name="end" type="date" value={range.end} onChange={(ev) => setRange({ ...range, end: ev.target.value })} min={`${year}-01-01`} max={`${year}-12-31`} error={e.end} />
        </Field>
      </div>
      <Field label="调整原因" name="reason" error={e.reason} hint="必填，所有单位都能看到，例如“受疫情影响，送读推迟一天”。">
        <TextArea name="reason" rows={2} maxLength={200} error={e.reason} aria-describedby={e.reason ? "reason-error" : "reason-hint"} />
      </Field>
      <p className="text-xs text-slate-500">
        调整送读期、稳定期或确认期后，其后各阶段按原规则顺延（已单独调整的阶段除外）。每次调整都会保留记录，可随时恢复按规则计算的时间。
      </p>
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : "保存调整"}</Button></div>
    </form>
  );
}
