"use client";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { allocationFieldKey, parseCount } from "@/lib/schemas/plan";
import { saveAllocationsAction } from "@/actions/plan/save-allocations";
import { scrollRegion } from "@/components/ui/scroll-region";

type School = { id: string; name: string; prefectureOwned: boolean; active: boolean; allocation: number; sentOff: number };

/** 落实到校: the county bureau splits S among its schools; allocated / unallocated are shown live. */
export function SplitForm({ year, countyName, cap, schools }: { year: number; countyName: string; cap: number; schools: School[] }) {
  const [values, setValues] = useState(schools.map((s) => String(s.allocation)));
  const [submitted, setSubmitted] = useState(false);
  const { state, onSubmit, pending } = useFormAction(saveAllocationsAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);

  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    values.forEach((v, i) => {
      const n = parseCount(v);
      const s = schools[i];
      if (n === null || !Number.isSafeInteger(n) || n < 0) out[allocationFieldKey(i)] = `${s.name}的分配名额必须是不小于0的整数`;
      else if (n < s.sentOff) out[allocationFieldKey(i)] = `${s.name}已送读 ${s.sentOff} 人，分配名额不能少于 ${s.sentOff} 人`;
    });
    return out;
  }, [values, schools]);
  const allocated = values.reduce((sum, v) => {
    const n = parseCount(v);
    return sum + (n !== null && Number.isSafeInteger(n) && n >= 0 ? n : 0);
  }, 0);
  const over = allocated > cap;
  const serverErrors = state && !state.ok ? state.fieldErrors : {};

  const submit = (e: FormEvent<HTMLFormElement>) => {
    setSubmitted(true);
    if (Object.keys(errors).length || over) {
      e.preventDefault();
      return;
    }
    onSubmit(e);
  };

  const payload = JSON.stringify({ year, allocations: schools.map((s, i) => ({ middleSchoolId: s.id, allocation: values[i] })) });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <input type="hidden" name="__json" value={payload} />
      <div className="grid gap-3 sm:grid-cols-3" aria-live="polite">
        <Stat label={`${countyName}送读计划`} value={cap} />
        <Stat label="已分配" value={allocated} tone={over ? "bad" : "normal"} testId="allocated" />
        <Stat label="未分配" value={cap - allocated} tone={over ? "bad" : "normal"} testId="unallocated" />
      </div>
      {over ? (
        <p className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          分配合计 {allocated} 人，超过送读计划 {cap} 人，请减少 {allocated - cap} 人。
        </p>
      ) : null}
      <div {...scrollRegion("各初中学校分配名额", "overflow-x-auto rounded-lg border border-slate-200 bg-white")}>
        <table className="min-w-full text-sm">
          <caption className="sr-only">各初中学校分配名额</caption>
          <thead className="bg-slate-100 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">初中学校</th>
              <th scope="col" className="px-3 py-2 font-medium">分配名额（人）</th>
              <th scope="col" className="px-3 py-2 font-medium">已送读</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {schools.map((s, i) => {
              const key = allocationFieldKey(i);
              const err = (submitted || values[i] !== String(s.allocation) ? errors[key] : undefined) ?? serverErrors[key];
              return (
                <tr key={s.id}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    {s.name}
                    {s.prefectureOwned ? <span className="ml-2 rounded bg-blue-100 px-1.5 py-0.5 text-xs text-blue-800">州属高完中</span> : null}
                    {!s.active ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">已停用</span> : null}
                  </th>
                  <td className="px-3 py-2">
                    <label htmlFor={key} className="sr-only">{s.name}分配名额</label>
                    <input
                      id={key}
                      inputMode="numeric"
                      autoComplete="off"
                      value={values[i]}
                      onChange={(e) => setValues((vs) => vs.map((v, j) => (j === i ? e.target.value : v)))}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={err ? `${key}-error` : undefined}
                      className="w-28 rounded border border-slate-300 px-2 py-1 text-right tabular-nums aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50"
                    />
                    {err ? <p id={`${key}-error`} className="mt-1 text-xs text-red-700" aria-live="polite">{err}</p> : null}
                  </td>
                  <td className="px-3 py-2 tabular-nums">{s.sentOff}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : "保存分配"}</Button></div>
    </form>
  );
}

function Stat({ label, value, tone = "normal", testId }: { label: string; value: number; tone?: "normal" | "bad"; testId?: string }) {
  return (
    <div className={`rounded-lg border px-4 py-3 ${tone === "bad" ? "border-red-300 bg-red-50 text-red-900" : "border-slate-200 bg-white"}`}>
      <div className="text-sm text-slate-600">{label}</div>
      <div className="text-2xl font-semibold tabular-nums" data-testid={testId}>{value} 人</div>
    </div>
  );
}
