import Link from "next/link";
import { pageActor } from "@/server/auth/page";
import { now } from "@/server/clock";
import { AppError } from "@/server/errors";
import { programmeYear } from "@/server/calendar/calendar";
import { listFilterOptions } from "@/server/applications/read";
import { approvedFormsForPrint } from "@/server/applications/print";
import { PageTitle } from "@/components/ui/table";
import { ANNEX3_PRINT_CSS, Annex3Sheet } from "../_components/annex3-sheet";
import { PrintButton } from "../_components/print-button";

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * 批量打印: every approved 附件3 of a middle school, or of one of its classes, as one print job —
 * one form per A4 sheet (CSS page breaks) — for the session where students and guardians sign.
 */
export default async function BatchPrintPage({ searchParams }: { searchParams: Search }) {
  const actor = await pageActor("application.read");
  const sp = await searchParams;
  const yearParam = Number(one(sp.year));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : programmeYear(now());
  const className = one(sp.className)?.trim() || undefined;
  const middleSchoolId = one(sp.middleSchoolId) || undefined;
  const options = await listFilterOptions(actor, year);

  let result: Awaited<ReturnType<typeof approvedFormsForPrint>> | null = null;
  let message: string | null = null;
  try {
    result = await approvedFormsForPrint(actor, { year, middleSchoolId, className });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    message = e.message;
  }
  const forms = result?.forms ?? [];
  const inputClass = "rounded border border-slate-300 bg-white px-2 py-1.5";
  const what = `${result?.middleSchoolLabel ?? ""}${className ? ` ${className}` : ""}`.trim();

  return (
    <div>
      <style>{ANNEX3_PRINT_CSS}</style>
      <div className="no-print">
        <PageTitle>批量打印报名申请表（附件3）· {year}年</PageTitle>
        <form className="mb-3 flex flex-wrap items-end gap-3" aria-label="选择要打印的申请表">
          <input type="hidden" name="year" value={year} />
          {actor.role !== "MIDDLE_SCHOOL" ? (
            <label className="flex flex-col text-sm">初中学校
              <select name="middleSchoolId" defaultValue={middleSchoolId} className={inputClass}>
                <option value="">请选择</option>
                {options.middleSchools.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
              </select>
            </label>
          ) : null}
          <label className="flex flex-col text-sm">班级
            <select name="className" defaultValue={className} className={inputClass}>
              <option value="">全校</option>
              {options.classNames.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <button className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100" type="submit">显示</button>
          <Link className="px-1 py-1.5 text-sm text-blue-700 underline" href="/applications">返回报名申请</Link>
        </form>
        {message ? (
          <p className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{message}</p>
        ) : forms.length === 0 ? (
          <p className="mb-3 rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">没有已审核同意的报名申请表可打印{className ? `（${className}）` : ""}。</p>
        ) : (
          <div className="mb-4 flex flex-wrap items-center gap-3">
            <PrintButton />
            <span className="text-sm text-slate-700" role="status">
              {what}：已审核同意的申请表共 {forms.length} 份，每份一页。用 A4 纸打印（浏览器打印设置中选“A4、纵向”，不要勾选“页眉和页脚”）。
            </span>
          </div>
        )}
      </div>
      {forms.map((f) => <Annex3Sheet key={f.id} form={f} schools={result!.schools} />)}
    </div>
  );
}
