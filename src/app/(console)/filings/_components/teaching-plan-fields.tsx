"use client";
import { LabelledArea } from "./labelled-area";
import { scrollRegion } from "@/components/ui/scroll-region";

type ClassRow = { name: string; major: string; size: string | number; headTeacherName: string; headTeacherPhone: string };
type Course = { name: string; weeklyHours: string | number };
export type TeachingPlanDraft = {
  managementMode?: string; teachingGoals?: string; classes?: ClassRow[];
  compulsoryCourses?: Course[]; vocationalCourses?: Course[]; retentionMeasures?: string; assessment?: string;
};

const area = "w-full rounded border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600";
const cell = "w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-red-600";

/** Guidance from 附件5's 填表说明, shown under each part. */
const HINTS = {
  managementMode: "建议包含：按全日制在校生方式管理，落实分管领导，建立管理团队，安排优秀教师担任班主任；按兴趣爱好和报读专业统一编班。",
  teachingGoals: "建议包含：落实立德树人；做到“两个确保”——开齐开足未完成的义务教育课程，开设部分职业技能课程。",
  retentionMeasures: "学校在领导、制度、机制、责任、考核等方面采取哪些措施，确保巩固率达到 95% 以上。",
  assessment: "围绕“三个确保”：学生义务教育学业合格、学到一定的职业技能、巩固率达到 95% 以上。",
};

/** 附件5 as a form: the annex's parts in its order, with rows added and removed by button. */
export function TeachingPlanFields({ value, onChange, errors }: {
  value: TeachingPlanDraft; onChange: (v: TeachingPlanDraft) => void; errors: Record<string, string>;
}) {
  const set = <K extends keyof TeachingPlanDraft>(k: K, v: TeachingPlanDraft[K]) => onChange({ ...value, [k]: v });
  const text = (k: "managementMode" | "teachingGoals" | "retentionMeasures" | "assessment", label: string) => (
    <LabelledArea id={`f-${k}`} label={label} hint={HINTS[k]} error={errors[k]}>
      <textarea id={`f-${k}`} rows={4} className={area} value={value[k] ?? ""} onChange={(e) => set(k, e.target.value)}
        aria-invalid={errors[k] ? true : undefined} aria-describedby={errors[k] ? `f-${k}-error` : `f-${k}-hint`} />
    </LabelledArea>
  );
  const classes = value.classes ?? [];
  const setClass = (i: number, patch: Partial<ClassRow>) => set("classes", classes.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const rowError = (prefix: string, i: number) => Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.${i}.`))?.[1];
  return (
    <div className="flex flex-col gap-4">
      {text("managementMode", "管理模式")}
      {text("teachingGoals", "教学目标")}
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-700">班级设立</legend>
        <div {...scrollRegion("班级设立", "overflow-x-auto")}>
          <table className="min-w-full text-sm">
            <caption className="sr-only">班级设立</caption>
            <thead><tr className="text-left text-slate-600">{["班级名称", "专业", "班额", "班主任姓名", "联系电话", ""].map((h) => <th key={h} scope="col" className="px-1">{h}</th>)}</tr></thead>
            <tbody>
              {classes.map((c, i) => (
                <tr key={i}>
                  <td className="p-1"><input aria-label={`第 ${i + 1} 个班级名称`} className={cell} value={c.name} onChange={(e) => setClass(i, { name: e.target.value })} /></td>
                  <td className="p-1"><input aria-label={`第 ${i + 1} 个班级专业`} className={cell} value={c.major} onChange={(e) => setClass(i, { major: e.target.value })} /></td>
                  <td className="p-1"><input aria-label={`第 ${i + 1} 个班级班额`} type="number" min={1} className={`${cell} w-20`} value={c.size} onChange={(e) => setClass(i, { size: e.target.value })} /></td>
                  <td className="p-1"><input aria-label={`第 ${i + 1} 个班级班主任姓名`} className={cell} value={c.headTeacherName} onChange={(e) => setClass(i, { headTeacherName: e.target.value })} /></td>
                  <td className="p-1"><input aria-label={`第 ${i + 1} 个班级联系电话`} type="tel" inputMode="tel" className={cell} value={c.headTeacherPhone} onChange={(e) => setClass(i, { headTeacherPhone: e.target.value })} /></td>
                  <td className="p-1"><button type="button" className="text-sm text-red-700 underline" onClick={() => set("classes", classes.filter((_, j) => j !== i))}>删除</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {classes.map((_, i) => rowError("classes", i)).map((m, i) => (m ? <p key={i} className="text-sm text-red-700">第 {i + 1} 个班级：{m}</p> : null))}
        <div><button type="button" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
          onClick={() => set("classes", [...classes, { name: "", major: "", size: "", headTeacherName: "", headTeacherPhone: "" }])}>添加班级</button></div>
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <Courses title="义教课程" field="compulsoryCourses" rows={value.compulsoryCourses ?? []} onChange={(v) => set("compulsoryCourses", v)} rowError={rowError} />
        <Courses title="职教课程" field="vocationalCourses" rows={value.vocationalCourses ?? []} onChange={(v) => set("vocationalCourses", v)} rowError={rowError} />
      </div>
      {text("retentionMeasures", "巩固措施")}
      {text("assessment", "教学考核")}
    </div>
  );
}

function Courses({ title, field, rows, onChange, rowError }: {
  title: string; field: string; rows: Course[]; onChange: (v: Course[]) => void; rowError: (prefix: string, i: number) => string | undefined;
}) {
  const setRow = (i: number, patch: Partial<Course>) => onChange(rows.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-700">课程方案：{title}</legend>
      {rows.map((c, i) => (
        <div key={i} className="flex items-center gap-2">
          <input aria-label={`${title}第 ${i + 1} 门课程名称`} className={cell} value={c.name} onChange={(e) => setRow(i, { name: e.target.value })} placeholder="课程名称" />
          <input aria-label={`${title}第 ${i + 1} 门周课时`} type="number" min={1} className={`${cell} w-20`} value={c.weeklyHours} onChange={(e) => setRow(i, { weeklyHours: e.target.value })} placeholder="周课时" />
          <button type="button" className="text-sm text-red-700 underline" onClick={() => onChange(rows.filter((_, j) => j !== i))}>删除</button>
        </div>
      ))}
      {rows.map((_, i) => rowError(field, i)).map((m, i) => (m ? <p key={i} className="text-sm text-red-700">第 {i + 1} 门：{m}</p> : null))}
      <div><button type="button" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100" onClick={() => onChange([...rows, { name: "", weeklyHours: "" }])}>添加{title}</button></div>
    </fieldset>
  );
}
