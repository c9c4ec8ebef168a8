"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ items }: { items: { href: string; label: string; badge?: number }[] }) {
  const path = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((i) => {
        const active = i.href === "/" ? path === "/" : path.startsWith(i.href);
        return (
          <li key={i.href}>
            <Link
              href={i.href}
              aria-current={active ? "page" : undefined}
              className={`inline-block border-b-2 px-3 py-2 text-sm ${active ? "border-blue-700 font-medium text-blue-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {i.label}
              {i.badge ? (
                <span className="ml-1 inline-block min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs font-medium text-white" data-inbox-badge>
                  {i.badge}<span className="sr-only"> 项待办</span>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
