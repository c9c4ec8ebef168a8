import type { ReactNode } from "react";
import { scrollRegion } from "./scroll-region";

export function Table({ caption, head, children }: { caption: string; head: ReactNode[]; children: ReactNode }) {
  return (
    <div {...scrollRegion(caption, "overflow-x-auto rounded-lg border border-slate-200 bg-white")}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>{head.map((h, i) => <th key={i} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">{h}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export const Td = ({ children, className = "" }: { children: ReactNode; className?: string }) => (
  <td className={`px-3 py-2 align-top ${className}`}>{children}</td>
);

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
      <h1 className="text-xl font-semibold">{children}</h1>
      {actions}
    </div>
  );
}

export function StatusBadge({ active }: { active: boolean }) {
  return active
    ? <span className="rounded bg-green-100 px-2 py-0.5 text-green-800">启用</span>
    : <span className="rounded bg-slate-200 px-2 py-0.5 text-slate-700">已停用</span>;
}
