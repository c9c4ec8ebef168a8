import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { programmeYear } from "@/server/calendar/calendar";
import { actorKinds } from "@/server/filings/rules";
import { liveReportFigures, myFilings } from "@/server/filings/read";
import { formatChineseDate } from "@/lib/china-date";
import { FILING_LABELS, kindOfSlug } from "@/lib/schemas/filings";
import { PageTitle } from "@/components/ui/table";
import { FilingForm, type FilingDraft } from "../_components/filing-form";
import { FiguresTable, FilingContentView } from "../_components/filing-content";
import { DeadlineBadge, StatusPill } from "../_components/badges";
import { VersionList } from "../_components/version-list";
import { parseYearParam } from "@/lib/year";

type Params = Promise<{ kind: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const EMPTY: Record<string, FilingDraft> = {
  IMPLEMENTATION_PLAN: { summary: "" },
  ANNUAL_REPORT: { summary: "" },
  PLANNED_FIGURES: { figure: "", note: "" },
  TEACHING_PLAN: {
    managementMode: "", teachingGoals: "", classes: [{ name: "", major: "", size: "", headTeacherName: "", headTeacherPhone: "" }],
    compulsoryCourses: [{ name: "语文", weeklyHours: "" }, { name: "数学", weeklyHours: "" }], vocationalCourses: [{ name: "", weeklyHours: "" }],
    retentionMeasures: "", assessment: "",
  },
};

/** The filer's page for one kind: deadline, the current version's form (or its content once submitted), every version. */
export default async function FilingKindPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const actor = await pageActor("filing.submit");
  const kind = kindOfSlug((await params).kind);
  if (!kind || !actorKinds(actor).includes(kind)) notFound();
  const t = now();
  const year = parseYearParam((await searchParams).year) ?? programmeYear(t);
  const card = (await myFilings(actor, year, t)).find((c) => c.kind === kind)!;
  const latest = card.latest;
  const editable = !latest || latest.status === "DRAFT" || latest.status === "RETURNED";
  const figures = kind === "ANNUAL_REPORT" && editable ? await liveReportFigures(actor, year) : null;
  const figureLabel = actor.role === "COUNTY" ? "上报的送读计划数（人）" : "上报的招生计划数（人）";
  return (
    <div className="flex flex-col gap-5">
      <PageTitle actions={<Link href={`/filings?year=${year}`} className="text-sm text-blue-800 underline">返回报送材料</Link>}>
        {year}年{FILING_LABELS[kind]}
      </PageTitle>
      <dl className="grid gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-600">报送单位</dt><dd>{actor.orgName}</dd>
        <dt className="text-slate-600">报送给</dt><dd>{kind === "TEACHING_PLAN" && actor.countyId ? "本县市教育体育局（备案）" : "州教育体育局"}</dd>
        <dt className="text-slate-600">截止日期</dt><dd>{card.due ? `${formatChineseDate(card.due)}　` : "州局编制计划前　"}<DeadlineBadge state={card.deadline} /></dd>
        <dt className="text-slate-600">状态</dt><dd><StatusPill kind={kind} status={card.status} />{latest ? <span className="ml-2 text-slate-500">第 {latest.version} 版</span> : null}</dd>
      </dl>
      {latest?.status === "RETURNED" ? (
        <div role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          第 {latest.version} 版已退回修改。审核意见：<strong>{latest.reviewComment}</strong>。修改后提交将成为第 {latest.version + 1} 版，第 {latest.version} 版保留不变。
        </div>
      ) : null}
      {kind === "IMPLEMENTATION_PLAN" && latest?.status !== "APPROVED" ? (
        <p className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">实施方案须报州教育体育局审核通过后才能实施：审核通过前不能送读{actor.role === "VOCATIONAL_SCHOOL" ? "学生到本校" : ""}。</p>
      ) : null}
      {figures ? <FiguresTable figures={figures} caption="招生情况（按当前数据生成，提交时固定）" /> : null}
      {editable ? (
        <section aria-label="填写" className="rounded-lg border border-slate-200 bg-white p-4">
          <FilingForm kind={kind} year={year} figureLabel={figureLabel}
            initial={(latest?.content as FilingDraft | undefined) ?? EMPTY[kind]} fileName={latest?.document?.fileName ?? null} />
        </section>
      ) : (
        <section aria-label="已提交的内容" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">{latest!.status === "SUBMITTED" ? "已提交，等待审核；审核前不能修改。" : "已审核，不能再修改。"}</p>
          <FilingContentView kind={kind} content={latest!.content} filerName={actor.orgName} />
          <Link className="text-sm text-blue-800 underline" href={`/filings/v/${latest!.id}`}>查看第 {latest!.version} 版详情{kind === "TEACHING_PLAN" ? "、打印和导出" : ""}</Link>
        </section>
      )}
      <VersionList kind={kind} versions={card.versions} />
    </div>
  );
}
