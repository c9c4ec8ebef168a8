import { formatYuan } from "@/lib/money";
import { AID_KINDS, AID_KIND_LABELS } from "@/lib/schemas/aid";
import { InlineAction } from "@/components/ui/inline-action";
import { Table, Td } from "@/components/ui/table";
import { RecordForm } from "@/app/(console)/graduation/forms";
import { recordStudentAidAction } from "@/actions/aid/record-student-aid";
import { voidAidAction } from "@/actions/aid/void-aid";
import type { aidOf } from "@/server/aid/read";

type Row = Awaited<ReturnType<typeof aidOf>>[number];

/** 已作废 with its reason, or (for the paying county) a void button asking for the reason, or 有效. */
export function AidState({ row, mayVoid, target }: { row: { id: string; voidedAt: Date | null; voidReason: string | null }; mayVoid: boolean; target: "STUDENT" | "SCHOOL" }) {
  if (row.voidedAt) return <>已作废：{row.voidReason}</>;
  if (!mayVoid) return <>有效</>;
  return (
    <InlineAction action={voidAidAction} hidden={{ id: row.id, target }} label="作废" variant="danger">
      <label className="flex flex-col text-sm">作废原因<input name="reason" className="rounded border border-slate-300 px-2 py-1.5" /></label>
    </InlineAction>
  );
}

/** 资助 on the student page (policy 七): every payment in yuan with two decimals; the county records and voids. */
export function AidCard({ enrolmentId, rows, mayRecord, today }: { enrolmentId: string; rows: Row[]; mayRecord: boolean; today: string }) {
  const live = rows.filter((r) => !r.voidedAt);
  const total = live.reduce((t, r) => t + r.amountFen, 0);
  return (
    <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="资助">
      <h2 className="font-semibold">资助（合计 <span data-testid="aid-total" className="tabular-nums">{formatYuan(total)}</span> 元）</h2>
      <p className="text-sm text-slate-600">继续按义务教育阶段标准享受教育资助，不享受中职学校的资助政策；县市补助生活费和往返学校交通费。</p>
      <Table caption="资助记录" head={["项目", "金额（元）", "期间", "发放日期", "说明", "状态"]}>
        {rows.map((r) => (
          <tr key={r.id} className={r.voidedAt ? "text-slate-500" : undefined}>
            <Td>{AID_KIND_LABELS[r.kind]}</Td><Td className="tabular-nums">{formatYuan(r.amountFen)}</Td>
            <Td>{r.period}</Td><Td>{r.paidOn}</Td><Td>{r.comment ?? ""}</Td>
            <Td><AidState row={r} mayVoid={mayRecord} target="STUDENT" /></Td>
          </tr>
        ))}
        {rows.length === 0 ? <tr><Td colSpan={6} className="text-slate-500">暂无资助记录。</Td></tr> : null}
      </Table>
      {mayRecord ? (
        <RecordForm action={recordStudentAidAction} label="登记资助" submit="登记资助" variant="primary" hidden={{ enrolmentId }} fields={[
          { name: "kind", label: "项目", type: "select", options: AID_KINDS.map((k) => [k, AID_KIND_LABELS[k]]) },
          { name: "amount", label: "金额（元）", hint: "例如 625 或 625.00" },
          { name: "period", label: "期间", hint: "例如 2020年春季学期" },
          { name: "paidOn", label: "发放日期", type: "date", max: today, defaultValue: today },
          { name: "comment", label: "说明（可不填）" },
        ]} />
      ) : null}
    </section>
  );
}
