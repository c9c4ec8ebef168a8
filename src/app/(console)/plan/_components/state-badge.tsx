import { VERSION_STATE_LABELS, type VersionState } from "@/server/plan/content";

const STYLE: Record<VersionState, string> = {
  DRAFT: "bg-amber-100 text-amber-900",
  PROBLEM_IMPORT: "bg-red-100 text-red-800",
  ISSUED: "bg-green-100 text-green-800",
  SUPERSEDED: "bg-slate-200 text-slate-700",
  DISCARDED: "bg-slate-200 text-slate-600 line-through",
};

export function StateBadge({ state }: { state: VersionState }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-sm ${STYLE[state]}`}>{VERSION_STATE_LABELS[state]}</span>;
}
