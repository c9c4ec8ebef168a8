import Link from "next/link";
import { redirect } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { yearAtHand } from "@/server/year";
import { parseYearParam } from "@/lib/year";
import { YearSelector } from "@/components/year/year-selector";
import { can } from "@/server/auth/permissions";
import { listPlans } from "@/server/plan/read";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { formatChinaDateTime } from "./_components/format";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** All years' plans; `?year=Y` opens that year's plan (/plan/Y), the one address of the year selector. */
export default async function PlansPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("plan.read");
  const sp = await searchParams;
  const plans = await listPlans(actor);
  const asked = parseYearParam(sp.year);
  if (asked !== null && plans.some((p) => p.year === asked)) redirect(`/plan/${asked}`);
  const at = await yearAtHand(sp);
  const edit = can(actor.role, "plan.edit");
  return (
    <div className="flex flex-col gap-4">
      <PageTitle actions={edit ? (
        <div className="flex gap-2">
          <Link className="rounded bg-blue-700 px-3 py-1.5 text-sm text-white hover:bg-blue-800" href="/plan/new">新建年度计划</Link>
          <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href="/plan/import">导入附件2（.xlsx）</Link>
        </div>
      ) : null}>送读招生计划（附件2）</PageTitle>
      <YearSelector at={at} path="/plan" />
      {asked !== null ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {edit ? `${asked}年还没有送读招生计划。请点“新建年度计划”填写，或“导入附件2”上传表格。` : `州教育体育局尚未下达${asked}年的送读招生计划。`}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        {edit
          ? "州教育体育局编制、下达和调整各年度送读招生计划；草稿只有州局能看到，下达后各县市和学校才能看到。"
          : "这里显示州教育体育局已下达的送读招生计划（现行版本）。"}
      </p>
      {plans.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white px-4 py-6 text-slate-600">
          {edit ? "还没有任何年度的计划。请点“新建年度计划”填写，或“导入附件2”上传表格。" : "州教育体育局尚未下达送读招生计划。"}
        </p>
      ) : (
        <Table caption="各年度送读招生计划" head={["年度", "初一入学年份", "现行版本", "下达时间", ...(edit ? ["版本数", "未下达的草稿"] : []), ""]}>
          {plans.map((p) => (
            <tr key={p.year}>
              <Td>{p.year}年</Td>
              <Td>{p.cohortBaseYear}年</Td>
              <Td>{p.issued ? `第 ${p.issued.version} 版` : <span className="text-amber-800">尚未下达</span>}</Td>
              <Td>{p.issued?.issuedAt ? formatChinaDateTime(p.issued.issuedAt) : "—"}</Td>
              {edit ? <><Td>{p.versions}</Td><Td>{p.openDraft ? `第 ${p.openDraft} 版` : "—"}</Td></> : null}
              <Td><Link className="text-blue-700 underline" href={`/plan/${p.year}`}>查看{p.year}年计划</Link></Td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
