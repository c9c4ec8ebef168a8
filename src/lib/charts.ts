/**
 * The data behind one dashboard chart (decision 030). Pure: the same spec draws the ECharts SVG on the
 * server and fills the accessible table beside it, so the chart and its table cannot disagree.
 */

export type ChartSeries = { name: string; values: (number | null)[] };

export type BarChartSpec = {
  /** Stable id (used for the heading id and by the Playwright check). */
  id: string;
  title: string;
  /** Header of the first table column, e.g. "县市". */
  categoryLabel: string;
  categories: string[];
  series: ChartSeries[];
  /** "人" for head counts, "%" for rates (values are percentages, e.g. 96.77). */
  unit: "人" | "%";
  /** A reference line, e.g. the 95 % retention standard. */
  target?: { value: number; label: string };
  /** Shown under the chart, e.g. how a figure is counted. */
  note?: string;
};

/** How a value is written in the table and on the bar label: the same text in both places. */
export function chartValueText(value: number | null, unit: BarChartSpec["unit"]): string {
  if (value === null) return "—";
  return unit === "%" ? value.toFixed(2) : String(value);
}

/** A rate 0…1 (or null) as the percentage value a "%" chart carries, rounded to 2 decimals. */
export function ratePercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 10_000) / 100;
}

/** True when every value of every series is 0 or missing: the page says so instead of drawing empty bars. */
export function chartIsEmpty(spec: BarChartSpec): boolean {
  return spec.categories.length === 0 || spec.series.every((s) => s.values.every((v) => !v));
}
