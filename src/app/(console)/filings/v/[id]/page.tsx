import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { getFiling } from "@/server/filings/read";
import { AppError } from "@/server/errors";
import { formatChineseDate } from "@/lib/china-date";
import { APPROVE_VERB, FILING_LABELS } from "@/lib/schemas/filings";
import { PageTitle } from "@/components/ui/table";
import { PrintButton } from "@/app/(console)/applications/_components/print-button";
import { FilingContentView } from "../../_components/filing-content";
import { StatusPill } from "../../_components/badges";
import { ReviewForm } from "../../_components/review-form";
import { VersionList } from "../../_components/version-list";

type Params = Promise<{ id: string }>;
const time = (t: Date | null) => (t ? t.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "");

/** One version of a filing: content, attachment, review; the reviewer decides here. */
export default async function FilingVersionPage({ params }: { params: Params }) {
  const actor = await pageActor("filing.read");
  const { id } = await params;
  const f = await getFiling(actor, id).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <div className="flex flex-col gap-5">
      <PageTitle actions={
        <div className="flex items-center gap-3 print:hidden">
          {f.kind === "TEACHING_PLAN" ? <PrintButton /> : null}
          {f.kind === "TEACHING_PLAN" ? <a className="rounded border border-blue-700 px-3 py-1.5 text-sm text-blue-800 hover:bg-blue-50" href={`/api/exports/annex5?id=${f.id}`} download>导出附件5（Excel）</a> : null}
          <Link href={`/filings?year=${f.year}`} className="text-sm text-blue-800 underline">返回报送材料</Link>
        </div>
      }>
        {f.filerName} {f.year}年{FILING_LABELS[f.kind]}（第 {f.version} 版）
      </PageTitle>
      <dl className="grid gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[8rem_1fr] print:hidden">
        <dt className="text-slate-600">状态</dt><dd><StatusPill kind={f.kind} status={f.status} />{f.isLatest ? "" : <span className="ml-2 text-slate-500">（历史版本）</span>}</dd>
        <dt className="text-slate-600">提交</dt><dd>{f.submittedOn ? `${formatChineseDate(f.submittedOn)}，${f.submittedByName}` : "尚未提交"}</dd>
        {f.reviewedAt ? <><dt className="text-slate-600">审核</dt><dd>{time(f.reviewedAt)}，{f.reviewedByName}{f.reviewComment ? `。意见：${f.reviewComment}` : ""}</dd></> : null}
        <dt className="text-slate-600">附件</dt>
        <dd>{f.document ? <a className="text-blue-800 underline" href={`/api/documents/${f.document.id}`}>{f.document.fileName}</a> : "无"}</dd>
      </dl>
      <section aria-label="内容" className="rounded-lg border border-slate-200 bg-white p-4 print:border-0 print:p-0">
        <FilingContentView kind={f.kind} content={f.content} filerName={f.filerName} />
      </section>
      {f.reviewable ? (
        <section aria-labelledby="review-h" className="rounded-lg border border-slate-200 bg-white p-4 print:hidden">
          <h2 id="review-h" className="mb-2 font-semibold">审核</h2>
          <ReviewForm id={f.id} approveLabel={APPROVE_VERB[f.kind]} />
        </section>
      ) : null}
      <div className="print:hidden"><VersionList kind={f.kind} versions={f.versions} /></div>
    </div>
  );
}
