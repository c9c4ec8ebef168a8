import type { DeadlineState } from "@/lib/calendar";
import { filingStatusLabel, type FilingKind, type FilingStatus } from "@/lib/schemas/filings";

const STATUS_STYLE: Record<FilingStatus | "NONE", string> = {
  NONE: "bg-slate-100 text-slate-700",
  DRAFT: "bg-slate-100 text-slate-700",
  SUBMITTED: "bg-blue-100 text-blue-900",
  RETURNED: "bg-amber-100 text-amber-900",
  APPROVED: "bg-green-100 text-green-900",
};

export function StatusPill({ kind, status }: { kind: FilingKind; status: FilingStatus | null }) {
  return <span className={`rounded px-2 py-0.5 text-sm ${STATUS_STYLE[status ?? "NONE"]}`}>{filingStatusLabel(kind, status)}</span>;
}

/** Countdown, 今天截止, 逾期 n 天, or whether the first submission was on time. */
export function DeadlineBadge({ state }: { state: DeadlineState | null }) {
  if (!state) return <span className="text-slate-500">无固定截止日期</span>;
  if (state.kind === "overdue") return <strong className="rounded bg-red-100 px-2 py-0.5 text-red-800">{state.label}</strong>;
  if (state.kind === "filed") return <span className={state.late ? "text-amber-800" : "text-green-800"}>{state.label}</span>;
  return <span className={state.daysLeft <= 7 ? "font-medium text-red-700" : "text-slate-700"}>{state.label}</span>;
}
