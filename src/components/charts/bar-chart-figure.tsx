import "server-only";
import { chartIsEmpty, chartValueText, type BarChartSpec } from "@/lib/charts";
import { renderBarChartSvg } from "@/server/charts/render";
import { scrollRegion } from "@/components/ui/scroll-region";

/**
 * One dashboard chart: the ECharts SVG drawn on the server and, under it, a table with the same
 * numbers (caption, column and row headers) for screen readers, printing and copying.
 */
export function BarChartFigure({ spec }: { spec: BarChartSpec }) {
  const empty = chartIsEmpty(spec);
  const { svg, width, height } = renderBarChartSvg(spec);
  const headingId = `chart-${spec.id}`;
  return (
    <figure aria-labelledby={headingId} data-chart={spec.id} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={headingId} className="font-semibold">{spec.title}</h3>
      {empty ? <p className="text-sm text-slate-500">{spec.categories.length ? "暂无数据：图中各项均为 0。" : "暂无数据。"}</p> : null}
      {/* The drawing is one labelled image (its parts are not read one by one); the table below carries
          the same numbers. On a phone it scrolls sideways, so it is a keyboard-reachable region. */}
      <div {...scrollRegion(`${spec.title}（图）`, "max-w-full overflow-x-auto")} style={{ maxWidth: width }} data-chart-svg>
        <div role="img" aria-label={`${spec.title}：柱状图，数值见下方数据表`} style={{ width, height }} dangerouslySetInnerHTML={{ __html: svg }} />
      </div>
      {spec.note ? <p className="text-sm text-slate-600">{spec.note}</p> : null}
      <details className="text-sm" open>
        <summary className="cursor-pointer text-slate-700">数据表</summary>
        <div {...scrollRegion(`${spec.title}数据表`, "mt-2 overflow-x-auto")}>
          <table className="min-w-full text-sm" data-chart-table>
            <caption className="sr-only">{spec.title}（单位：{spec.unit === "%" ? "百分比" : "人"}）</caption>
            <thead className="bg-slate-100 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-1.5 font-medium whitespace-nowrap">{spec.categoryLabel}</th>
                {spec.series.map((s) => <th key={s.name} scope="col" className="px-3 py-1.5 font-medium">{s.name}{spec.unit === "%" ? "（%）" : ""}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {spec.categories.map((c, i) => (
                <tr key={`${c}-${i}`}>
                  <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">{c}</th>
                  {spec.series.map((s) => <td key={s.name} className="px-3 py-1.5 tabular-nums" data-value>{chartValueText(s.values[i] ?? null, spec.unit)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
