import Link from "next/link";

/** Server-side pagination links that keep the current query string. */
export function Pagination({ page, pageCount, total, params, basePath }: {
  page: number; pageCount: number; total: number; params: Record<string, string>; basePath: string;
}) {
  const href = (p: number) => `${basePath}?${new URLSearchParams({ ...params, page: String(p) }).toString()}`;
  return (
    <nav aria-label="分页" className="mt-4 flex items-center gap-3 text-sm">
      <span>共 {total} 条，第 {page} / {pageCount} 页</span>
      {page > 1 ? <Link className="rounded border px-2 py-1" href={href(page - 1)}>上一页</Link> : null}
      {page < pageCount ? <Link className="rounded border px-2 py-1" href={href(page + 1)}>下一页</Link> : null}
    </nav>
  );
}
