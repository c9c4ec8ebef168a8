"use client";
import { useFormAction, useResetOnSuccess } from "@/components/ui/use-form-action";
import { Button, Field, FormMessage, Select, TextArea, TextInput } from "@/components/ui/form";
import type { ActionState } from "@/lib/form";
import { FOLLOW_UP_KINDS, FOLLOW_UP_KIND_LABELS } from "@/lib/fieldwork";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/** 登记跟踪回访: how, when, who from which side, what was found, and optionally a 流失风险 flag. */
export function FollowUpForm({ action, enrolmentId, today, side }: { action: Action; enrolmentId: string; today: string; side: "MIDDLE_SCHOOL" | "VOCATIONAL_SCHOOL" }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const form = useResetOnSuccess(state);
  const e = state?.fieldErrors ?? {};
  return (
    <form ref={form} onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-3" noValidate aria-label="登记跟踪回访">
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="回访方式" name="kind" error={e.kind}>
          <Select name="kind" error={e.kind} defaultValue={side === "MIDDLE_SCHOOL" ? "STUDY_CHECK" : "HOME_VISIT"}>
            {FOLLOW_UP_KINDS.map((k) => <option key={k} value={k}>{FOLLOW_UP_KIND_LABELS[k]}</option>)}
          </Select>
        </Field>
        <Field label="回访日期" name="occurredOn" error={e.occurredOn}>
          <TextInput name="occurredOn" type="date" max={today} defaultValue={today} error={e.occurredOn} />
        </Field>
        <Field label="原初中参加人员" name="middleSchoolParticipants" error={e.middleSchoolParticipants} hint="如：班主任 张老师">
          <TextInput name="middleSchoolParticipants" error={e.middleSchoolParticipants} />
        </Field>
        <Field label="职业学校参加人员" name="vocationalParticipants" error={e.vocationalParticipants} hint="如：班主任 李老师">
          <TextInput name="vocationalParticipants" error={e.vocationalParticipants} />
        </Field>
      </div>
      <Field label="其他参加人员（可不填）" name="otherParticipants" error={e.otherParticipants} hint="如：学生本人、学生母亲">
        <TextInput name="otherParticipants" error={e.otherParticipants} />
      </Field>
      <Field label="回访情况记录" name="notes" error={e.notes} hint="家庭情况等属于未成年人敏感信息：不在列表中显示，查看记录内容会记入操作日志。">
        <TextArea name="notes" rows={4} error={e.notes} />
      </Field>
      {/* The reason shows while the box is ticked (CSS only: a reset form hides it again). */}
      <div className="group flex flex-col gap-3">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="risk" className="h-4 w-4" />
          该生有流失风险（原初中、职业学校和县市教育体育局都会看到，直至解除或学生离校）
        </label>
        <div className="hidden group-has-[:checked]:block">
          <Field label="流失风险原因" name="riskReason" error={e.riskReason}>
            <TextInput name="riskReason" error={e.riskReason} />
          </Field>
        </div>
      </div>
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : "登记回访"}</Button></div>
    </form>
  );
}

/** 解除流失风险标记, with a reason. */
export function ClearFlagForm({ action, flagId }: { action: Action; flagId: string }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const form = useResetOnSuccess(state);
  return (
    <form ref={form} onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" noValidate aria-label="解除流失风险标记">
      <input type="hidden" name="flagId" value={flagId} />
      <Field label="解除原因" name="reason" error={state?.fieldErrors?.reason}>
        <TextInput name="reason" error={state?.fieldErrors?.reason} placeholder="如：学生已稳定，家长同意继续就读" size={30} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>解除标记</Button>
      <div className="w-full"><FormMessage state={state} /></div>
    </form>
  );
}
