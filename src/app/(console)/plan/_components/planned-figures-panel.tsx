import Link from "next/link";
import type { Actor } from "@/server/auth/load-actor";
import { plannedFigureProposals } from "@/server/filings/read";
import { formatChineseDate } from "@/lib/china-date";

/**
 * 附件2 备注3: the figures counties and vocational schools reported ("上报的计划"), shown next to
 * the prefecture's draft so the plan can be set "根据…上报的计划".
 */
export async function PlannedFiguresPanel({ actor, year }: { actor: Actor; year: number }) {
  const rows = await plannedFigureProposals(actor, year);
  const counties = rows.filter((r) => r.type === "county");
  const schools = rows.filter((r) => r.type === "voc");
  const list = (items: typeof rows, what: string, label: string) => (
    <table className="text-sm" aria-label={label}>
      <thead><tr className="text-left text-slate-600"><th scope="col" className="pr-3">{what}</th><th scope="col" className="pr-3 text-right">上报数</th><th scope="col">说明</th></tr></thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.name}><td className="pr-3">{r.name}</td><td className="pr-3 text-right tabular-nums">{r.figure}</td>
            <td className="text-slate-600">{r.note}{r.submittedOn ? <span className="ml-1 text-xs text-slate-500">（{formatChineseDate(r.submittedOn)}）</span> : null}</td></tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <details open className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-medium">各单位上报的{year}年计划数（附件2 备注3）：县市 {counties.length} 个，职业学校 {schools.length} 所</summary>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">尚无单位上报{year}年计划数。各县市、职业学校可在“报送材料”中上报。</p>
      ) : (
        <div className="mt-2 grid gap-4 md:grid-cols-2">{list(counties, "县市送读计划", "各县市上报的送读计划数")}{list(schools, "职业学校招生计划", "各职业学校上报的招生计划数")}</div>
      )}
      <p className="mt-2 text-xs text-slate-500">上报数仅供参考，不自动填入计划。<Link className="underline" href={`/filings?year=${year}`}>查看报送情况</Link></p>
    </details>
  );
}
