"use client";
import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import type { ActionState } from "@/lib/form";
import { scrollRegion } from "@/components/ui/scroll-region";

type Row = {
  id: string; studentName: string; sex: string; countyName: string; middleSchoolName: string; className: string;
  studentNo: string; status: string; decisionLabel: string | null; pathLabel: string | null;
};
type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;

/**
 * Per student still enrolled or graduated: 注册中职学籍 or 不继续（报考其他学校）. Leavers are listed but cannot be
 * selected. The 升学去向 recorded on the student page is shown; a decision against it is refused (decision 025).
 */
export function RegistrationTable({ rows, action, open }: { rows: Row[]; action: Action; open: boolean }) {
  const { state, onSubmit, pending } = useFormAction(action);
  const selectable = rows.filter((r) => r.status !== "LEFT");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const all = selectable.length > 0 && selectable.every((r) => selected.has(r.id));
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="秋季注册">
      {[...selected].map((id) => <input key={id} type="hidden" name="enrolmentIds" value={id} />)}
      <div {...scrollRegion("本校职教班学生秋季注册", "overflow-x-auto rounded-lg border border-slate-200 bg-white")}>
        <table className="min-w-full text-sm">
          <caption className="sr-only">本校职教班学生秋季注册</caption>
          <thead className="bg-slate-100 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2"><input type="checkbox" aria-label="全选" checked={all} onChange={() => setSelected(all ? new Set() : new Set(selectable.map((r) => r.id)))} /></th>
              {["姓名", "性别", "县市", "原初中", "班级", "学号", "情况", "升学去向", "秋季注册"].map((h) => <th key={h} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">{h}</th>)}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} className={r.status === "LEFT" ? "text-slate-500" : undefined}>
                <td className="px-3 py-2">{r.status !== "LEFT" ? <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={`选择${r.studentName}`} /> : null}</td>
                <td className="px-3 py-2"><a className="text-blue-700 underline" href={`/students/${r.id}`}>{r.studentName}</a></td>
                <td className="px-3 py-2">{r.sex}</td><td className="px-3 py-2">{r.countyName}</td><td className="px-3 py-2">{r.middleSchoolName}</td>
                <td className="px-3 py-2">{r.className}</td><td className="px-3 py-2 font-mono">{r.studentNo}</td>
                <td className="px-3 py-2">{r.status === "LEFT" ? "已离校" : r.status === "GRADUATED" ? "已完成义务教育" : "在读"}</td>
                <td className="px-3 py-2">{r.pathLabel ?? (r.status === "LEFT" ? "—" : "未登记")}</td>
                <td className="px-3 py-2">{r.decisionLabel ?? (r.status === "LEFT" ? "—" : "待注册")}</td>
              </tr>
            ))}
            {rows.length === 0 ? <tr><td className="px-3 py-2 text-slate-500" colSpan={10}>本年度没有已报到的职教班学生。</td></tr> : null}
          </tbody>
        </table>
      </div>
      {state?.fieldErrors?.enrolmentIds ? <p className="text-sm text-red-700">{state.fieldErrors.enrolmentIds}</p> : null}
      <FormMessage state={state} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="REGISTERED" disabled={pending}>注册中职学籍（{selected.size} 人）</Button>
        <Button type="submit" name="decision" value="NOT_CONTINUING" variant="secondary" disabled={pending}>不继续（报考其他学校）（{selected.size} 人）</Button>
        {!open ? <span className="self-center text-sm text-amber-900">当前不在注册期，提交会被拒绝。</span> : null}
      </div>
    </form>
  );
}
