// The dashboards' bar charts (decision 030) are remembered by their whole spec (decision 102): drawn once, never stale.
import { describe, expect, test } from "vitest";
import { renderBarChartSvg } from "@/server/charts/render";
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
