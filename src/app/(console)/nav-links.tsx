"use client";
import { useId, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";

type Item = { href: string; label: string; badge?: number };

const Badge = ({ n, ...data }: { n: number } & Record<`data-${string}`, boolean>) => (
  <span className="ml-1 inline-block min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs font-medium text-white" {...data}>
    {n}<span className="sr-only"> 项待办</span>
  </span>
);

/**
 * The main navigation. At ≥ 640 px every section is a tab in a wrapping row. Below 640 px (decision 082) only
 * a button is shown — the current section's name and 菜单 — which opens the same list as a column; choosing
 * a section closes it. One list of links for both layouts: only CSS differs.
 */
export function NavLinks({ items }: { items: Item[] }) {
  const path = usePathname();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const isActive = (href: string) => (href === "/" ? path === "/" : path.startsWith(href));
  const current = items.find((i) => isActive(i.href));
  const todo = items.reduce((n, i) => n + (i.badge ?? 0), 0);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-between gap-2 py-2 text-sm sm:hidden"
        data-nav-toggle
      >
        <span className="min-w-0 truncate font-medium text-blue-800">
          <span className="sr-only">当前栏目：</span>{current?.label ?? "栏目"}
          {todo && current?.href !== "/inbox" ? <Badge n={todo} data-menu-badge /> : null}
        </span>
        <span className="flex shrink-0 items-center gap-1 rounded border border-slate-300 px-2 py-1 text-slate-700">
          <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.5">
            {open ? <path d="M4 4l8 8M12 4l-8 8" /> : <path d="M2 4h12M2 8h12M2 12h12" />}
          </svg>
          {open ? "收起菜单" : "菜单"}
        </span>
      </button>
      <ul id={listId} className={`${open ? "flex" : "hidden"} flex-col pb-2 sm:flex sm:flex-row sm:flex-wrap sm:gap-1 sm:pb-0`}>
        {items.map((i) => {
          const active = isActive(i.href);
          return (
            <li key={i.href}>
              <Link
                href={i.href}
                aria-current={active ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`block border-l-2 px-3 py-2 text-sm sm:inline-block sm:border-b-2 sm:border-l-0 ${active ? "border-blue-700 font-medium text-blue-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {i.label}
                {i.badge ? <Badge n={i.badge} data-inbox-badge /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
