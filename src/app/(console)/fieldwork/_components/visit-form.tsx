"use client";
import { TakePhoto } from "@/components/ui/take-photo";
import { useFormAction, useResetOnSuccess } from "@/components/ui/use-form-action";
import { Button, Field, FormMessage, Select, TextArea, TextInput } from "@/components/ui/form";
import type { ActionState } from "@/lib/form";
import { UPLOAD_ACCEPT, UPLOAD_KINDS_LABEL } from "@/lib/schemas/application-workflow";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
type School = { id: string; label: string; countyId: string };

/** 登记宣传走访: which middle school, when, who went, what was presented, how many students and parents, photos. */
export function VisitForm({ action, schools, ownCountyId, today }: { action: Action; schools: School[]; ownCountyId: string | null; today: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const form = useResetOnSuccess(state);
  const e = state?.fieldErrors ?? {};
  // The school's own county first (a county-level 职中 mostly visits its own county), then the others.
  const own = schools.filter((s) => s.countyId === ownCountyId);
  const others = schools.filter((s) => s.countyId !== ownCountyId);
  return (
    <form ref={form} onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-3" noValidate aria-label="登记宣传走访">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="走访的初中学校" name="middleSchoolId" error={e.middleSchoolId}>
          <Select name="middleSchoolId" error={e.middleSchoolId} defaultValue="">
            <option value="">请选择</option>
            {own.length > 0 ? <optgroup label="本县市">{own.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}</optgroup> : null}
            <optgroup label={own.length > 0 ? "其他县市" : "全州初中学校"}>{others.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}</optgroup>
          </Select>
        </Field>
        <Field label="走访日期" name="visitedOn" error={e.visitedOn}>
          <TextInput name="visitedOn" type="date" max={today} defaultValue={today} error={e.visitedOn} />
        </Field>
      </div>
      <Field label="参加人员" name="people" error={e.people} hint="如：招生办 王老师、机电专业 李老师">
        <TextInput name="people" error={e.people} />
      </Field>
      <Field label="宣传内容" name="content" error={e.content} hint="如：介绍义务教育职教班的专业、学习和资助政策，发放报名申请表">
        <TextArea name="content" rows={3} error={e.content} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="覆盖学生人数" name="studentsReached" error={e.studentsReached}>
          <TextInput name="studentsReached" type="number" min={0} inputMode="numeric" defaultValue="0" error={e.studentsReached} />
        </Field>
        <Field label="覆盖家长人数" name="parentsReached" error={e.parentsReached}>
          <TextInput name="parentsReached" type="number" min={0} inputMode="numeric" defaultValue="0" error={e.parentsReached} />
        </Field>
      </div>
      <Field label="照片或文件（可不上传，最多 5 个）" name="files" error={e.files ?? e.file} hint={`${UPLOAD_KINDS_LABEL}，每个不超过 10 MB。`}>
        <input id="files" name="files" type="file" multiple accept={UPLOAD_ACCEPT}
          className="text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5" />
        <TakePhoto target="files" />
      </Field>
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : "登记宣传走访"}</Button></div>
    </form>
  );
}
