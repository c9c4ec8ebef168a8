import { pageActor } from "@/server/auth/page";
import { listAudit } from "@/server/audit-read";
import { listQuerySchema } from "@/lib/schemas/org";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
import { AUDIT_ACTION_LABELS as ACTION_LABELS } from "@/lib/audit-labels";

type Search = Promise<Record<string, string | string[] | undefined>>;


export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("audit.read");
  const sp = await searchParams;
  const query = listQuerySchema.parse({ q: sp.q, page: sp.page });
  const page = await listAudit(actor, query);
  return (
    <div>
      <PageTitle>操作日志</PageTitle>
      <form className="mb-3 flex items-end gap-3" role="search" aria-label="搜索日志">
        <label className="flex flex-col text-sm">操作或单位
          <input name="q" defaultValue={query.q} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <button className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm" type="submit">查询</button>
      </form>
      <Table caption="操作日志" head={["时间", "操作人", "单位", "操作", "对象", "内容"]}>
        {page.items.map((r) => (
          <tr key={r.id}>
            <Td className="whitespace-nowrap">{r.at.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}</Td>
            <Td>{r.actor ? `${r.actor.displayName}（${r.actor.username}）` : "—"}</Td>
            <Td>{r.orgLabel ?? "—"}</Td>
            <Td>{ACTION_LABELS[r.action] ?? r.action}</Td>
            <Td className="font-mono text-xs">{r.entityType ?? ""}</Td>
            <Td className="max-w-md font-mono text-xs break-all">{r.summary ? JSON.stringify(r.summary) : ""}</Td>
          </tr>
        ))}
      </Table>
      <Pagination basePath="/audit" page={page.page} pageCount={page.pageCount} total={page.total} params={{ q: query.q }} />
    </div>
  );
}
