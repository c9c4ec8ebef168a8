import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { programmeYear } from "@/server/calendar/calendar";
import { enrolmentYears } from "@/server/student-status/read";
import { aidStudents, aidSummary, subsidisableSchools } from "@/server/aid/read";
import { chinaDateOf } from "@/lib/china-date";
import { formatYuan } from "@/lib/money";
import { AID_KINDS, AID_KIND_LABELS } from "@/lib/schemas/aid";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { recordSchoolSubsidyAction } from "@/actions/aid/record-school-subsidy";
import { RecordForm } from "@/app/(console)/graduation/forms";
import { AidState } from "@/app/(console)/students/[id]/_components/aid-card";

type Search = Promise<Record<string, string | string[] | undefined>>;
const btn = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white";
const yuan = (fen: number) => <span className="tabular-nums">{formatYuan(fen)}</span>;

/** 经费保障 (policy 七): payments to students and subsidies to schools, in yuan with two decimals; the county summary. */
export default async function AidPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("aid.read");
  const sp = await searchParams;
  const current = programmeYear(now());
  const dataYears = await enrolmentYears(actor);
  const years = [...new Set([current, ...dataYears])].sort((a, b) => b - a);
  const asked = Number(typeof sp.year === "string" ? sp.year : "");
  const year = years.includes(asked) ? asked : current;
  const [summary, students, schools] = await Promise.all([aidSummary(actor, year), aidStudents(actor, year), subsidisableSchools(actor)]);
  const isCounty = can(actor.role, "aid.record");
  const today = chinaDateOf(now());

  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<nav aria-label="年度" className="flex gap-2 text-sm">{years.map((y) => <Link key={y} className={btn} aria-current={y === year ? "page" : undefined} href={`/aid?year=${y}`}>{y}年</Link>)}</nav>}>
        {year}年资助与补助
      </PageTitle>
      <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
        职教班学生继续按义务教育阶段标准享受教育资助，不享受中职学校的资助政策；县市补助学生生活费和往返学校交通费，并对承担职教班的职业学校给予适当补助。
        金额单位为元，保留两位小数；登记错误的记录写明原因作废，不删除。
      </p>

      <Table layout="scroll" caption="县市汇总" head={["县市", "资助学生数", ...AID_KINDS.map((k) => `${AID_KIND_LABELS[k]}（元）`), "学生合计（元）", "对职业学校补助（元）", "合计（元）"]}>
        {summary.counties.map((c) => (
          <tr key={c.countyId} data-testid="county-row">
            <Td>{c.countyName}</Td><Td className="tabular-nums">{c.students}</Td>
            {AID_KINDS.map((k) => <Td key={k}>{yuan(c[k])}</Td>)}
            <Td>{yuan(c.studentTotal)}</Td><Td>{yuan(c.schools)}</Td><Td className="font-semibold">{yuan(c.total)}</Td>
          </tr>
        ))}
        {summary.counties.length > 1 ? (
          <tr data-testid="sum-row" className="bg-slate-50 font-semibold">
            <Td>合计</Td><Td className="tabular-nums">{summary.sum.students}</Td>
            {AID_KINDS.map((k) => <Td key={k}>{yuan(summary.sum[k])}</Td>)}
            <Td>{yuan(summary.sum.studentTotal)}</Td><Td>{yuan(summary.sum.schools)}</Td><Td>{yuan(summary.sum.total)}</Td>
          </tr>
        ) : null}
        {summary.counties.length === 0 ? <tr><Td className="text-slate-500">{year}年没有资助记录。</Td></tr> : null}
      </Table>

      <section aria-labelledby="sub-h" className="flex flex-col gap-3">
        <h2 id="sub-h" className="text-lg font-semibold">县市对职业学校的补助</h2>
        {isCounty ? (
          <RecordForm action={recordSchoolSubsidyAction} label="登记对职业学校的补助" submit="登记补助" variant="primary" hidden={{ year: String(year) }} fields={[
            { name: "vocationalSchoolId", label: "职业学校", type: "select", options: schools.map((s) => [s.id, s.name]) },
            { name: "amount", label: "金额（元）", hint: "例如 50000 或 50000.00" },
            { name: "purpose", label: "用途（可不填）" },
            { name: "paidOn", label: "拨付日期", type: "date", max: today, defaultValue: today },
          ]} />
        ) : null}
        <Table caption="对职业学校的补助" head={["县市", "职业学校", "金额（元）", "用途", "拨付日期", "状态"]}>
          {summary.subsidies.map((s) => (
            <tr key={s.id} className={s.voidedAt ? "text-slate-500" : undefined}>
              <Td>{s.county.name}</Td><Td>{s.vocationalSchool.name}</Td><Td>{yuan(s.amountFen)}</Td><Td>{s.purpose ?? "—"}</Td><Td>{s.paidOn}</Td>
              <Td><AidState row={s} mayVoid={isCounty && s.countyId === actor.countyId} target="SCHOOL" /></Td>
            </tr>
          ))}
          {summary.subsidies.length === 0 ? <tr><Td className="text-slate-500">没有补助记录。</Td></tr> : null}
        </Table>
      </section>

      <section aria-labelledby="stu-h" className="flex flex-col gap-3">
        <h2 id="stu-h" className="text-lg font-semibold">学生资助（{students.length} 人）</h2>
        {isCounty ? <p className="text-sm text-slate-600">在学生页面的“资助”中逐笔登记（项目、金额、期间、发放日期）。</p> : null}
        <Table caption="学生资助" head={["姓名", "县市、原初中", "职业学校", ...AID_KINDS.map((k) => `${AID_KIND_LABELS[k]}（元）`), "合计（元）"]}>
          {students.map((s) => (
            <tr key={s.id}>
              <Td><Link className="text-blue-700 underline" href={`/students/${s.id}`}>{s.studentName}</Link></Td>
              <Td>{s.countyName} {s.middleSchoolName}</Td><Td>{s.vocationalSchoolName}</Td>
              {AID_KINDS.map((k) => <Td key={k}>{yuan(s.totals[k])}</Td>)}
              <Td>{yuan(s.total)}</Td>
            </tr>
          ))}
          {students.length === 0 ? <tr><Td className="text-slate-500">{year}年没有职教班学生。</Td></tr> : null}
        </Table>
      </section>
    </div>
  );
}
