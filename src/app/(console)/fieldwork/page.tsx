import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { programmeYear } from "@/server/calendar/calendar";
import { listVisits, visitableMiddleSchools, visitCoverage } from "@/server/fieldwork/visits";
import { listOpenFlags } from "@/server/fieldwork/follow-ups";
import { fieldworkBySchool } from "@/server/fieldwork/counts";
import { chinaDateOf } from "@/lib/china-date";
import { PageTitle } from "@/components/ui/table";
import { recordVisitAction } from "@/actions/fieldwork/record-visit";
import { VisitForm } from "./_components/visit-form";
import { BySchoolTables, CoverageTable, FlagsTable, VisitsTable } from "./_components/tables";

type Search = Promise<Record<string, string | string[] | undefined>>;

const INTRO: Record<string, string> = {
  VOCATIONAL_SCHOOL: "宣传期（4月下旬）到初级中学开展招生宣传后，在此登记走访，由该初中确认。本校学生的跟踪回访和家访在学生页面登记；标记了流失风险的学生列在下面，直至解除标记或学生离校。",
  MIDDLE_SCHOOL: "请确认职业学校到本校的宣传走访。本校送读学生的学习情况了解、家访等在学生页面登记；标记了流失风险的学生列在下面。",
  COUNTY: "本县市初中学校的宣传走访覆盖情况（红色为本年度尚无职业学校走访的学校）、各校走访和回访次数，以及本县市有流失风险的学生。",
  PREFECTURE: "全州初中学校的宣传走访覆盖情况、各校走访和回访次数，以及有流失风险的学生。",
};

/** 走访与回访 (issue 21): publicity visits, coverage, counts per school and the open 流失风险 flags. */
export default async function FieldworkPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("publicity.read");
  const sp = await searchParams;
  const current = programmeYear(now());
  const asked = typeof sp.year === "string" ? Number(sp.year) : NaN;
  const year = Number.isInteger(asked) && asked > 2000 && asked < 2100 ? asked : current;
  const bureau = can(actor.role, "publicity.coverage");
  const [flags, visits, coverage, bySchool, schools] = await Promise.all([
    listOpenFlags(actor),
    listVisits(actor, year),
    bureau ? visitCoverage(actor, year) : null,
    bureau ? fieldworkBySchool(actor, year) : null,
    can(actor.role, "publicity.record") && year === current ? visitableMiddleSchools(actor) : null,
  ]);
  const unvisited = coverage?.filter((s) => s.visits === 0).length ?? 0;
  return (
    <div className="flex flex-col gap-6">
      <PageTitle>{year}年 走访与回访</PageTitle>
      <p className="text-sm text-slate-600">{INTRO[actor.role]}</p>
      <nav aria-label="年度" className="flex flex-wrap gap-2 text-sm">
        {[current, current - 1].map((y) => (
          <Link key={y} href={`/fieldwork?year=${y}`} aria-current={y === year ? "page" : undefined}
            className={`rounded border px-2 py-1 ${y === year ? "border-blue-700 bg-blue-50 text-blue-800" : "border-slate-300 bg-white"}`}>{y}年</Link>
        ))}
      </nav>

      <section aria-labelledby="flags-title" className="flex flex-col gap-2">
        <h2 id="flags-title" className="text-lg font-semibold">流失风险学生（未解除，{flags.length} 人）</h2>
        <FlagsTable rows={flags} />
      </section>

      {coverage ? (
        <section aria-labelledby="coverage-title" className="flex flex-col gap-2">
          <h2 id="coverage-title" className="text-lg font-semibold">
            宣传走访覆盖情况：{coverage.length} 所初中学校，{unvisited > 0 ? <span className="text-red-800">{unvisited} 所本年度尚无职业学校走访</span> : "均已有职业学校走访"}
          </h2>
          <CoverageTable rows={coverage} />
        </section>
      ) : null}

      {schools ? (
        <section aria-labelledby="record-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="record-title" className="mb-3 text-lg font-semibold">登记宣传走访</h2>
          <VisitForm action={recordVisitAction} schools={schools} ownCountyId={actor.countyId} today={chinaDateOf(now())} />
        </section>
      ) : null}

      <section aria-labelledby="visits-title" className="flex flex-col gap-2">
        <h2 id="visits-title" className="text-lg font-semibold">宣传走访记录（{visits.filter((v) => !v.voidedAt).length} 次）</h2>
        <VisitsTable rows={visits} actor={actor} />
      </section>

      {bySchool ? (
        <section aria-labelledby="counts-title" className="flex flex-col gap-2">
          <h2 id="counts-title" className="text-lg font-semibold">各校走访与回访次数（计入 9 月“招生情况及工作总结”）</h2>
          <BySchoolTables data={bySchool} />
        </section>
      ) : null}
    </div>
  );
}
