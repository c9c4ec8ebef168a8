import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { myFilings, reviewBoard, reviewKinds } from "@/server/filings/read";
import type { Actor } from "@/server/auth/load-actor";
import { formatChineseDate } from "@/lib/china-date";
import { FILING_LABELS, FILING_SLUGS, type FilingKind } from "@/lib/schemas/filings";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { DeadlineBadge, StatusPill } from "./_components/badges";
import { WaiveForm } from "./_components/waive-form";
import { yearAtHand } from "@/server/year";
import { YearSelector } from "@/components/year/year-selector";

type Search = Promise<Record<string, string | string[] | undefined>>;

const WHO_FILES: Record<FilingKind, string> = {
  IMPLEMENTATION_PLAN: "各县市教育体育局、州属职业学校报州教育体育局审核，审核通过后才能实施（送读）。",
  TEACHING_PLAN: "各职业学校填报附件5：县市职中报本县市教育体育局备案，州属职业学校报州教育体育局备案。",
  ANNUAL_REPORT: "各县市教育体育局、州属职业学校每年9月底前上报当年招生情况及工作总结，招生数据由系统按实际数据生成。",
  PLANNED_FIGURES: "州局编制送读招生计划前，各县市上报送读计划数、各职业学校上报招生计划数（附件2 备注3“上报的计划”）。",
};

export default async function FilingsPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("filing.read");
  const t = now();
  const at = await yearAtHand(await searchParams, { now: t });
  const { year } = at;
  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<YearSelector at={at} path="/filings" />}>{year}年报送材料</PageTitle>
      {actor.role === "COUNTY" || actor.role === "VOCATIONAL_SCHOOL" ? <FilerView actor={actor} year={year} now={t} /> : null}
      {can(actor.role, "filing.review") ? <ReviewerView actor={actor} year={year} now={t} /> : null}
    </div>
  );
}

async function FilerView({ actor, year, now }: { actor: Actor; year: number; now: Date }) {
  const cards = await myFilings(actor, year, now);
  return (
    <section aria-labelledby="mine-h" className="flex flex-col gap-3">
      <h2 id="mine-h" className="text-lg font-semibold">本单位需报送的材料</h2>
      <Table caption="本单位需报送的材料" head={["材料", "截止日期", "期限", "状态", "最新版本", ""]}>
        {cards.map((c) => (
          <tr key={c.kind}>
            <Td className="font-medium">{FILING_LABELS[c.kind]}<p className="text-xs font-normal text-slate-500">{WHO_FILES[c.kind]}</p></Td>
            <Td className="whitespace-nowrap">{c.due ? formatChineseDate(c.due) : "州局编制计划前"}</Td>
            <Td className="whitespace-nowrap"><DeadlineBadge state={c.deadline} /></Td>
            <Td className="whitespace-nowrap"><StatusPill kind={c.kind} status={c.status} /></Td>
            <Td className="whitespace-nowrap">{c.latest ? `第 ${c.latest.version} 版` : "—"}</Td>
            <Td className="whitespace-nowrap">
              <Link className="text-blue-800 underline" href={`/filings/${FILING_SLUGS[c.kind]}?year=${year}`}>
                {c.status === null || c.status === "DRAFT" || c.status === "RETURNED" ? "填写和提交" : "查看"}
              </Link>
            </Td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

async function ReviewerView({ actor, year, now }: { actor: Actor; year: number; now: Date }) {
  const kinds = reviewKinds(actor);
  const boards = await Promise.all(kinds.map(async (k) => ({ kind: k, rows: await reviewBoard(actor, k, year, now) })));
  const waive = can(actor.role, "filing.waive");
  return (
    <>
      {boards.map(({ kind, rows }) => {
        const notFiled = rows.filter((r) => r.status === null || r.status === "DRAFT");
        const waiting = rows.filter((r) => r.status === "SUBMITTED");
        return (
          <section key={kind} aria-labelledby={`board-${kind}`} className="flex flex-col gap-2">
            <h2 id={`board-${kind}`} className="text-lg font-semibold">{actor.role === "COUNTY" ? "本县市职业学校的" : ""}{FILING_LABELS[kind]}</h2>
            <p className="text-sm text-slate-600">
              {WHO_FILES[kind]} 应报 {rows.length} 个单位，待审核 <strong>{waiting.length}</strong> 个，尚未提交 <strong className={notFiled.length ? "text-red-700" : ""}>{notFiled.length}</strong> 个
              {notFiled.length ? `：${notFiled.map((r) => r.name).join("、")}` : ""}。
            </p>
            <Table caption={`${year}年${FILING_LABELS[kind]}报送情况`} head={["单位", "状态", "期限", kind === "IMPLEMENTATION_PLAN" ? "送读" : "", ""]}>
              {rows.map((r) => (
                <tr key={r.filerKey}>
                  <Td className="font-medium">{r.name}{r.prefectureLevel ? <span className="ml-1 text-xs text-slate-500">（州属）</span> : null}</Td>
                  <Td className="whitespace-nowrap"><StatusPill kind={kind} status={r.status} />{r.version ? <span className="ml-1 text-xs text-slate-500">第 {r.version} 版</span> : null}</Td>
                  <Td className="whitespace-nowrap"><DeadlineBadge state={r.deadline} /></Td>
                  <Td>
                    {kind !== "IMPLEMENTATION_PLAN" ? null
                      : r.status === "APPROVED" ? <span className="text-green-800">可以送读</span>
                      : r.waiver ? <span className="text-amber-800">已豁免：{r.waiver.reason}</span>
                      : waive ? <WaiveForm year={year} filerKey={r.filerKey} name={r.name} />
                      : <span className="text-red-700">不能送读</span>}
                  </Td>
                  <Td className="whitespace-nowrap">
                    {r.latestId && r.status !== "DRAFT" ? (
                      <Link className="text-blue-800 underline" href={`/filings/v/${r.latestId}`}>{r.status === "SUBMITTED" ? "审核" : "查看"}</Link>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </Table>
          </section>
        );
      })}
    </>
  );
}
