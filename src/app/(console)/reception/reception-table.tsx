"use client";
import { useRef } from "react";
import { assignClassAction } from "@/actions/reception/assign-class";
import { recordArrivalAction } from "@/actions/reception/record-arrival";
import { setStudentNoAction } from "@/actions/reception/set-student-no";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { Table, Td } from "@/components/ui/table";
import { SelectBox, selectColumn, useRowSelection } from "@/components/ui/row-selection";

type Row = {
  id: string; studentName: string; sex: string; idMasked: string; countyName: string; middleSchoolName: string;
  middleSchoolClass: string; major: string; shanghaiFlag: boolean; arrivalStatus: string; arrivedOn: string | null;
  className: string | null; studentNo: string | null; sentOffOn: string;
};

const ARRIVAL: Record<string, string> = { PENDING: "待登记", ARRIVED: "已报到", NOT_ARRIVED: "未报到" };

function StudentNoEditor({ row }: { row: Row }) {
  const { state, onSubmit, pending } = useFormAction(setStudentNoAction);
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="text-blue-700 underline" onClick={() => dialog.current?.showModal()} aria-label={`改学号（${row.studentName}）`}>改学号</button>
      <dialog ref={dialog} aria-labelledby={`sn-${row.id}`} className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40">
        <form onSubmit={onSubmit} className="flex flex-col gap-3">
          <h2 id={`sn-${row.id}`} className="font-semibold">修改{row.studentName}的学号</h2>
          <input type="hidden" name="enrolmentId" value={row.id} />
          <label className="flex flex-col text-sm">学号
            <input name="studentNo" defaultValue={row.studentNo ?? ""} className="rounded border border-slate-300 px-2 py-1.5 font-mono" />
          </label>
          {state?.fieldErrors.studentNo ? <p className="text-sm text-red-700">{state.fieldErrors.studentNo}</p> : null}
          <FormMessage state={state} />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>关闭</Button>
            <Button type="submit" disabled={pending}>保存学号</Button>
          </div>
        </form>
      </dialog>
    </>
  );
}

export function ReceptionTable({ rows, classes, today, canEdit }: {
  rows: Row[]; classes: { id: string; name: string; size: number; sizeLimit: number }[]; today: string; canEdit: boolean;
}) {
  const sel = useRowSelection(rows.map((r) => r.id));
  const selected = sel.selected;
  const arrival = useFormAction(recordArrivalAction);
  const assign = useFormAction(assignClassAction);
  const hidden = [...selected].map((id) => <input key={id} type="hidden" name="enrolmentIds" value={id} />);
  return (
    <div className="flex flex-col gap-3">
      {canEdit ? (
        <div className="flex flex-wrap gap-6 rounded-lg border border-slate-200 bg-white p-3">
          <form onSubmit={arrival.onSubmit} className="flex flex-wrap items-end gap-2" aria-label="登记报到">
            {hidden}
            <label className="flex flex-col text-sm">报到日期
              <input type="date" name="arrivedOn" defaultValue={today} max={today} className="rounded border border-slate-300 px-2 py-1.5" />
            </label>
            <Button type="submit" name="status" value="ARRIVED" disabled={!selected.size || arrival.pending}>登记已报到（{selected.size} 人）</Button>
            <Button type="submit" name="status" value="NOT_ARRIVED" variant="secondary" disabled={!selected.size || arrival.pending}>登记未报到</Button>
          </form>
          <form onSubmit={assign.onSubmit} className="flex flex-wrap items-end gap-2" aria-label="编班">
            {hidden}
            <label className="flex flex-col text-sm">编入班级
              <select name="classId" className="rounded border border-slate-300 px-2 py-1.5" defaultValue="">
                <option value="">请选择班级</option>
                {classes.map((c) => <option key={c.id} value={c.id}>{c.name}（{c.size}/{c.sizeLimit}）</option>)}
              </select>
            </label>
            <Button type="submit" disabled={!selected.size || assign.pending}>编入并生成学号</Button>
          </form>
        </div>
      ) : null}
      <FormMessage state={arrival.state} />
      <FormMessage state={assign.state} />
      <Table caption="接收学生" head={[...(canEdit ? [selectColumn(sel)] : []), "学生姓名", "性别", "身份证号码", "所属县市", "原初中学校", "原班级", "专业", "送读日期", "报到", "班级", "学号", ""]}>
        {rows.map((r) => (
          <tr key={r.id} className={sel.selected.has(r.id) ? "bg-blue-50" : undefined}>
            {canEdit ? <Td><SelectBox selection={sel} id={r.id} label={`选择${r.studentName}`} /></Td> : null}
            <Td className="whitespace-nowrap"><a className="text-blue-700 underline" href={`/students/${r.id}`}>{r.studentName}</a>{r.shanghaiFlag ? "※" : ""}</Td>
            <Td>{r.sex === "MALE" ? "男" : "女"}</Td>
            <Td className="font-mono">{r.idMasked}</Td>
            <Td>{r.countyName}</Td><Td>{r.middleSchoolName}</Td>
            <Td>{r.middleSchoolClass}</Td><Td>{r.major}</Td>
            <Td>{r.sentOffOn}</Td>
            <Td>{ARRIVAL[r.arrivalStatus]}{r.arrivedOn ? `（${r.arrivedOn}）` : ""}</Td>
            <Td>{r.className ?? "未编班"}</Td>
            <Td className="font-mono">{r.studentNo ?? ""}</Td>
            <Td>{canEdit && r.className ? <StudentNoEditor row={r} /> : null}</Td>
          </tr>
        ))}
        {rows.length === 0 ? <tr><Td colSpan={13} className="py-4 text-slate-500">没有符合条件的学生。</Td></tr> : null}
      </Table>
    </div>
  );
}
