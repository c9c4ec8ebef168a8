import "server-only";
import { LRUCache } from "lru-cache";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { chartValueText, type BarChartSpec } from "@/lib/charts";

// Only what the dashboards draw (a smaller module to load than the whole library).
echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

/** Data-label colour: the Playwright check reads the drawn numbers by it (decision 030). */
export const LABEL_COLOR = "#1e293b";
const PALETTE = ["#94a3b8", "#2563eb", "#16a34a", "#d97706", "#7c3aed", "#db2777"];
const FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export const CHART_WIDTH = 640;

/** Vertical bars for a few categories, horizontal bars (names readable) for more. */
function layout(spec: BarChartSpec) {
  const horizontal = spec.categories.length > 5;
  const bars = Math.max(1, spec.categories.length) * Math.max(1, spec.series.length);
  const height = horizontal ? Math.max(240, bars * 16 + spec.categories.length * 10 + 90) : 300;
  return { horizontal, height };
}

type Drawn = { svg: string; width: number; height: number };

/**
 * The charts drawn lately, by their spec (decision 102): drawing one takes ECharts ~15 ms of CPU, the most of a home
 * page, and a dashboard's figures change far less often than it is opened. The key is the whole spec — every number
 * and word the chart shows — so an entry is never stale, only unused: this remembers a pure function's results and
 * holds no truth (each app server keeps its own; the database stays the only source of the figures).
 */
const drawn = new LRUCache<string, Drawn>({ max: 300 });

/**
 * Draws a bar chart as an SVG string with Apache ECharts' server-side renderer (no browser, no
 * script on the page), zh-CN locale. Each bar carries its value as a label, written exactly as in the table.
 */
export function renderBarChartSvg(spec: BarChartSpec): Drawn {
  const key = JSON.stringify(spec);
  const hit = drawn.get(key);
  if (hit) return hit;
  const raw = drawBarChartSvg(spec);
  const made = { ...raw, svg: compactSvg(raw.svg) };
  drawn.set(key, made);
  return made;
}

/** ECharts' own drawing, as its server renderer writes it (the page gets it through compactSvg). */
export function drawBarChartSvg(spec: BarChartSpec): Drawn {
  const { horizontal, height } = layout(spec);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height, locale: "ZH" });
  try {
    const category = { type: "category" as const, data: spec.categories, axisLabel: { interval: 0, width: horizontal ? 110 : 90, overflow: "truncate" as const }, inverse: horizontal };
    const value = {
      type: "value" as const,
      minInterval: spec.unit === "人" ? 1 : undefined,
      max: spec.unit === "%" ? 100 : undefined,
      // Head room past the longest bar, so its value label is not cut off at the edge.
      boundaryGap: spec.unit === "%" ? undefined : (["0%", "12%"] as [string, string]),
      axisLabel: { formatter: spec.unit === "%" ? "{value}%" : "{value}" },
    };
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT },
      legend: { top: 0, show: spec.series.length > 1 },
      grid: { left: 8, right: 40, top: spec.series.length > 1 ? 32 : 16, bottom: 8 }, // echarts 6 keeps the axis labels inside (outerBounds)
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: spec.series.map((s, i) => ({
        name: s.name,
        type: "bar",
        barMaxWidth: 28,
        data: s.values.map((v) => (v === null ? "-" : v)),
        label: {
          show: true,
          position: horizontal ? "right" : "top",
          color: LABEL_COLOR,
          fontSize: 11,
          formatter: (p: { value: unknown }) => chartValueText(typeof p.value === "number" ? p.value : null, spec.unit),
        },
        markLine: i === 0 && spec.target
          ? {
              silent: true,
              symbol: "none",
              lineStyle: { color: "#dc2626", type: "dashed", width: 1.5 },
              label: { formatter: spec.target.label, color: "#b91c1c", position: "insideEndTop" },
              data: [horizontal ? { xAxis: spec.target.value } : { yAxis: spec.target.value }],
            }
          : undefined,
      })),
    });
    return { svg: chart.renderToSVGString(), width: CHART_WIDTH, height };
  } finally {
    chart.dispose();
  }
}

const FONT_STYLE = /style="font-size:(\d+(?:\.\d+)?)px;font-family:([^"]*?);"/g;

/**
 * What ECharts' server renderer writes for a browser that will run ECharts again (decision 106), dropped from a
 * chart that stays a picture: the `ecmeta_*` attributes its client runtime reads, the hover classes and their
 * <style> (a bar that changed colour under the mouse looked clickable and was not), `pointer-events` hit areas'
 * attribute; the font family written once on the <svg> instead of on every label. What is drawn is the same:
 * every shape, position, colour and size stays. The page carries each chart twice (its HTML and React's payload):
 * a prefecture's home page loses a quarter of its bytes.
 */
export function compactSvg(svg: string): string {
  let family: string | null = null;
  const out = svg
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
    .replace(/ class="zr\d+-cls-\d+"/g, "")
    .replace(/ pointer-events="visible"/g, "")
    .replace(/<style ?><!\[CDATA\[[\s\S]*?\]\]>\s*<\/style>/g, "")
    .replace(FONT_STYLE, (_, size: string, f: string) => {
      if (family === null) family = f;
      return f === family ? `font-size="${size}"` : `font-size="${size}" font-family="${f}"`;
    });
  return family === null ? out : out.replace(/^<svg /, `<svg font-family="${family}" `);
}
