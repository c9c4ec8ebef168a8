import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { can } from "@/server/auth/permissions";
import { now } from "@/server/clock";
import { loadApplicationsPage } from "@/server/pages/applications";
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS } from "@/lib/schemas/application-workflow";
import { SEX_LABELS } from "@/lib/schemas/application-fields";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
import { ReadOnlyNote, YearSelector } from "@/components/year/year-selector";
import { readOnlyText } from "@/lib/year";
import { StatusTag } from "./_components/status-tag";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ApplicationsPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("application.read");
  const { query, at, page, options, counts, window, readOnly } = await loadApplicationsPage(actor, await searchParams, now());
  const editRole = can(actor.role, "application.edit");
  const canEdit = editRole && at.year === at.current;
  const canImport = can(actor.role, "application.import");
  const canExport = can(actor.role, "application.export");
  const exportSchool = actor.role === "MIDDLE_SCHOOL" ? actor.middleSchoolId : query.middleSchoolId;
  const showSchool = actor.role !== "MIDDLE_SCHOOL";
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const params = {
    q: query.q, status: query.status, className: query.className, vocationalSchoolId: query.vocationalSchoolId,
    middleSchoolId: query.middleSchoolId, year: String(at.year),
  };
  const inputClass = "rounded border border-slate-300 bg-white px-2 py-1.5";

  return (
    <div>
      <PageTitle
        actions={
          canEdit ? (
            <div className="flex gap-2">
              <Link className="rounded bg-blue-700 px-3 py-1.5 text-sm text-white hover:bg-blue-800" href="/applications/new">录入报名申请</Link>
              {canImport ? <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" href="/applications/import">批量导入</Link> : null}
            </div>
          ) : null
        }
      >
        报名申请（附件3）· {page.year}年
      </PageTitle>
      <div className="mb-3 flex flex-col gap-2">
        <YearSelector at={at} path="/applications" params={{ q: query.q, status: query.status }} />
        {readOnly ? <ReadOnlyNote text={readOnlyText(at.year, "报名录入期")} /> : null}
      </div>

      {editRole ? (canEdit ? (
        <p className={`mb-3 rounded border px-3 py-2 text-sm ${window.open ? "border-blue-200 bg-blue-50 text-blue-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}>
          {window.text}
        </p>
      ) : readOnly ? null : (
        <p className="mb-3 text-sm text-slate-600">{page.year}年的报名申请只能查看；录入报名申请在当年的报名录入期内办理。</p>
      )) : (
        <p className="mb-3 text-sm text-slate-600">
          {actor.role === "VOCATIONAL_SCHOOL"
            ? "这里列出选择本校、且学生和监护人已签字的报名申请。学生送读到本校之前，联系电话和家庭住址不显示。"
            : "只能查看，报名申请由初级中学录入和审核。"}
        </p>
      )}

      <ul className="mb-3 flex flex-wrap gap-2 text-sm" aria-label="各状态数量">
        <li className="rounded bg-slate-200 px-2 py-0.5">全部 {total}</li>
        {APPLICATION_STATUSES.filter((s) => counts[s]).map((s) => (
          <li key={s} className="rounded bg-slate-100 px-2 py-0.5">{APPLICATION_STATUS_LABELS[s]} {counts[s]}</li>
        ))}
      </ul>

      <p className="mb-3 text-sm">
        <Link
          className="text-blue-700 underline"
          href={`/applications/print?${new URLSearchParams({
            year: String(page.year),
            ...(query.middleSchoolId ? { middleSchoolId: query.middleSchoolId } : {}),
            ...(query.className ? { className: query.className } : {}),
          })}`}
        >
          批量打印已审核同意的申请表{query.className ? `（${query.className}）` : actor.role === "MIDDLE_SCHOOL" ? "（全校）" : ""}
        </Link>
        <span className="ml-2 text-slate-500">一次打印一个班级或一所学校的全部申请表，每份一页，供学生和监护人签字。</span>
        {canExport && exportSchool ? (
          <a className="ml-4 text-blue-700 underline" href={`/api/exports/annex3?${new URLSearchParams({ year: String(page.year), school: exportSchool })}`}>
            导出{actor.role === "MIDDLE_SCHOOL" ? "本校" : "该校"}报名申请（附件3 汇总表，Excel）
          </a>
        ) : canExport ? (
          <span className="ml-4 text-slate-500">导出附件3 汇总表：请先在“初中学校”中选择一所学校并查询。</span>
        ) : null}
      </p>

      <form className="mb-3 flex flex-wrap items-end gap-3" role="search" aria-label="查找报名申请">
        <input type="hidden" name="year" value={page.year} />
        <label className="flex flex-col text-sm">学生姓名或身份证号码
          <input name="q" defaultValue={query.q} className={inputClass} placeholder="姓名，或身份证号码中的数字" />
        </label>
        <label className="flex flex-col text-sm">状态
          <select name="status" defaultValue={query.status} className={inputClass}>
            <option value="">全部</option>
            {APPLICATION_STATUSES.map((s) => <option key={s} value={s}>{APPLICATION_STATUS_LABELS[s]}</option>)}
          </select>
        </label>
        {showSchool && options.middleSchools.length > 0 ? (
          <label className="flex flex-col text-sm">初中学校
            <select name="middleSchoolId" defaultValue={query.middleSchoolId} className={inputClass}>
              <option value="">全部</option>
              {options.middleSchools.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
            </select>
          </label>
        ) : null}
        <label className="flex flex-col text-sm">班级
          <select name="className" defaultValue={query.className} className={inputClass}>
            <option value="">全部</option>
            {options.classNames.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        {actor.role !== "VOCATIONAL_SCHOOL" ? (
          <label className="flex flex-col text-sm">报名就读学校
            <select name="vocationalSchoolId" defaultValue={query.vocationalSchoolId} className={inputClass}>
              <option value="">全部</option>
              {options.vocationalSchools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </label>
        ) : null}
        <button className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" type="submit">查询</button>
        <Link className="px-1 py-1.5 text-sm text-blue-700 underline" href={`/applications?year=${page.year}`}>清除条件</Link>
      </form>

      <Table
        caption="报名申请"
        head={["学生姓名", "性别", "身份证号码", ...(showSchool ? ["初中学校"] : []), "班级", "报名就读学校", "状态", ""]}
      >
        {page.items.map((a) => (
          <tr key={a.id}>
            <Td>{a.studentName}{a.shanghaiFlag ? <span className="ml-1 rounded bg-purple-100 px-1 text-xs text-purple-800" title="建档立卡，东西协作送读上海">送沪</span> : null}</Td>
            <Td>{SEX_LABELS[a.sex]}</Td>
            <Td className="font-mono">{a.idNumberMasked}</Td>
            {showSchool ? <Td>{a.middleSchoolLabel}</Td> : null}
            <Td>{a.className}</Td>
            <Td>{a.vocationalSchoolName}</Td>
            <Td><StatusTag status={a.status} /></Td>
            <Td><Link className="text-blue-700 underline" href={`/applications/${a.id}`} aria-label={`查看${a.studentName}的报名申请`}>查看</Link></Td>
          </tr>
        ))}
        {page.items.length === 0 ? (
          <tr><Td className="text-slate-500">没有符合条件的报名申请。</Td></tr>
        ) : null}
      </Table>
      <Pagination basePath="/applications" page={page.page} pageCount={page.pageCount} total={page.total} params={params} />
    </div>
  );
}
