"use client";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { Table, Td } from "@/components/ui/table";
import { SelectBox, selectColumn, useRowSelection } from "@/components/ui/row-selection";
import type { ActionState } from "@/lib/form";

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
  const sel = useRowSelection(selectable.map((r) => r.id));
  const selected = sel.selected;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="秋季注册">
      {[...selected].map((id) => <input key={id} type="hidden" name="enrolmentIds" value={id} />)}
      <Table caption="本校职教班学生秋季注册" head={[selectColumn(sel), "姓名", "性别", "县市", "原初中", "班级", "学号", "情况", "升学去向", "秋季注册"]}>
        {rows.map((r) => (
          <tr key={r.id} className={r.status === "LEFT" ? "text-slate-500" : undefined}>
            <Td>{r.status !== "LEFT" ? <SelectBox selection={sel} id={r.id} label={`选择${r.studentName}`} /> : null}</Td>
            <Td className="whitespace-nowrap"><a className="text-blue-700 underline" href={`/students/${r.id}`}>{r.studentName}</a></Td>
            <Td>{r.sex}</Td><Td>{r.countyName}</Td><Td>{r.middleSchoolName}</Td>
            <Td>{r.className}</Td><Td className="font-mono">{r.studentNo}</Td>
            <Td>{r.status === "LEFT" ? "已离校" : r.status === "GRADUATED" ? "已完成义务教育" : "在读"}</Td>
            <Td>{r.pathLabel ?? (r.status === "LEFT" ? "—" : "未登记")}</Td>
            <Td>{r.decisionLabel ?? (r.status === "LEFT" ? "—" : "待注册")}</Td>
          </tr>
        ))}
        {rows.length === 0 ? <tr><Td colSpan={10} className="text-slate-500">本年度没有已报到的职教班学生。</Td></tr> : null}
      </Table>
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
