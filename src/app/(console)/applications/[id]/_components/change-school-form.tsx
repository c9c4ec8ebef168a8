"use client";
import { TakePhoto } from "@/components/ui/take-photo";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { changeSchoolAction } from "@/actions/applications/change-school";
import { UPLOAD_ACCEPT, UPLOAD_KINDS_LABEL } from "@/lib/schemas/application-workflow";

/** 更改报名就读学校 with the student's new signed choice. */
export function ChangeSchoolForm({ id, currentId, schools }: { id: string; currentId: string; schools: { id: string; name: string }[] }) {
  const { state, onSubmit, pending } = useFormAction(changeSchoolAction);
  const router = useRouter();
  useEffect(() => { if (state?.ok) router.refresh(); }, [state, router]);
  const e = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="id" value={id} />
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">新的报名就读学校
        <select name="toVocationalSchoolId" defaultValue="" aria-invalid={e.toVocationalSchoolId ? true : undefined} className="rounded border border-slate-300 bg-white px-3 py-2 font-normal">
          <option value="">请选择</option>
          {schools.filter((s) => s.id !== currentId).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      {e.toVocationalSchoolId ? <p className="text-sm text-red-700">{e.toVocationalSchoolId}</p> : null}
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">学生和监护人重新签字的选择说明（扫描件或照片）
        <input id="change-school-file" name="file" type="file" accept={UPLOAD_ACCEPT} className="text-sm font-normal" />
      </label>
      <TakePhoto target="change-school-file" />
      <p className="text-xs text-slate-500">{UPLOAD_KINDS_LABEL}，不超过 10 MB。</p>
      {e.file ? <p className="text-sm text-red-700">{e.file}</p> : null}
      <FormMessage state={state} />
      <div><Button type="submit" variant="secondary" disabled={pending}>{pending ? "正在保存…" : "更改报名学校"}</Button></div>
    </form>
  );
}
