import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { getPlanOverview } from "@/server/plan/read";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { PlanTable } from "../_components/plan-table";
import { StateBadge } from "../_components/state-badge";
import { formatChinaDateTime } from "../_components/format";
import { yearParam } from "./year-param";
import { yearAtHand } from "@/server/year";
import { YearSelector } from "@/components/year/year-selector";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function PlanYearPage({ params, searchParams }: { params: Promise<{ year: string }>; searchParams: Search }) {
  const actor = await pageActor("plan.read");
  const year = yearParam((await params).year);
  const sp = await searchParams;
  const plan = await getPlanOverview(actor, year).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const prefecture = actor.role === "PREFECTURE";
  const issued = plan.issued;
  const link = "text-blue-700 underline";
  const button = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";
  const mine = actor.role === "COUNTY" ? plan.allocation[0] : null;
  // Confirmation after 下达 / 作废 on the version page (composed here, never taken from the address).
  const noticeVersion = plan.versions.find((v) => String(v.version) === sp.v);
  const notice =
    sp.notice === "issued" && noticeVersion?.state === "ISSUED"
      ? `已下达${year}年计划第 ${noticeVersion.version} 版。各县市和学校现在看到的是第 ${noticeVersion.version} 版${noticeVersion.version > 1 ? "，原版本已被取代" : "，县市可以分解到学校"}。`
      : sp.notice === "discarded" && noticeVersion?.state === "DISCARDED"
        ? `已作废第 ${noticeVersion.version} 版草稿（仍保留在版本记录中）。`
        : null;

  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={
        <div className="flex flex-wrap gap-2">
          {issued && can(actor.role, "plan.export") ? <a className={button} href={`/api/exports/annex2?year=${year}`}>导出附件2（.xlsx）</a> : null}
          {prefecture && plan.versions.length > 1 ? <Link className={button} href={`/plan/${year}/compare`}>版本对比</Link> : null}
        </div>
      }>{year}年送读招生计划</PageTitle>
      <YearSelector at={await yearAtHand({ year: String(year) })} path="/plan" />

      {notice ? <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">{notice}</p> : null}

      <section aria-label="现行版本" className="rounded-lg border border-slate-200 bg-white p-4">
        {issued ? (
          <p className="text-slate-800">
            <StateBadge state="ISSUED" />{" "}
            <span className="font-medium">现行版本：第 {issued.version} 版</span>，{formatChinaDateTime(issued.issuedAt!)} 由{issued.issuedBy ? `${issued.issuedBy}` : "州教育体育局"}下达。
            {issued.amendReason ? <span className="block text-sm text-slate-600">调整原因：{issued.amendReason}</span> : null}
            {prefecture ? <Link className={`${link} ml-2 text-sm`} href={`/plan/${year}/v/${issued.version}`}>查看第 {issued.version} 版详情</Link> : null}
          </p>
        ) : (
          <p className="text-amber-900">{year}年计划尚未下达：县市和学校还看不到本计划。</p>
        )}
        {prefecture && plan.openDraft ? (
          <p className="mt-2 text-sm">
            有未下达的草稿：<Link className={link} href={`/plan/${year}/v/${plan.openDraft.version}`}>第 {plan.openDraft.version} 版草稿</Link>（修改后在草稿页面下达）。
          </p>
        ) : null}
      </section>

      {mine ? (
        <section aria-labelledby="split-heading" className="rounded-lg border border-blue-200 bg-blue-50 p-4">
          <h2 id="split-heading" className="font-semibold">本县市分解到学校的情况</h2>
          <p className="mt-1 text-slate-800">
            送读计划 <strong>{mine.sendOffCap}</strong> 人 · 已分配 <strong data-testid="county-allocated">{mine.allocated}</strong> 人 ·
            未分配 <strong data-testid="county-unallocated">{mine.sendOffCap - mine.allocated}</strong> 人
          </p>
          {can(actor.role, "allocation.edit") ? <p className="mt-2"><Link className="rounded bg-blue-700 px-3 py-1.5 text-sm text-white hover:bg-blue-800" href={`/plan/${year}/split`}>分解到学校</Link></p> : null}
        </section>
      ) : null}

      {plan.ownAllocation ? (
        <section aria-labelledby="own-heading" className="rounded-lg border border-blue-200 bg-blue-50 p-4">
          <h2 id="own-heading" className="font-semibold">{plan.ownAllocation.schoolName}的送读名额</h2>
          <p className="mt-1 text-slate-800">
            {plan.ownAllocation.allocation === null
              ? "县市教育体育局尚未给本校分配送读名额。"
              : <>县市教育体育局分配给本校 <strong data-testid="own-allocation">{plan.ownAllocation.allocation}</strong> 人。</>}
          </p>
        </section>
      ) : null}

      {prefecture ? (
        <section aria-labelledby="versions-heading" className="flex flex-col gap-2">
          <h2 id="versions-heading" className="text-lg font-semibold">全部版本</h2>
          <Table caption="全部版本" head={["版本", "状态", "来源", "调整原因", "建立", "下达", ""]}>
            {[...plan.versions].reverse().map((v) => (
              <tr key={v.id}>
                <Td>第 {v.version} 版</Td>
                <Td><StateBadge state={v.state} /></Td>
                <Td>{v.source === "IMPORT" ? <>导入：{v.importFileName}{v.problemCount ? <span className="block text-red-800">{v.problemCount} 处问题</span> : null}</> : "在系统中填写"}</Td>
                <Td className="max-w-72">{v.amendReason ?? "—"}</Td>
                <Td>{formatChinaDateTime(v.createdAt)}<span className="block text-slate-500">{v.createdBy}</span></Td>
                <Td>{v.issuedAt ? <>{formatChinaDateTime(v.issuedAt)}<span className="block text-slate-500">{v.issuedBy}</span></> : "—"}</Td>
                <Td><Link className={link} href={`/plan/${year}/v/${v.version}`}>查看</Link></Td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}

      {issued ? (
        <section aria-labelledby="issued-heading" className="flex flex-col gap-2">
          <h2 id="issued-heading" className="text-lg font-semibold">现行计划（第 {issued.version} 版）</h2>
          <PlanTable content={issued.content} totals={issued.totals} cohortBaseYear={plan.cohortBaseYear} />
        </section>
      ) : null}

      {prefecture && issued ? (
        <section aria-labelledby="alloc-heading" className="flex flex-col gap-2">
          <h2 id="alloc-heading" className="text-lg font-semibold">各县市分解到学校的进度</h2>
          <Table layout="scroll" caption="各县市分解进度" head={["县市", "送读计划", "已分配到校", "未分配", "已分配学校数", ""]}>
            {plan.allocation.map((a) => (
              <tr key={a.countyId}>
                <Td>{a.countyName}</Td>
                <Td>{a.sendOffCap}</Td>
                <Td>{a.allocated}</Td>
                <Td>{a.sendOffCap - a.allocated}</Td>
                <Td>{a.schools}</Td>
                <Td><Link className={link} href={`/plan/${year}/split?county=${a.countyId}`}>查看</Link></Td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
    </div>
  );
}
