import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { listUsers } from "@/server/users/users";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { listQuerySchema } from "@/lib/schemas/org";
import { PageTitle, StatusBadge, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("user.manage");
  const sp = await searchParams;
  const query = listQuerySchema.parse({ q: sp.q, page: sp.page, status: sp.status });
  const page = await listUsers(actor, query);
  return (
    <div>
      <PageTitle actions={<Link className="rounded bg-blue-700 px-3 py-1.5 text-sm text-white" href="/users/new">开设账号</Link>}>账号管理</PageTitle>
      <form className="mb-3 flex flex-wrap items-end gap-3" role="search" aria-label="搜索账号">
        <label className="flex flex-col text-sm">用户名或姓名
          <input name="q" defaultValue={query.q} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col text-sm">状态
          <select name="status" defaultValue={query.status} className="rounded border border-slate-300 px-2 py-1.5">
            <option value="">全部</option><option value="active">启用</option><option value="inactive">已停用</option>
          </select>
        </label>
        <button className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm" type="submit">查询</button>
      </form>
      <Table caption="账号" head={["用户名", "姓名", "账号类型", "所属单位", "最近登录", "状态", ""]}>
        {page.items.map((u) => (
          <tr key={u.id}>
            <Td className="font-mono">{u.username}</Td><Td>{u.displayName}</Td><Td>{ROLE_LABELS[u.role]}</Td><Td>{u.orgLabel}</Td>
            <Td>{u.lastLoginAt ? u.lastLoginAt.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) : "从未登录"}</Td>
            <Td><StatusBadge active={u.active} /></Td>
            <Td><Link className="text-blue-700 underline" href={`/users/${u.id}`}>管理</Link></Td>
          </tr>
        ))}
        {page.items.length === 0 ? <tr><Td className="text-slate-500">没有符合条件的账号。</Td></tr> : null}
      </Table>
      <Pagination basePath="/users" page={page.page} pageCount={page.pageCount} total={page.total} params={{ q: query.q, status: query.status }} />
    </div>
  );
}
