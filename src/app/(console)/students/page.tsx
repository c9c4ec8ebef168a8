import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { programmeYear } from "@/server/calendar/calendar";
import { enrolmentYears, listStudents, type StudentQuery } from "@/server/student-status/read";
import { ENROLMENT_STATUS_LABELS, LEAVE_TYPE_LABELS } from "@/lib/student-status";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
import { InlineAction } from "@/components/ui/inline-action";
import { confirmReturnAction } from "@/actions/student-status/confirm-return";

type Search = Promise<Record<string, string | string[] | undefined>>;
const str = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim().slice(0, 40) : "");
const VIEWS: { key: StudentQuery["view"]; label: string }[] = [
  { key: "", label: "全部" }, { key: "ENROLLED", label: "在读" }, { key: "LEFT", label: "已离校" },
  { key: "RETURNERS", label: "回原初中（已回校）" }, { key: "EXAM", label: "考试返校" }, { key: "GRADUATED", label: "已完成（秋季注册）" },
];

export default async function StudentsPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("student.read");
  const sp = await searchParams;
  const years = await enrolmentYears(actor);
  const current = programmeYear(now());
  const year = Number(str(sp.year)) || (years.includes(current) || years.length === 0 ? current : years[0]);
  const viewRaw = str(sp.view);
  // A middle school opens on its returners (已回校); "全部" is an explicit choice (view=).
  const view: StudentQuery["view"] = sp.view === undefined && actor.role === "MIDDLE_SCHOOL" ? "RETURNERS" : (VIEWS.find((v) => v.key === viewRaw)?.key ?? "");
  const query: StudentQuery = { q: str(sp.q), page: Math.max(1, Number(sp.page) || 1), view };
  const page = await listStudents(actor, query, year);
  const isMiddle = actor.role === "MIDDLE_SCHOOL";
  return (
    <div className="flex flex-col gap-4">
      <PageTitle>{year}年送读学生（离校、考试返校、秋季注册）</PageTitle>
      <p className="text-sm text-slate-600">
        {isMiddle
          ? "本校送读到职业学校的学生。回原初中就读的学生请核实后点击“确认已回校”，并可上传本校出具的回校就读证明。"
          : actor.role === "VOCATIONAL_SCHOOL"
            ? "本校接收的学生。点击姓名进入学生页面，登记离校、考试返校或更正记录。"
            : "本辖区送读学生的在读、离校和注册情况。"}
      </p>
      <nav aria-label="年度" className="flex flex-wrap gap-2 text-sm">
        {years.map((y) => (
          <Link key={y} href={`/students?year=${y}`} aria-current={y === year ? "page" : undefined}
            className={`rounded border px-2 py-1 ${y === year ? "border-blue-700 bg-blue-50 text-blue-800" : "border-slate-300 bg-white"}`}>{y}年</Link>
        ))}
      </nav>
      <form role="search" aria-label="筛选学生" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="year" value={year} />
        <label className="flex flex-col text-sm">姓名或学号
          <input name="q" defaultValue={query.q} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col text-sm">情况
          <select name="view" defaultValue={query.view} className="rounded border border-slate-300 px-2 py-1.5">
            {VIEWS.map((v) => <option key={v.key} value={v.key}>{v.label}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">查询</button>
      </form>
      <Table caption="送读学生" head={["姓名", "性别", "身份证号码", "县市", "原初中", "职业学校", "班级", "学号", "状态", "离校 / 考试返校", isMiddle ? "回校确认" : "秋季注册"]}>
        {page.items.map((r) => (
          <tr key={r.id}>
            <Td><Link className="text-blue-700 underline" href={`/students/${r.id}`}>{r.studentName}</Link></Td>
            <Td>{r.sex}</Td><Td className="font-mono">{r.idMasked}</Td><Td>{r.countyName}</Td>
            <Td>{r.middleSchoolName} {r.middleSchoolClass}</Td><Td>{r.vocationalSchoolName}</Td>
            <Td>{r.className ?? "—"}</Td><Td className="font-mono">{r.studentNo ?? "—"}</Td>
            <Td>{r.arrivalStatus !== "ARRIVED" ? "未报到" : ENROLMENT_STATUS_LABELS[r.status]}</Td>
            <Td>
              {r.leave ? (
                <span>
                  {r.leave.occurredOn} {LEAVE_TYPE_LABELS[r.leave.type]}{r.leave.otherSchoolName ? `（${r.leave.otherSchoolName}）` : ""}
                  <span className={`ml-1 rounded px-1.5 py-0.5 text-xs ${r.leave.exempt ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900"}`}>
                    {r.leave.exempt ? "有证明，不计考核" : "计入流失"}
                  </span>
                </span>
              ) : null}
              {r.exam ? <span className="block text-slate-600">考试返校 {r.exam.occurredOn}，{r.exam.examBackOn ? `${r.exam.examBackOn} 已返回` : "未返回"}</span> : null}
              {!r.leave && !r.exam ? "—" : null}
            </Td>
            <Td>
              {isMiddle
                ? r.leave?.type === "LEFT_RETURN_MIDDLE_SCHOOL"
                  ? r.leave.returnConfirmedAt
                    ? <span className="text-green-800">已确认回校</span>
                    : <InlineAction action={confirmReturnAction} hidden={{ eventId: r.leave.eventId }} label={`确认${r.studentName}已回校`} />
                  : "—"
                : r.registration ?? "—"}
            </Td>
          </tr>
        ))}
        {page.items.length === 0 ? <tr><Td className="text-slate-500">没有符合条件的学生。</Td></tr> : null}
      </Table>
      <Pagination basePath="/students" page={page.page} pageCount={page.pageCount} total={page.total} params={{ year: String(year), q: query.q, view: query.view }} />
    </div>
  );
}
