"use client";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, Field, FormMessage, TextInput, TextArea } from "@/components/ui/form";
import { saveCalendarSettingsAction } from "@/actions/calendar/save-calendar-settings";
import type { CalendarSettings } from "@/lib/calendar-settings";

/** The bureau's yearly settings; the windows are computed from them on the server. */
export function SettingsForm({ year, version, settings }: { year: number; version: number; settings: CalendarSettings | null }) {
  const { state, onSubmit, pending } = useFormAction(saveCalendarSettingsAction);
  const e = state?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-4" noValidate aria-label={`${year}年工作日历设置`}>
      <input type="hidden" name="year" value={year} />
      <input type="hidden" name="version" value={version} />
      <Field label="五一劳动节假期最后一天" name="mayDayHolidayEnd" error={e.mayDayHolidayEnd}
        hint={`收假后的 7 个工作日为送读期。应在${year}年4月28日至5月10日之间。`}>
        <TextInput name="mayDayHolidayEnd" type="date" defaultValue={settings?.mayDayHolidayEnd ?? ""}
          min={`${year}-04-28`} max={`${year}-05-10`} required error={e.mayDayHolidayEnd} aria-describedby={e.mayDayHolidayEnd ? "mayDayHolidayEnd-error" : "mayDayHolidayEnd-hint"} />
      </Field>
      <Field label="其他非工作日（可不填）" name="extraNonWorkingDays" error={e.extraNonWorkingDays}
        hint="收假后遇到的其他放假日期（周一至周五），不计入送读期的工作日。每行一个日期，例如 2020-05-07。">
        <TextArea name="extraNonWorkingDays" rows={2} defaultValue={settings?.extraNonWorkingDays.join("\n") ?? ""} error={e.extraNonWorkingDays} aria-describedby={e.extraNonWorkingDays ? "extraNonWorkingDays-error" : "extraNonWorkingDays-hint"} />
      </Field>
      <Field label="调休上班日（可不填）" name="makeUpWorkingDays" error={e.makeUpWorkingDays}
        hint="国务院办公厅通知中需要上班的周六、周日。每行一个日期，例如 2020-05-09。">
        <TextArea name="makeUpWorkingDays" rows={2} defaultValue={settings?.makeUpWorkingDays.join("\n") ?? ""} error={e.makeUpWorkingDays} aria-describedby={e.makeUpWorkingDays ? "makeUpWorkingDays-error" : "makeUpWorkingDays-hint"} />
      </Field>
      <div className="flex flex-col gap-1">
        <div className="flex items-center gap-2">
          <input id="makeUpSaturdaysCount" name="makeUpSaturdaysCount" type="checkbox" className="h-4 w-4"
            defaultChecked={settings?.makeUpSaturdaysCount ?? false} aria-describedby="makeUpSaturdaysCount-hint" />
          <label htmlFor="makeUpSaturdaysCount" className="text-sm font-medium text-slate-700">调休的周六计为工作日</label>
        </div>
        <p id="makeUpSaturdaysCount-hint" className="text-xs text-slate-500">
          默认不勾选：按实施方案“双休日除外”，周六、周日一律不计入送读期的 7 个工作日。勾选后，上面填写的调休上班日计为工作日。
        </p>
      </div>
      <Field label="秋季学期中职学籍注册完成日期（可不填）" name="autumnRegistrationDate" error={e.autumnRegistrationDate}
        hint={`巩固期到这一天结束；不填时按${year}年9月30日。`}>
        <TextInput name="autumnRegistrationDate" type="date" defaultValue={settings?.autumnRegistrationDate ?? ""}
          min={`${year}-06-01`} max={`${year}-12-31`} error={e.autumnRegistrationDate} aria-describedby={e.autumnRegistrationDate ? "autumnRegistrationDate-error" : "autumnRegistrationDate-hint"} />
      </Field>
      {([
        ["countyPlanDeadline", "countyPlan", "实施方案截止日期（可不填）", "县市教育体育局和州属职业学校报送实施方案的截止日期；不填时按3月31日。"],
        ["teachingPlanDeadline", "teachingPlan", "教学方案（附件5）截止日期（可不填）", "职业学校报送实施性教学方案的截止日期；不填时按4月30日。"],
        ["annualReportDeadline", "annualReport", "招生情况及工作总结截止日期（可不填）", "上报当年招生情况及工作总结的截止日期；不填时按9月30日。"],
      ] as const).map(([name, key, label, hint]) => (
        <Field key={name} label={label} name={name} error={e[name]} hint={hint}>
          <TextInput name={name} type="date" defaultValue={settings?.deadlines?.[key] ?? ""}
            min={`${year}-01-01`} max={`${year}-12-31`} error={e[name]} aria-describedby={e[name] ? `${name}-error` : `${name}-hint`} />
        </Field>
      ))}
      <FormMessage state={state} />
      <div><Button type="submit" disabled={pending}>{pending ? "正在保存…" : version > 0 ? "保存修改" : settings ? `确认并保存${year}年工作日历` : `保存${year}年工作日历`}</Button></div>
    </form>
  );
}
