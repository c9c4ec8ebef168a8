"use client";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/form";
import { Button, Field, FormMessage, Select, TextInput } from "@/components/ui/form";
import { applicationFromFormData, validateApplication } from "@/lib/schemas/application";
import { ELIGIBILITY_GROUND_LABELS, ELIGIBILITY_GROUNDS, GUARDIAN_RELATIONS, SEX_LABELS } from "@/lib/schemas/application-fields";
import { applicationPhoneWarnings, type PhoneField } from "@/lib/schemas/application-phones";
import { validateIdNumber } from "@/lib/validators/id-number";

export type ApplicationFormInitial = {
  className: string;
  headTeacherName: string;
  headTeacherPhone: string;
  studentName: string;
  sex: string;
  studentPhone: string;
  address: { county: string; township: string; village: string; street: string };
  studentNumber: string;
  idNumber: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
  reason: string;
  vocationalSchoolId: string;
  major: string;
  eligibilityGround: string;
  shanghaiFlag: boolean;
};

type Action = (prev: ActionState<{ id: string }>, fd: FormData) => Promise<ActionState<{ id: string }>>;

/** Field names in the order of the paper form (for focusing the first wrong one). */
const FIELD_ORDER = [
  "className", "headTeacherName", "headTeacherPhone", "studentName", "sex", "studentPhone",
  "address.county", "address.township", "address.village", "address.street", "studentNumber", "idNumber",
  "guardianName", "guardianRelation", "guardianPhone", "reason", "vocationalSchoolId", "major", "eligibilityGround", "shanghaiFlag",
];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-300 bg-white p-4">
      <legend className="px-2 text-base font-semibold text-slate-800">{title}</legend>
      {children}
    </fieldset>
  );
}

function Choice({
  name, legend, error, children, className = "",
}: { name: string; legend: string; error?: string; children: ReactNode; className?: string }) {
  return (
    <fieldset
      className={`flex flex-col gap-1 ${className}`}
      aria-describedby={error ? `${name}-error` : undefined}
      aria-invalid={error ? true : undefined}
      data-field={name}
    >
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      {children}
      {error ? <p id={`${name}-error`} className="text-sm text-red-700" aria-live="polite">{error}</p> : null}
    </fieldset>
  );
}

export function ApplicationForm({
  action, id, initial, schoolLabel, vocationalSchools, today, signed = false,
}: {
  action: Action;
  id?: string;
  initial?: ApplicationFormInitial;
  schoolLabel: string;
  vocationalSchools: { id: string; name: string }[];
  today: string;
  signed?: boolean;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [idInfo, setIdInfo] = useState<string>("");
  // A landline is accepted with a visible warning (附件3: "原则上填写手机号码 11 位").
  const [phoneWarnings, setPhoneWarnings] = useState<Partial<Record<PhoneField, string>>>(() => (initial ? applicationPhoneWarnings(initial) : {}));
  // Server messages stay next to their field until that field is changed (after the next answer, anew).
  const [dismissed, setDismissed] = useState<{ of: typeof state; names: Set<string> }>({ of: null, names: new Set() });
  const serverErrors: Record<string, string> = Object.fromEntries(
    Object.entries(state?.fieldErrors ?? {}).filter(([k]) => !(dismissed.of === state && dismissed.names.has(k))),
  );
  const dismiss = (name: string) => {
    if (!name || !(name in serverErrors)) return;
    setDismissed((d) => ({ of: state, names: new Set(d.of === state ? d.names : []).add(name) }));
  };

  useEffect(() => {
    if (state?.ok && state.data?.id) router.push(`/applications/${state.data.id}?saved=1`);
  }, [state, router]);

  const validate = () => {
    const form = formRef.current;
    if (!form) return {};
    const values = applicationFromFormData(new FormData(form));
    const r = validateApplication(values, { today });
    const errors = r.ok ? {} : r.errors;
    setClientErrors(errors);
    setPhoneWarnings(applicationPhoneWarnings(values));
    const idr = typeof values.idNumber === "string" && values.idNumber.trim() ? validateIdNumber(values.idNumber, today) : null;
    setIdInfo(idr?.ok ? `出生日期 ${idr.birthDate}，性别：${SEX_LABELS[idr.sex]}（由身份证号码第17位判断）` : "");
    if (idr?.ok) {
      const sex = form.elements.namedItem("sex") as HTMLSelectElement | null;
      if (sex && sex.value === "") {
        sex.value = idr.sex;
        return validate();
      }
    }
    return errors;
  };

  const touch = (name: string) => {
    if (!name) return;
    setTouched((t) => (t.has(name) ? t : new Set(t).add(name)));
  };

  const errorOf = (name: string): string | undefined =>
    serverErrors[name] ?? (touched.has(name) || submitted ? clientErrors[name] : undefined);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSubmitted(true);
    const errors = validate();
    const wrong = FIELD_ORDER.filter((f) => errors[f]);
    if (wrong.length > 0) {
      const el = formRef.current?.querySelector<HTMLElement>(`[name="${wrong[0]}"]`);
      el?.focus();
      return;
    }
    const form = formRef.current!;
    const payload = new FormData();
    payload.set("__json", JSON.stringify({ id, values: applicationFromFormData(new FormData(form)) }));
    startTransition(() => dispatch(payload));
  };

  const warningOf = (name: PhoneField) =>
    !errorOf(name) && phoneWarnings[name] ? (
      <p id={`${name}-warning`} className="text-sm text-amber-800" role="status">⚠ {phoneWarnings[name]}</p>
    ) : null;

  const clientCount = useMemo(() => FIELD_ORDER.filter((f) => clientErrors[f]).length, [clientErrors]);
  const v = initial;

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      onBlur={(e) => {
        const name = (e.target as unknown as HTMLInputElement).name;
        if (name) {
          touch(name);
          validate();
        }
      }}
      onChange={(e) => {
        const t = e.target as unknown as HTMLInputElement;
        if (t.type === "radio" || t.type === "checkbox" || t.tagName === "SELECT") touch(t.name);
        dismiss(t.name);
        validate();
      }}
      className="flex max-w-5xl flex-col gap-5"
    >
      {signed ? (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          该申请已登记签字。保存修改后原签字作废，申请退回“草稿”，需要重新打印申请表、由学生和监护人重新签字。
        </p>
      ) : null}

      <Section title="所在学校">
        <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
          <div className="flex flex-col gap-1 lg:col-span-2">
            <span className="text-sm font-medium text-slate-700">初中学校名</span>
            <span className="rounded border border-slate-200 bg-slate-100 px-3 py-2">{schoolLabel}</span>
          </div>
          <Field label="班级名" name="className" error={errorOf("className")} hint="例如：九年级（3）班">
            <TextInput name="className" defaultValue={v?.className} error={errorOf("className")} autoComplete="off" />
          </Field>
          <Field label="班主任姓名" name="headTeacherName" error={errorOf("headTeacherName")}>
            <TextInput name="headTeacherName" defaultValue={v?.headTeacherName} error={errorOf("headTeacherName")} autoComplete="off" />
          </Field>
          <Field label="班主任联系电话" name="headTeacherPhone" error={errorOf("headTeacherPhone")} hint="11位手机号码（没有手机的可填带区号的固定电话）">
            <TextInput name="headTeacherPhone" type="tel" inputMode="numeric" defaultValue={v?.headTeacherPhone} error={errorOf("headTeacherPhone")} autoComplete="off" />
            {warningOf("headTeacherPhone")}
          </Field>
        </div>
      </Section>

      <Section title="申请人信息">
        <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
          <Field label="学生姓名" name="studentName" error={errorOf("studentName")}>
            <TextInput name="studentName" defaultValue={v?.studentName} error={errorOf("studentName")} autoComplete="off" />
          </Field>
          <Field label="性别" name="sex" error={errorOf("sex")}>
            <Select name="sex" defaultValue={v?.sex ?? ""} error={errorOf("sex")}>
              <option value="">请选择</option>
              <option value="MALE">男</option>
              <option value="FEMALE">女</option>
            </Select>
          </Field>
          {/* 学生联系电话 may be "无": a text keyboard, not a phone pad (decision 082). */}
          <Field label="学生联系电话" name="studentPhone" error={errorOf("studentPhone")} hint="11位手机号码；学生没有电话的填“无”">
            <TextInput name="studentPhone" inputMode="text" defaultValue={v?.studentPhone} error={errorOf("studentPhone")} autoComplete="off" />
            {warningOf("studentPhone")}
          </Field>
          <div className="hidden lg:block" />
          <Field label="初中学籍号" name="studentNumber" error={errorOf("studentNumber")} hint="14位数字，开头的0也要填写">
            <TextInput name="studentNumber" inputMode="numeric" defaultValue={v?.studentNumber} error={errorOf("studentNumber")} autoComplete="off" className="rounded border border-slate-300 bg-white px-3 py-2 font-mono text-base tracking-wider aria-[invalid=true]:border-red-600" />
          </Field>
          {/* 身份证号码 may end with X, which a numeric pad lacks: text keyboard, upper case, pattern (decision 082). */}
          <div className="md:col-span-1 lg:col-span-2">
            <Field label="身份证号码" name="idNumber" error={errorOf("idNumber")} hint={idInfo || "18位，最后一位可以是X"}>
              <TextInput name="idNumber" inputMode="text" autoCapitalize="characters" pattern="[0-9]{17}[0-9Xx]" defaultValue={v?.idNumber} error={errorOf("idNumber")} autoComplete="off" spellCheck={false} className="rounded border border-slate-300 bg-white px-3 py-2 font-mono text-base tracking-wider aria-[invalid=true]:border-red-600" />
            </Field>
          </div>
        </div>
        <fieldset className="mt-4">
          <legend className="mb-1 text-sm font-medium text-slate-700">家庭住址</legend>
          <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
            <Field label="县（市）" name="address.county" error={errorOf("address.county")}>
              <TextInput name="address.county" defaultValue={v?.address.county} error={errorOf("address.county")} autoComplete="off" />
            </Field>
            <Field label="乡（镇）" name="address.township" error={errorOf("address.township")}>
              <TextInput name="address.township" defaultValue={v?.address.township} error={errorOf("address.township")} autoComplete="off" />
            </Field>
            <Field label="村（居）委会" name="address.village" error={errorOf("address.village")}>
              <TextInput name="address.village" defaultValue={v?.address.village} error={errorOf("address.village")} autoComplete="off" />
            </Field>
            <Field label="村（街）" name="address.street" error={errorOf("address.street")}>
              <TextInput name="address.street" defaultValue={v?.address.street} error={errorOf("address.street")} autoComplete="off" />
            </Field>
          </div>
        </fieldset>
        <div className="mt-4 grid gap-4 md:grid-cols-2 lg:grid-cols-4">
          <Field label="法定监护人姓名" name="guardianName" error={errorOf("guardianName")}>
            <TextInput name="guardianName" defaultValue={v?.guardianName} error={errorOf("guardianName")} autoComplete="off" />
          </Field>
          <Choice name="guardianRelation" legend="与学生的关系" error={errorOf("guardianRelation")} className="lg:col-span-2">
            <div className="flex flex-wrap gap-x-4 gap-y-2 py-2">
              {GUARDIAN_RELATIONS.map((r) => (
                <label key={r} className="flex items-center gap-1.5">
                  <input type="radio" name="guardianRelation" value={r} defaultChecked={v?.guardianRelation === r} className="h-4 w-4" />
                  {r}
                </label>
              ))}
            </div>
          </Choice>
          <Field label="监护人联系电话" name="guardianPhone" error={errorOf("guardianPhone")} hint="11位手机号码（必填；没有手机的可填带区号的固定电话）">
            <TextInput name="guardianPhone" type="tel" inputMode="numeric" defaultValue={v?.guardianPhone} error={errorOf("guardianPhone")} autoComplete="off" />
            {warningOf("guardianPhone")}
          </Field>
        </div>
        <p className="mt-3 text-sm text-slate-600">申请人签字：打印申请表后，由学生本人和法定监护人在纸质表上签字按手印，再在本系统“签字确认”中登记并上传扫描件。</p>
      </Section>

      <Section title="申请事由（可不填）">
        <p className="mb-2 text-sm text-slate-600">我（我孩子）因学习困难，难以跟上学习进度，<span className="font-medium">（此处为申请事由，可不填）</span>，自愿申请就读义务教育职教班。</p>
        <Field label="申请事由（可不填）" name="reason" error={errorOf("reason")}>
          <textarea
            id="reason" name="reason" rows={2} defaultValue={v?.reason}
            aria-invalid={errorOf("reason") ? true : undefined}
            aria-describedby={errorOf("reason") ? "reason-error" : undefined}
            className="rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600"
          />
        </Field>
      </Section>

      <Section title="报名就读学校和专业">
        <Choice name="vocationalSchoolId" legend="报名就读学校（只能选择一所职业学校）" error={errorOf("vocationalSchoolId")}>
          <div className="grid gap-2 py-1 sm:grid-cols-2 lg:grid-cols-4">
            {vocationalSchools.map((s) => (
              <label key={s.id} className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2 hover:bg-slate-50 has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50">
                <input type="radio" name="vocationalSchoolId" value={s.id} defaultChecked={v?.vocationalSchoolId === s.id} className="h-4 w-4" />
                {s.name}
              </label>
            ))}
          </div>
        </Choice>
        <div className="mt-4 max-w-sm">
          <Field label="就读专业（可不填）" name="major" error={errorOf("major")}>
            <TextInput name="major" defaultValue={v?.major} error={errorOf("major")} autoComplete="off" />
          </Field>
        </div>
      </Section>

      <Section title="招生对象">
        <Choice name="eligibilityGround" legend="符合实施方案“招生对象”的哪一项" error={errorOf("eligibilityGround")}>
          <div className="flex flex-col gap-2 py-1">
            {ELIGIBILITY_GROUNDS.map((g) => (
              <label key={g} className="flex items-start gap-2">
                <input type="radio" name="eligibilityGround" value={g} defaultChecked={v?.eligibilityGround === g} className="mt-1 h-4 w-4" />
                <span>{ELIGIBILITY_GROUND_LABELS[g]}</span>
              </label>
            ))}
          </div>
        </Choice>
        <label className="mt-3 flex items-center gap-2">
          <input type="checkbox" id="shanghaiFlag" name="shanghaiFlag" defaultChecked={v?.shanghaiFlag} className="h-4 w-4" />
          建档立卡贫困家庭学生，东西协作送读上海
        </label>
      </Section>

      {submitted && clientCount > 0 ? (
        <div aria-live="polite" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          还有 {clientCount} 处需要修改（见红字提示），改好后再保存。
        </div>
      ) : (
        <FormMessage state={state && !state.ok ? state : null} />
      )}
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>{pending ? "正在保存…" : id ? "保存修改" : "保存报名申请"}</Button>
      </div>
    </form>
  );
}
