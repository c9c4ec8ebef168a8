import Link from "next/link";
import type { Actor } from "@/server/auth/load-actor";
import type { sendOffGateStatus } from "@/server/filings/read";

/** Whether the actor's county may send off this year (实施方案 approved, or waived by the prefecture). */
export function PlanGateNote({ actor, year, gate }: { actor: Actor; year: number; gate: Awaited<ReturnType<typeof sendOffGateStatus>> }) {
  if (!gate) return null;
  if (gate.ok) {
    return gate.waived
      ? <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">州教育体育局已豁免本县市{year}年送读前的实施方案审核。原因：{gate.waiverReason}</p>
      : null;
  }
  return (
    <p role="note" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      本县市{year}年义务教育职教班实施方案尚未经州教育体育局审核通过（当前：{gate.statusLabel}），审核通过后才能送读。
      {actor.role === "COUNTY" ? <> 请在 <Link className="font-medium underline" href={`/filings/implementation-plan?year=${year}`}>报送材料</Link> 中提交。</> : " 请联系县市教育体育局。"}
    </p>
  );
}
