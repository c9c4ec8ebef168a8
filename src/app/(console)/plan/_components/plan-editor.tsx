"use client";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import {
  SEND_OFF_RATIO_PERCENT, maxSendOffCap, planTotals, thirtyPercentText, validateCountyQuota, validateVocationalQuota,
  type CountyQuotaField, type VocationalQuotaField,
} from "@/lib/plan-rules";
import { countyFieldKey, parseCount, schoolFieldKey } from "@/lib/schemas/plan";
import { savePlanDraftAction } from "@/actions/plan/save-plan-draft";

export type EditorCounty = { countyId: string; countyName: string; cohortBase: string; sendOffCap: string; shanghaiTask: string };
export type EditorSchool = { vocationalSchoolId: string; schoolName: string; enrolCap: string; shanghaiTask: string };

type Props = {
  year: number;
  cohortBaseYear: number;
  /** editing this open draft in place; absent: saving creates a new version */
  versionId?: string;
  /** the version number the saved draft will have / has */
  version: number;
  /** version ≥ 2 needs a reason */
  needsReason: boolean;
  initialReason?: string;
  counties: EditorCounty[];
  schools: EditorSchool[];
};

const value = (text: string) => parseCount(text) ?? Number.NaN;

/**
 * The plan editor. Every rule of `@/lib/plan-rules` runs as the user types (the server runs the same
 * rules again when saving); totals are computed, never typed.
 */
export function PlanEditor(props: Props) {
  const { year, cohortBaseYear, versionId, version, needsReason } = props;
  const [counties, setCounties] = useState(props.counties);
  const [schools, setSchools] = useState(props.schools);
  const [reason, setReason] = useState(props.initialReason ?? "");
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // On success the action redirects to the saved draft; a refusal keeps everything typed.
  const { state, onSubmit, pending } = useFormAction(savePlanDraftAction);
  const formRef = useRef<HTMLFormElement>(null);

  // Live rules: one message per cell.
  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    counties.forEach((c, i) => {
      for (const issue of validateCountyQuota({ countyName: c.countyName, cohortBase: value(c.cohortBase), sendOffCap: value(c.sendOffCap), shanghaiTask: value(c.shanghaiTask) })) {
        out[countyFieldKey(i, issue.field)] ??= issue.message;
      }
    });
    schools.forEach((s, i) => {
      for (const issue of validateVocationalQuota({ schoolName: s.schoolName, enrolCap: value(s.enrolCap), shanghaiTask: value(s.shanghaiTask) })) {
        out[schoolFieldKey(i, issue.field)] ??= issue.message;
      }
    });
    if (needsReason && reason.trim().length < 4) out.amendReason = "请写明调整原因（至少 4 个字）";
    return out;
  }, [counties, schools, reason, needsReason]);

  const totals = useMemo(() => planTotals(
    counties.map((c) => ({ countyName: c.countyName, cohortBase: okNumber(c.cohortBase), sendOffCap: okNumber(c.sendOffCap), shanghaiTask: okNumber(c.shanghaiTask) })),
    schools.map((s) => ({ schoolName: s.schoolName, enrolCap: okNumber(s.enrolCap), shanghaiTask: okNumber(s.shanghaiTask) })),
  ), [counties, schools]);

  const serverErrors = state && !state.ok ? state.fieldErrors : {};
  /** Client message when the cell was touched (or after a submit); else the server's for an untouched cell. */
  const errorFor = (key: string, text: string) => {
    if (errors[key] && (submitted || touched.has(key) || text.trim() !== "")) return errors[key];
    if (!touched.has(key) && serverErrors[key]) return serverErrors[key];
    return undefined;
  };

  const setCounty = (i: number, field: CountyQuotaField, text: string) => {
    setCounties((rows) => rows.map((r, j) => (j === i ? { ...r, [field]: text } : r)));
  };
  const setSchool = (i: number, field: VocationalQuotaField, text: string) => {
    setSchools((rows) => rows.map((r, j) => (j === i ? { ...r, [field]: text } : r)));
  };
  const touch = (key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));

  const errorCount = Object.keys(errors).length;
  const payload = JSON.stringify({
    year,
    versionId,
    amendReason: needsReason ? reason : undefined,
    counties: counties.map((c) => ({ countyId: c.countyId, cohortBase: c.cohortBase, sendOffCap: c.sendOffCap, shanghaiTask: c.shanghaiTask })),
    vocationalSchools: schools.map((s) => ({ vocationalSchoolId: s.vocationalSchoolId, enrolCap: s.enrolCap, shanghaiTask: s.shanghaiTask })),
  });

  const submit = (e: FormEvent<HTMLFormElement>) => {
    setSubmitted(true);
    if (errorCount > 0) {
      e.preventDefault();
      const first = formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]");
      first?.focus();
      return;
    }
    onSubmit(e);
  };

  const cell = (key: string, label: string, text: string, onChange: (t: string) => void, hint?: string) => {
    const err = errorFor(key, text);
    return (
      <td className="border border-slate-200 px-2 py-1.5 align-top">
        <label htmlFor={key} className="sr-only">{label}</label>
        <input
          id={key}
          inputMode="numeric"
          autoComplete="off"
          value={text}
          onChange={(e) => onChange(e.target.value)}
          onBlur={() => touch(key)}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `${key}-error` : hint ? `${key}-hint` : undefined}
          className="w-28 rounded border border-slate-300 bg-white px-2 py-1 text-right tabular-nums aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50"
        />
        {err ? <p id={`${key}-error`} className="mt-1 max-w-56 text-xs text-red-700" aria-live="polite">{err}</p>
          : hint ? <p id={`${key}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      </td>
    );
  };

  const th = "border border-slate-200 bg-slate-100 px-2 py-2 text-left font-medium";
  const totalTd = "border border-slate-200 px-2 py-2 text-right font-semibold tabular-nums";

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-6">
      <input type="hidden" name="__json" value={payload} />
      {needsReason ? (
        <div className="flex max-w-2xl flex-col gap-1">
          <label htmlFor="amendReason" className="text-sm font-medium text-slate-700">调整原因（第 {version} 版）</label>
          <textarea
            id="amendReason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onBlur={() => touch("amendReason")}
            aria-invalid={errorFor("amendReason", reason) ? true : undefined}
            aria-describedby={errorFor("amendReason", reason) ? "amendReason-error" : undefined}
            className="rounded border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600"
            placeholder="例如：双柏县初中毕业生数更正为 1700 人"
          />
          {errorFor("amendReason", reason) ? <p id="amendReason-error" className="text-sm text-red-700" aria-live="polite">{errorFor("amendReason", reason)}</p> : null}
        </div>
      ) : null}

      <div className="grid items-start gap-6 xl:grid-cols-[auto_auto] xl:justify-start">
      <section aria-labelledby="counties-heading" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
        <h2 id="counties-heading" className="mb-2 font-semibold">县市送读计划</h2>
        <table className="border-collapse text-sm">
          <thead>
            <tr>
              <th scope="col" className={th}>县市</th>
              <th scope="col" className={th}>初中毕业生（人）<br /><span className="text-xs font-normal text-slate-600">{cohortBaseYear}年初一入学时学籍人数</span></th>
              <th scope="col" className={th}>送读计划<br /><span className="text-xs font-normal text-slate-600">不超过初中毕业生数的30%</span></th>
              <th scope="col" className={th}>其中※东西协作任务数<br /><span className="text-xs font-normal text-slate-600">送读上海，不超过送读计划</span></th>
            </tr>
          </thead>
          <tbody>
            {counties.map((c, i) => {
              const n = parseCount(c.cohortBase);
              const hint = n !== null && Number.isSafeInteger(n) && n >= 0 ? `上限 ${maxSendOffCap(n)}（${n} × ${SEND_OFF_RATIO_PERCENT}% = ${thirtyPercentText(n)}）` : undefined;
              return (
                <tr key={c.countyId}>
                  <th scope="row" className="border border-slate-200 px-2 py-1.5 text-left align-top font-normal">{c.countyName}</th>
                  {cell(countyFieldKey(i, "cohortBase"), `${c.countyName}初中毕业生数`, c.cohortBase, (t) => setCounty(i, "cohortBase", t))}
                  {cell(countyFieldKey(i, "sendOffCap"), `${c.countyName}送读计划`, c.sendOffCap, (t) => setCounty(i, "sendOffCap", t), hint)}
                  {cell(countyFieldKey(i, "shanghaiTask"), `${c.countyName}东西协作任务数`, c.shanghaiTask, (t) => setCounty(i, "shanghaiTask", t))}
                </tr>
              );
            })}
            <tr className="bg-slate-50">
              <th scope="row" className="border border-slate-200 px-2 py-2 text-left">合计（自动计算）</th>
              <td className={totalTd} data-testid="total-cohortBase">{totals.counties.cohortBase}</td>
              <td className={totalTd} data-testid="total-sendOffCap">{totals.counties.sendOffCap}</td>
              <td className={totalTd} data-testid="total-countyTask">{totals.counties.shanghaiTask}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section aria-labelledby="schools-heading" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
        <h2 id="schools-heading" className="mb-2 font-semibold">职业学校招生计划</h2>
        <table className="border-collapse text-sm">
          <thead>
            <tr>
              <th scope="col" className={th}>职业学校</th>
              <th scope="col" className={th}>招生计划</th>
              <th scope="col" className={th}>其中※东西协作任务数<br /><span className="text-xs font-normal text-slate-600">不超过招生计划</span></th>
            </tr>
          </thead>
          <tbody>
            {schools.map((s, i) => (
              <tr key={s.vocationalSchoolId}>
                <th scope="row" className="border border-slate-200 px-2 py-1.5 text-left align-top font-normal">{s.schoolName}</th>
                {cell(schoolFieldKey(i, "enrolCap"), `${s.schoolName}招生计划`, s.enrolCap, (t) => setSchool(i, "enrolCap", t))}
                {cell(schoolFieldKey(i, "shanghaiTask"), `${s.schoolName}东西协作任务数`, s.shanghaiTask, (t) => setSchool(i, "shanghaiTask", t))}
              </tr>
            ))}
            <tr className="bg-slate-50">
              <th scope="row" className="border border-slate-200 px-2 py-2 text-left">合计（自动计算）</th>
              <td className={totalTd} data-testid="total-enrolCap">{totals.vocationalSchools.enrolCap}</td>
              <td className={totalTd} data-testid="total-schoolTask">{totals.vocationalSchools.shanghaiTask}</td>
            </tr>
          </tbody>
        </table>
      </section>
      </div>

      <div className="sticky bottom-0 flex flex-col gap-2 border-t border-slate-200 bg-slate-50/95 py-3">
        {submitted && errorCount > 0 ? (
          <p className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" aria-live="polite">
            还有 {errorCount} 处需要修改（见各栏红字提示），改好后再保存。
          </p>
        ) : <FormMessage state={state} />}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>{pending ? "正在保存…" : versionId ? "保存草稿" : `保存为第 ${version} 版草稿`}</Button>
          <span className="text-sm text-slate-600">保存后仍是草稿，县市和学校看不到；在草稿页面点“下达”后才生效。</span>
        </div>
      </div>
    </form>
  );
}

function okNumber(text: string): number {
  const n = parseCount(text);
  return n !== null && Number.isSafeInteger(n) && n >= 0 ? n : 0;
}
