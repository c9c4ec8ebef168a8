// The dashboards' bar charts (decision 030) are remembered by their whole spec (decision 102): drawn once, never stale.
import { describe, expect, test } from "vitest";
import { compactSvg, drawBarChartSvg, renderBarChartSvg } from "@/server/charts/render";
import type { BarChartSpec } from "@/lib/charts";

const spec = (over: Partial<BarChartSpec> = {}): BarChartSpec => ({
  id: "progress-counties", title: "各县市送读进度", categoryLabel: "县市", categories: ["楚雄市", "双柏县", "牟定县"], unit: "人",
  series: [{ name: "计划", values: [120, 80, 60] }, { name: "已送读", values: [101, 77, 59] }], ...over,
});

describe("renderBarChartSvg", () => {
  test("the same figures give the same drawing, drawn once (a second, equal spec gets the first result)", () => {
    const first = renderBarChartSvg(spec());
    expect(first.svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(first.svg).toContain(">101<");
    expect(renderBarChartSvg(structuredClone(spec()))).toBe(first);
  });

  test("any change of what the chart shows draws it again: a number, a name, the target, the unit", () => {
    const first = renderBarChartSvg(spec());
    const moreSent = renderBarChartSvg(spec({ series: [{ name: "计划", values: [120, 80, 60] }, { name: "已送读", values: [102, 77, 59] }] }));
    expect(moreSent).not.toBe(first);
    expect(moreSent.svg).toContain(">102<");
    expect(moreSent.svg).not.toContain(">101<");
    const renamed = renderBarChartSvg(spec({ categories: ["楚雄市", "双柏县", "南华县"] }));
    expect(renamed.svg).toContain("南华县");
    const target = renderBarChartSvg(spec({ target: { value: 95, label: "巩固率标准 95%" } }));
    expect(target.svg).toContain("巩固率标准 95%");
    expect(renderBarChartSvg(spec({ unit: "%" })).svg).not.toBe(first.svg);
  });
});

// What the page carries of a chart (decision 106): ECharts' drawing without what only its client runtime reads.
describe("compactSvg", () => {
  const elements = (svg: string) => [...svg.matchAll(/<(path|rect|text)\b([^>]*)>([^<]*)/g)].map(([, tag, attrs, text]) => ({
    tag, text,
    // What is drawn: geometry, position, colour, size, anchor.
    drawn: ["d", "x", "y", "width", "height", "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "text-anchor", "dominant-baseline"]
      .map((a) => attrs.match(new RegExp(`\\s${a}="([^"]*)"`))?.[1] ?? null),
  }));
  const wide = spec({
    categories: ["楚雄市", "双柏县", "牟定县", "南华县", "姚安县", "大姚县", "永仁县"], target: { value: 95, label: "巩固率标准 95%" }, unit: "%",
    series: [{ name: "巩固率", values: [96.5, 91.2, 100, 88, null, 97.1, 95] }, { name: "上年", values: [94, 95, 99, 90, 92, 96, 93] }],
  });

  test.each([["vertical, two series", spec()], ["horizontal, a target line, a gap", wide]])("%s: every shape and label kept, the runtime's attributes gone", (_, s) => {
    const raw = drawBarChartSvg(s).svg;
    const compact = compactSvg(raw);
    expect(raw).toMatch(/ecmeta_|zr\d+-cls-|<style/); // what there was to drop
    expect(compact).not.toMatch(/ecmeta_|zr\d+-cls-|<style|pointer-events|style="/);
    expect(elements(compact)).toEqual(elements(raw));
    // Each label's size and font as ECharts set them: the size on the label, the family once, on the drawing.
    const sizes = (svg: string) => [...svg.matchAll(/<text\b[^>]*?(?:font-size:(\d+)px|font-size="(\d+)")/g)].map((m) => m[1] ?? m[2]);
    expect(sizes(compact)).toEqual(sizes(raw));
    expect(compact.match(/font-family=/g)).toHaveLength(1);
    expect(compact).toMatch(/^<svg font-family="'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" /);
    expect(compact.length).toBeLessThan(raw.length * 0.7);
  });

  test("the page's chart is the compact one", () => {
    expect(renderBarChartSvg(wide).svg).toBe(compactSvg(drawBarChartSvg(wide).svg));
  });
});
