import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { getVersionDetail } from "@/server/plan/read";
import { issuePlanVersionAction } from "@/actions/plan/issue-plan-version";
import { discardPlanDraftAction } from "@/actions/plan/discard-plan-draft";
import { PageTitle } from "@/components/ui/table";
import { PlanTable } from "../../../_components/plan-table";
import { StateBadge } from "../../../_components/state-badge";
import { PlanActionButton } from "../../../_components/plan-action-button";
import { formatChinaDateTime } from "../../../_components/format";
import { versionParam, yearParam } from "../../year-param";
import { scrollRegion } from "@/components/ui/scroll-region";

type Search = Promise<Record<string, string | string[] | undefined>>;

const NOTICES: Record<string, string> = {
  created: "已保存为新的草稿版本。县市和学校还看不到，核对无误后请点“下达”。",
  saved: "草稿已保存。",
  imported: "文件已保存为草稿版本。",
};

export default async function PlanVersionPage({ params, searchParams }: { params: Promise<{ year: string; version: string }>; searchParams: Search }) {
  const actor = await pageActor("plan.read");
  const p = await params;
  const notice = NOTICES[String((await searchParams).notice)] ?? null;
  const year = yearParam(p.year);
  const versionNo = versionParam(p.version);
  const v = await getVersionDetail(actor, year, versionNo).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const edit = can(actor.role, "plan.edit");
  const button = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";
  const primary = "rounded bg-blue-700 px-3 py-1.5 text-sm text-white hover:bg-blue-800";
  const report = v.report;
  const problems = v.state === "PROBLEM_IMPORT" ? report?.problems ?? [] : [];
  const canStartNew = edit && v.isLatest && v.openDraftVersion === null && (v.state === "ISSUED" || v.state === "PROBLEM_IMPORT");
  const th = "border border-slate-300 bg-slate-100 px-2 py-1.5 text-left font-medium";
  const td = "border border-slate-300 px-2 py-1.5 align-top";

  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={
        <div className="flex flex-wrap gap-2">
          <Link className={button} href={`/plan/${year}`}>返回{year}年计划</Link>
          {v.state !== "PROBLEM_IMPORT" && v.content.complete && can(actor.role, "plan.export")
            ? <a className={button} href={`/api/exports/annex2?year=${year}&version=${v.version}`}>导出本版附件2</a> : null}
          {edit && v.version > 1 ? <Link className={button} href={`/plan/${year}/compare?a=${v.version - 1}&b=${v.version}`}>与第 {v.version - 1} 版对比</Link> : null}
        </div>
      }>{year}年送读招生计划 · 第 {v.version} 版</PageTitle>

      {notice ? <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">{notice}</p> : null}

      <section aria-label="版本信息" className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
        <p><StateBadge state={v.state} /></p>
        <p>来源：{v.source === "IMPORT" ? `导入文件“${v.importFileName}”` : "在系统中填写"} · 建立：{formatChinaDateTime(v.createdAt)} {v.createdBy}</p>
        {v.issuedAt ? <p>下达：{formatChinaDateTime(v.issuedAt)} {v.issuedBy}</p> : null}
        {v.amendReason ? <p>调整原因：{v.amendReason}</p> : null}
        {report && report.problems.length === 0 && v.source === "IMPORT" ? <p>导入时没有发现问题。</p> : null}
      </section>

      {edit && v.state === "DRAFT" ? (
        <section aria-label="草稿操作" className="flex flex-wrap items-start gap-4 rounded-lg border border-amber-200 bg-amber-50 p-4">
          <Link className={primary} href={`/plan/${year}/v/${v.version}/edit`}>修改草稿</Link>
          {can(actor.role, "plan.issue") ? (
            <PlanActionButton action={issuePlanVersionAction} versionId={v.id} label="下达" confirmLabel="确认下达"
              title={`下达${year}年计划第 ${v.version} 版`}
              body={`下达后各县市和学校立即看到第 ${v.version} 版，${v.version > 1 ? "原现行版本同时被取代（保留在版本记录中）；" : ""}县市可以开始分解到学校。下达后不能修改，如需变动须另做调整版本并写明原因。`} />
          ) : null}
          <PlanActionButton action={discardPlanDraftAction} versionId={v.id} label="作废草稿" confirmLabel="确认作废" variant="danger"
            title={`作废第 ${v.version} 版草稿`} body="作废后不能再修改或下达，但仍保留在版本记录中。" />
        </section>
      ) : null}

      {v.state === "PROBLEM_IMPORT" ? (
        <section aria-labelledby="problems-heading" className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-4">
          <h2 id="problems-heading" className="text-lg font-semibold text-red-900">导入文件有 {problems.length} 处问题，本版不能下达</h2>
          <p className="text-sm text-red-900">
            本版原样保留上传文件中的数字和问题清单，不能修改或下达。
            {v.isLatest ? "请点“修正为新草稿”：系统把文件中的数字填入编辑表格，逐项修正并写明原因后另存为新版本。" : `已有更新的第 ${v.version + 1} 版及以后的版本。`}
          </p>
          <div {...scrollRegion("导入问题清单", "overflow-x-auto")}>
            <table className="min-w-full border-collapse bg-white text-sm">
              <caption className="sr-only">导入问题清单</caption>
              <thead><tr>{["工作表", "行", "列", "单元格内容", "问题"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
              <tbody>
                {problems.map((pr, i) => (
                  <tr key={i}>
                    <td className={td}>{pr.sheet}</td><td className={`${td} tabular-nums`}>{pr.row}</td><td className={td}>{pr.column}</td>
                    <td className={`${td} whitespace-pre-wrap font-mono`}>{pr.value || "（空）"}</td><td className={`${td} text-red-800`}>{pr.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {edit ? (
            <div className="flex flex-wrap items-start gap-4">
              {canStartNew ? <Link className={primary} href={`/plan/${year}/new-version?from=${v.version}`}>修正为新草稿</Link> : null}
              <PlanActionButton action={discardPlanDraftAction} versionId={v.id} label="作废此导入草稿" confirmLabel="确认作废" variant="secondary"
                title={`作废第 ${v.version} 版导入草稿`} body="作废后仍保留在版本记录中（连同问题清单）。" />
            </div>
          ) : null}
        </section>
      ) : null}

      {canStartNew && v.state === "ISSUED" ? (
        <section aria-label="调整计划" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
          需要变动已下达的计划时，请点 <Link className={primary} href={`/plan/${year}/new-version?from=${v.version}`}>调整计划</Link>，
          修改后写明调整原因另存为第 {v.version + 1} 版，下达后取代本版。
        </section>
      ) : null}
      {edit && v.state === "ISSUED" && v.openDraftVersion ? (
        <p className="text-sm text-slate-700">调整中：<Link className="text-blue-700 underline" href={`/plan/${year}/v/${v.openDraftVersion}`}>第 {v.openDraftVersion} 版草稿</Link>尚未下达。</p>
      ) : null}

      <section aria-labelledby="figures-heading" className="flex flex-col gap-2">
        <h2 id="figures-heading" className="text-lg font-semibold">{v.state === "PROBLEM_IMPORT" ? "文件中的数字（原样，合计按各行计算）" : "计划数字"}</h2>
        <PlanTable content={v.content} totals={v.totals} cohortBaseYear={v.cohortBaseYear} flagRules={v.state === "PROBLEM_IMPORT"} />
      </section>
    </div>
  );
}
