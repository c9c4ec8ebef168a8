import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { loadReceptionPage } from "@/server/pages/reception";
import { chinaDateOf } from "@/lib/china-date";
import { PageTitle, Table, Td } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
import { VocationalProgress } from "@/components/progress/progress-tables";
import { EntityForm } from "@/components/ui/entity-form";
import { saveClassAction } from "@/actions/reception/save-class";
import { setStudentNoPatternAction } from "@/actions/reception/set-student-no-pattern";
import { ReadOnlyNote, YearSelector } from "@/components/year/year-selector";
import { readOnlyText } from "@/lib/year";
import { ReceptionTable } from "./reception-table";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ReceptionPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("reception.edit");
  const t = now();
  const { at, year, readOnly, editable, query, page, classes, progress, studentNoPattern } = await loadReceptionPage(actor, await searchParams, t);
  return (
    <div className="flex flex-col gap-6">
      <PageTitle actions={<YearSelector at={at} path="/reception" />}>{year}年接收与编班</PageTitle>
      {readOnly ? <ReadOnlyNote text={readOnlyText(year, "报到和编班")} /> : null}
      <VocationalProgress rows={progress.vocationalSchools} />

      <section aria-labelledby="students-h" className="flex flex-col gap-3">
        <h2 id="students-h" className="text-lg font-semibold">送读到本校的学生</h2>
        <form role="search" aria-label="筛选学生" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="year" value={year} />
          <label className="flex flex-col text-sm">姓名、身份证号或学号
            <input name="q" defaultValue={query.q} className="rounded border border-slate-300 px-2 py-1.5" />
          </label>
          <label className="flex flex-col text-sm">报到情况
            <select name="arrival" defaultValue={query.arrival} className="rounded border border-slate-300 px-2 py-1.5">
              <option value="">全部</option><option value="PENDING">待登记</option><option value="ARRIVED">已报到</option><option value="NOT_ARRIVED">未报到</option>
            </select>
          </label>
          <label className="flex flex-col text-sm">班级
            <select name="classId" defaultValue={query.classId} className="rounded border border-slate-300 px-2 py-1.5">
              <option value="">全部</option><option value="none">未编班</option>
              {classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">查询</button>
        </form>
        <ReceptionTable rows={page.items} classes={classes.map((c) => ({ id: c.id, name: c.name, size: c.size, sizeLimit: c.sizeLimit }))} today={chinaDateOf(t)} canEdit={editable} />
        <Pagination basePath="/reception" page={page.page} pageCount={page.pageCount} total={page.total} params={{ q: query.q, arrival: query.arrival, classId: query.classId, year: String(year) }} />
      </section>

      <section aria-labelledby="classes-h" className="flex flex-col gap-3">
        <h2 id="classes-h" className="text-lg font-semibold">班级（按兴趣和所报专业编班）</h2>
        <Table caption="班级" head={["班级名称", "代码", "专业", "人数/班额", "班主任", "班主任电话"]}>
          {classes.map((c) => (
            <tr key={c.id}>
              <Td>{c.name}</Td><Td className="font-mono">{c.code}</Td><Td>{c.major}</Td>
              <Td className="tabular-nums">{c.size}/{c.sizeLimit}</Td><Td>{c.headTeacherName}</Td><Td>{c.headTeacherPhone}</Td>
            </tr>
          ))}
          {classes.length === 0 ? <tr><Td className="text-slate-500">尚未创建班级。</Td></tr> : null}
        </Table>
        {editable ? <div className="grid gap-6 md:grid-cols-2">
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="mb-3 font-medium">新建班级</h3>
            <EntityForm action={saveClassAction} submitLabel="创建班级" resetOnSuccess fields={[
              { name: "name", label: "班级名称", hint: "例如：2020级汽修1班" },
              { name: "code", label: "班级代码（用于学号）", hint: "1–6 位字母或数字，例如 01" },
              { name: "major", label: "专业" },
              { name: "sizeLimit", label: "班额（人）" },
              { name: "headTeacherName", label: "班主任姓名" },
              { name: "headTeacherPhone", label: "班主任电话", type: "tel" },
            ]} />
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="mb-3 font-medium">学号规则</h3>
            <p className="mb-3 text-sm text-slate-600">可用占位符：{"{year}"} 年份，{"{class:N}"} 班级代码（补足 N 位），{"{seq:N}"} 班内序号（补足 N 位）。例如 {"{year}{class:2}{seq:3}"} → 202001001。</p>
            <EntityForm action={setStudentNoPatternAction} submitLabel="保存学号规则" fields={[{ name: "pattern", label: "学号规则", defaultValue: studentNoPattern }]} />
          </div>
        </div> : null}
      </section>
    </div>
  );
}
