"use client";
import { useRef, useState } from "react";
import { sendOffAction } from "@/actions/send-off/send-off";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button, FormMessage } from "@/components/ui/form";
import { scrollRegion } from "@/components/ui/scroll-region";

type Row = { id: string; studentName: string; sex: string; idMasked: string; className: string; middleSchoolName: string; vocationalSchoolName: string; major: string; shanghaiFlag: boolean };

export function SendOffForm({ rows, open }: { rows: Row[]; open: boolean }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { state, onSubmit, pending } = useFormAction(sendOffAction);
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <form ref={form} onSubmit={(e) => { dialog.current?.close(); onSubmit(e); setSelected(new Set()); }} className="flex flex-col gap-3">
      <div {...scrollRegion("待送读学生", "overflow-x-auto rounded-lg border border-slate-200 bg-white")}>
        <table className="min-w-full text-sm">
          <caption className="sr-only">待送读学生</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2"><input type="checkbox" aria-label="全选" checked={all} onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))} /></th>
              {["学生姓名", "性别", "身份证号码", "初中学校", "班级", "报名就读学校", "专业", "※"].map((h) => <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>)}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} className={selected.has(r.id) ? "bg-blue-50" : undefined}>
                <td className="px-3 py-2"><input type="checkbox" name="applicationIds" value={r.id} checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={`选择${r.studentName}`} /></td>
                <td className="px-3 py-2">{r.studentName}</td><td className="px-3 py-2">{r.sex === "MALE" ? "男" : "女"}</td>
                <td className="px-3 py-2 font-mono">{r.idMasked}</td><td className="px-3 py-2">{r.middleSchoolName}</td>
                <td className="px-3 py-2">{r.className}</td><td className="px-3 py-2">{r.vocationalSchoolName}</td>
                <td className="px-3 py-2">{r.major}</td><td className="px-3 py-2">{r.shanghaiFlag ? "※" : ""}</td>
              </tr>
            ))}
            {rows.length === 0 ? <tr><td colSpan={9} className="px-3 py-4 text-slate-500">没有待送读的学生（只有经初中学校审核“同意”的报名才能送读）。</td></tr> : null}
          </tbody>
        </table>
      </div>
      <FormMessage state={state} />
      <div className="flex items-center gap-3">
        <Button type="button" disabled={!open || selected.size === 0 || pending} onClick={() => dialog.current?.showModal()}>
          {pending ? "正在送读…" : `送读所选学生（${selected.size} 人）`}
        </Button>
        {!open ? <span className="text-sm text-slate-600">当前不在送读期，不能送读。</span> : null}
      </div>
      <dialog ref={dialog} aria-labelledby="send-title" className="m-auto rounded-lg p-6 shadow-xl backdrop:bg-black/40">
        <h2 id="send-title" className="text-lg font-semibold">确认送读 {selected.size} 名学生？</h2>
        <p className="mt-2 max-w-md text-slate-700">学生将被送往各自报名的职业学校，名额立即占用。请确认学生和监护人已同意，且纸质申请表复印件随学生带往职业学校。</p>
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>取消</Button>
          <Button type="button" onClick={() => form.current?.requestSubmit()}>确认送读</Button>
        </div>
      </dialog>
    </form>
  );
}
