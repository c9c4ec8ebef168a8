import Link from "next/link";
import type { InboxItem } from "@/server/inbox";

const TONE: Record<InboxItem["tone"], { label: string; className: string }> = {
  overdue: { label: "逾期", className: "bg-red-100 text-red-800" },
  todo: { label: "待办", className: "bg-blue-100 text-blue-800" },
  deadline: { label: "截止提醒", className: "bg-amber-100 text-amber-900" },
};

/** The to-do lines, each a link to the page where the work is done. */
export function InboxList({ items, emptyText = "目前没有待办事项。" }: { items: InboxItem[]; emptyText?: string }) {
  if (!items.length) return <p className="text-slate-600">{emptyText}</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-100" aria-label="待办事项">
      {items.map((i) => (
        <li key={`${i.source}:${i.key}`} className="flex flex-wrap items-start gap-3 py-2" data-inbox-item={`${i.source}:${i.key}`}>
          <span className={`shrink-0 rounded px-2 py-0.5 text-xs font-medium ${TONE[i.tone].className}`}>{TONE[i.tone].label}</span>
          <div className="flex min-w-0 flex-1 flex-col">
            <Link href={i.href} className="font-medium text-blue-800 underline">{i.title}</Link>
            {i.detail ? <span className="text-sm text-slate-600">{i.detail}</span> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
