import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { AppError } from "@/server/errors";
import { getEditorRows, getVersionDetail } from "@/server/plan/read";
import { PageTitle } from "@/components/ui/table";
import { PlanEditor } from "../../../../_components/plan-editor";
import { PlannedFiguresPanel } from "../../../../_components/planned-figures-panel";
import { toEditorRows } from "../../../../_components/editor-rows";
import { versionParam, yearParam } from "../../../year-param";

export default async function EditDraftPage({ params }: { params: Promise<{ year: string; version: string }> }) {
  const actor = await pageActor("plan.edit");
  const p = await params;
  const year = yearParam(p.year);
  const versionNo = versionParam(p.version);
  const v = await getVersionDetail(actor, year, versionNo).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  if (v.state !== "DRAFT") {
    return (
      <div className="flex flex-col gap-4">
        <PageTitle>修改{year}年计划第 {v.version} 版</PageTitle>
        <p className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          第 {v.version} 版不是可修改的草稿（已下达、已作废或是有问题的导入文件）。请回到 <Link className="underline" href={`/plan/${year}/v/${v.version}`}>第 {v.version} 版</Link> 查看可办理的操作。
        </p>
      </div>
    );
  }
  const rows = toEditorRows(await getEditorRows(actor, { year, version: v.version }));
  return (
    <div className="flex flex-col gap-4">
      <PageTitle actions={<Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href={`/plan/${year}/v/${v.version}`}>取消</Link>}>
        修改{year}年计划第 {v.version} 版草稿
      </PageTitle>
      <PlannedFiguresPanel actor={actor} year={year} />
      <PlanEditor year={year} cohortBaseYear={v.cohortBaseYear} versionId={v.id} version={v.version} needsReason={v.version > 1}
        initialReason={v.amendReason ?? ""} counties={rows.counties} schools={rows.schools} />
    </div>
  );
}
