"use client";
import { useRef } from "react";
import { sendOffAction } from "@/actions/send-off/send-off";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { Table, Td } from "@/components/ui/table";
import { SelectBox, selectColumn, useRowSelection } from "@/components/ui/row-selection";

type Row = { id: string; studentName: string; sex: string; idMasked: string; className: string; middleSchoolName: string; vocationalSchoolName: string; major: string; shanghaiFlag: boolean };

export function SendOffForm({ rows, open }: { rows: Row[]; open: boolean }) {
  const sel = useRowSelection(rows.map((r) => r.id));
  const { state, onSubmit, pending } = useFormAction(sendOffAction);
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} onSubmit={(e) => { dialog.current?.close(); onSubmit(e); sel.clear(); }} className="flex flex-col gap-3">
      <Table caption="待送读学生" head={[selectColumn(sel), "学生姓名", "性别", "身份证号码", "初中学校", "班级", "报名就读学校", "专业", { label: "※", text: "东西协作" }]}>
        {rows.map((r) => (
          <tr key={r.id} className={sel.selected.has(r.id) ? "bg-blue-50" : undefined}>
            <Td><SelectBox selection={sel} id={r.id} name="applicationIds" label={`选择${r.studentName}`} /></Td>
            <Td className="whitespace-nowrap">{r.studentName}</Td><Td>{r.sex === "MALE" ? "男" : "女"}</Td>
            <Td className="font-mono">{r.idMasked}</Td><Td>{r.middleSchoolName}</Td>
            <Td>{r.className}</Td><Td>{r.vocationalSchoolName}</Td>
            <Td>{r.major}</Td><Td>{r.shanghaiFlag ? "※" : ""}</Td>
          </tr>
        ))}
        {rows.length === 0 ? <tr><Td colSpan={9} className="py-4 text-slate-500">没有待送读的学生（只有经初中学校审核“同意”的报名才能送读）。</Td></tr> : null}
      </Table>
      <FormMessage state={state} />
      <div className="flex items-center gap-3">
        <Button type="button" disabled={!open || sel.selected.size === 0 || pending} onClick={() => dialog.current?.showModal()}>
          {pending ? "正在送读…" : `送读所选学生（${sel.selected.size} 人）`}
        </Button>
        {!open ? <span className="text-sm text-slate-600">当前不在送读期，不能送读。</span> : null}
      </div>
      <dialog ref={dialog} aria-labelledby="send-title" className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40">
        <h2 id="send-title" className="text-lg font-semibold">确认送读 {sel.selected.size} 名学生？</h2>
        <p className="mt-2 max-w-md text-slate-700">学生将被送往各自报名的职业学校，名额立即占用。请确认学生和监护人已同意，且纸质申请表复印件随学生带往职业学校。</p>
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>取消</Button>
          <Button type="button" onClick={() => form.current?.requestSubmit()}>确认送读</Button>
        </div>
      </dialog>
    </form>
  );
}
