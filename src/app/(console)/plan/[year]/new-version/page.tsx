import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { AppError } from "@/server/errors";
import { getEditorRows, getVersionDetail } from "@/server/plan/read";
import { PageTitle } from "@/components/ui/table";
import { PlanEditor } from "../../_components/plan-editor";
import { toEditorRows } from "../../_components/editor-rows";
import { versionParam, yearParam } from "../year-param";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** 调整计划 (from the issued version) or 修正导入草稿 (from a file with problems): a new draft version. */
export default async function NewVersionPage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Search }) {
  const actor = await pageActor("plan.edit");
  const year = yearParam((await params).year);
  const from = versionParam(String((await searchParams).from ?? ""));
  const v = await getVersionDetail(actor, year, from).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const back = <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href={`/plan/${year}/v/${from}`}>取消</Link>;
  if (v.openDraftVersion !== null || !v.isLatest || (v.state !== "ISSUED" && v.state !== "PROBLEM_IMPORT")) {
    return (
      <div className="flex flex-col gap-4">
        <PageTitle actions={back}>调整{year}年计划</PageTitle>
        <p className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {v.openDraftVersion !== null
            ? <>第 {v.openDraftVersion} 版草稿还没有下达，请先 <Link className="underline" href={`/plan/${year}/v/${v.openDraftVersion}`}>打开该草稿</Link> 继续修改，或作废后再调整。</>
            : "只能从现行（已下达）版本或最新的导入草稿开始调整。"}
        </p>
      </div>
    );
  }
  const next = Math.max(v.version + 1, 2);
  const rows = toEditorRows(await getEditorRows(actor, { year, version: from }));
  const correcting = v.state === "PROBLEM_IMPORT";
  return (
    <div className="flex flex-col gap-4">
      <PageTitle actions={back}>{correcting ? `修正导入的第 ${from} 版` : `调整${year}年计划`} · 另存为第 {next} 版</PageTitle>
      <p className="text-sm text-slate-600">
        {correcting
          ? `已填入文件中读取到的数字；红字是不符合规则之处（文件中缺少或无法读取的数字为空白）。逐项修正并写明原因后保存为第 ${next} 版草稿，第 ${from} 版连同问题清单原样保留。`
          : `已填入现行第 ${from} 版的数字。修改后写明调整原因，保存为第 ${next} 版草稿；下达前县市和学校仍看到第 ${from} 版。`}
      </p>
      <PlanEditor year={year} cohortBaseYear={v.cohortBaseYear} version={next} needsReason
        counties={rows.counties} schools={rows.schools} />
    </div>
  );
}
