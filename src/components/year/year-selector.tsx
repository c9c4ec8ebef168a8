import Link from "next/link";
import { yearHref } from "@/lib/year";
import type { YearAtHand } from "@/server/year";

/**
 * The one year selector of every year-bound page: a link per year, `?year=YYYY` (other filters kept,
 * paging reset). The programme year today falls in is marked 今年.
 */
export function YearSelector({ at, path, params = {} }: { at: YearAtHand; path: string; params?: Record<string, string | undefined> }) {
  return (
    <nav aria-label="选择年度" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">年度</span>
      {at.years.map((y) => (
        <Link
          key={y}
          href={yearHref(path, y, params)}
          aria-current={y === at.year ? "page" : undefined}
          className={`rounded border px-2 py-1 ${y === at.year ? "border-blue-700 bg-blue-50 font-semibold text-blue-800" : "border-slate-300 bg-white hover:bg-slate-100"}`}
        >
          {y}年{y === at.current ? "（今年）" : ""}
        </Link>
      ))}
    </nav>
  );
}

/** Shown above a past year's page whose phase is over: the forms are hidden, the tables stay. */
export function ReadOnlyNote({ text }: { text: string }) {
  return (
    <p role="status" data-testid="read-only-year" className="rounded border border-slate-300 bg-slate-100 px-3 py-2 text-sm text-slate-800">
      {text}
    </p>
  );
}
