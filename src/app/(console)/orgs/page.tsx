import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { listCounties, listMiddleSchools, listVocationalSchools } from "@/server/orgs/orgs";
import { listQuerySchema } from "@/lib/schemas/org";
import { PageTitle, StatusBadge, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function OrgsPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("org.read");
  const sp = await searchParams;
  const canMiddle = actor.role !== "VOCATIONAL_SCHOOL";
  const tab = (typeof sp.tab === "string" ? sp.tab : canMiddle ? "middle" : "vocational") as "middle" | "counties" | "vocational";
  const query = listQuerySchema.parse({ q: sp.q, page: sp.page, countyId: sp.countyId, status: sp.status });
  const tabs = [
    ...(canMiddle ? [{ key: "middle", label: "初中学校" }] : []),
    { key: "counties", label: "县市" },
    { key: "vocational", label: "职业学校" },
  ];
  const counties = await listCounties(actor);
  return (
    <div>
      <PageTitle>组织机构</PageTitle>
      <div role="tablist" aria-label="机构类别" className="mb-4 flex gap-2">
        {tabs.map((t) => (
          <Link key={t.key} role="tab" aria-selected={tab === t.key} href={`/orgs?tab=${t.key}`}
            className={`rounded px-3 py-1.5 text-sm ${tab === t.key ? "bg-blue-700 text-white" : "border border-slate-300 bg-white"}`}>
            {t.label}
          </Link>
        ))}
      </div>
      {tab === "middle" && canMiddle ? <MiddleSchools actor={actor} query={query} counties={counties} /> : null}
      {tab === "counties" ? (
        <Table caption="县市" head={["序号", "县市", "教育体育局", "状态", ""]}>
          {counties.map((c) => (
            <tr key={c.id}>
              <Td>{c.sortOrder}</Td><Td>{c.name}</Td><Td>{c.bureauName}</Td><Td><StatusBadge active={c.active} /></Td>
              <Td>{can(actor.role, "org.county.manage") ? <Link className="text-blue-700 underline" href={`/orgs/counties/${c.id}`}>修改</Link> : null}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
      {tab === "vocational" ? <Vocational actor={actor} /> : null}
    </div>
  );
}

async function Vocational({ actor }: { actor: Awaited<ReturnType<typeof pageActor>> }) {
  const schools = await listVocationalSchools(actor);
  const manage = can(actor.role, "org.vocationalSchool.manage");
  return (
    <>
      {manage ? <p className="mb-3"><Link className="rounded bg-blue-700 px-3 py-1.5 text-sm text-white" href="/orgs/vocational-schools/new">新增职业学校</Link></p> : null}
      <Table caption="职业学校" head={["序号", "简称", "全称", "隶属", "状态", ""]}>
        {schools.map((s) => (
          <tr key={s.id}>
            <Td>{s.sortOrder}</Td><Td>{s.name}</Td><Td>{s.fullName}</Td><Td>{s.county ? s.county.name : "州属"}</Td>
            <Td><StatusBadge active={s.active} /></Td>
            <Td>{manage ? <Link className="text-blue-700 underline" href={`/orgs/vocational-schools/${s.id}`}>修改</Link> : null}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}

async function MiddleSchools({ actor, query, counties }: {
  actor: Awaited<ReturnType<typeof pageActor>>;
  query: ReturnType<typeof listQuerySchema.parse>;
  counties: { id: string; name: string }[];
}) {
  const page = await listMiddleSchools(actor, query);
  const manage = can(actor.role, "org.middleSchool.manage");
  const params: Record<string, string> = { tab: "middle", q: query.q, countyId: query.countyId, status: query.status };
  return (
    <>
      <form className="mb-3 flex flex-wrap items-end gap-3" role="search" aria-label="搜索初中学校">
        <input type="hidden" name="tab" value="middle" />
        <label className="flex flex-col text-sm">学校名称
          <input name="q" defaultValue={query.q} className="rounded border border-slate-300 px-2 py-1.5" placeholder="输入校名关键字" />
        </label>
        {actor.role === "PREFECTURE" ? (
          <label className="flex flex-col text-sm">县市
            <select name="countyId" defaultValue={query.countyId} className="rounded border border-slate-300 px-2 py-1.5">
              <option value="">全部</option>
              {counties.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
        ) : null}
        <label className="flex flex-col text-sm">状态
          <select name="status" defaultValue={query.status} className="rounded border border-slate-300 px-2 py-1.5">
            <option value="">全部</option><option value="active">启用</option><option value="inactive">已停用</option>
          </select>
        </label>
        <button className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm" type="submit">查询</button>
        {manage ? <Link className="rounded bg-blue-700 px-3 py-1.5 text-sm text-white" href="/orgs/middle-schools/new">新增初中学校</Link> : null}
      </form>
      <p className="mb-2 text-xs text-slate-500">提示：演示环境中的初中学校名称为演示数据，并非真实名单。</p>
      <Table caption="初中学校" head={["县市", "学校名称", "类别", "账号数", "状态", ""]}>
        {page.items.map((s) => (
          <tr key={s.id}>
            <Td>{s.county.name}</Td>
            <Td>{s.name}{s.isDemo ? <span className="ml-1 text-xs text-slate-500">（演示）</span> : null}</Td>
            <Td>{s.prefectureOwned ? "州属高完中（由楚雄市组织送读）" : "初级中学"}</Td>
            <Td>{s._count.users}</Td>
            <Td><StatusBadge active={s.active} /></Td>
            <Td>{manage ? <Link className="text-blue-700 underline" href={`/orgs/middle-schools/${s.id}`}>修改</Link> : null}</Td>
          </tr>
        ))}
        {page.items.length === 0 ? <tr><Td className="text-slate-500">没有符合条件的学校。</Td></tr> : null}
      </Table>
      <Pagination basePath="/orgs" page={page.page} pageCount={page.pageCount} total={page.total} params={params} />
    </>
  );
}
