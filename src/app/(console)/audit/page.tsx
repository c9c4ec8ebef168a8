import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { listAudit } from "@/server/audit-read";
import { auditOrgOptions, describeFilter, type AuditOrg } from "@/server/audit-scope";
import { AppError } from "@/server/errors";
import { auditFilterParams, auditFilterSchema } from "@/lib/schemas/audit";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "@/lib/audit-labels";
import { chinaTime } from "@/lib/audit-format";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";

type Search = Promise<Record<string, string | string[] | undefined>>;

const input = "rounded border border-slate-300 bg-white px-2 py-1.5";
const GROUPS: AuditOrg["group"][] = ["州局", "县市教育体育局", "初级中学", "职业学校"];

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("audit.read");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const parsed = auditFilterSchema.safeParse({ from: one("from"), to: one("to"), org: one("org"), action: one("action"), entity: one("entity"), page: one("page") });
  if (!parsed.success) notFound();
  const f = parsed.data;
  const orgs = await auditOrgOptions(actor);
  const page = await listAudit(actor, f).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const params = auditFilterParams(f);
  const exportHref = `/api/exports/audit?${new URLSearchParams(params).toString()}`;
  return (
    <div>
      <PageTitle actions={<a className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href={exportHref}>导出 Excel（按当前筛选条件）</a>}>
        操作日志
      </PageTitle>
      <p className="mb-3 text-sm text-slate-600">
        {actor.role === "PREFECTURE" ? "显示全州各单位的操作记录。" : "显示本县市教育体育局、本县市初中学校和职业学校的操作记录。"}
        登录失败、账号锁定和被拒绝的导入也记录在内；身份证号码在日志中从不显示。
      </p>
      <form className="mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search" aria-label="筛选日志">
        <label className="flex flex-col text-sm">开始日期<input type="date" name="from" defaultValue={f.from} className={input} /></label>
        <label className="flex flex-col text-sm">结束日期<input type="date" name="to" defaultValue={f.to} className={input} /></label>
        <label className="flex flex-col text-sm">单位
          <select name="org" aria-label="单位" defaultValue={f.org} className={`${input} max-w-64`}>
            <option value="">全部单位</option>
            {GROUPS.map((g) => {
              const list = orgs.filter((o) => o.group === g);
              return list.length ? <optgroup key={g} label={g}>{list.map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}</optgroup> : null;
            })}
          </select>
        </label>
        <label className="flex flex-col text-sm">操作
          <select name="action" aria-label="操作" defaultValue={f.action} className={`${input} max-w-64`}>
            <option value="">全部操作</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">对象
          <select name="entity" aria-label="对象" defaultValue={f.entity} className={input}>
            <option value="">全部对象</option>
            {Object.entries(AUDIT_ENTITY_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </label>
        <button className="rounded bg-blue-700 px-3 py-1.5 text-sm text-white" type="submit">查询</button>
        <a className="px-2 py-1.5 text-sm text-blue-700 underline" href="/audit">清除筛选</a>
      </form>
      <p className="mb-2 text-sm" aria-live="polite">筛选条件：{describeFilter(f, orgs, AUDIT_ENTITY_LABELS)}（时间均为北京时间）</p>
      <Table caption="操作日志" head={["时间", "操作人", "内容", "对象"]}>
        {page.items.length === 0 ? (
          <tr><Td className="text-slate-500">没有符合条件的记录。</Td><Td>{""}</Td><Td>{""}</Td><Td>{""}</Td></tr>
        ) : page.items.map((r) => (
          <tr key={r.id}>
            <Td className="whitespace-nowrap">{chinaTime(r.at)}</Td>
            <Td className="whitespace-nowrap">{r.actor}</Td>
            <Td className="max-w-2xl">{r.text}</Td>
            <Td className="text-slate-600">{r.entityLabel}</Td>
          </tr>
        ))}
      </Table>
      <Pagination basePath="/audit" page={page.page} pageCount={page.pageCount} total={page.total} params={params} />
    </div>
  );
}
