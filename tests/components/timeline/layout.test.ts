import { describe, expect, test } from "vitest";
import { computeCalendar } from "@/lib/calendar";
import { defaultCalendarSettings } from "@/lib/calendar-settings";
import { timelineLayout } from "@/components/timeline/layout";

const cal2020 = computeCalendar({ ...defaultCalendarSettings(2020), autumnRegistrationDate: "2020-09-15" });

describe("timelineLayout", () => {
  test("the bar spans the first deadline (Mar 31) to the last date (Sep 30); segments in order, no overlap", () => {
    const l = timelineLayout(cal2020, "2020-05-08");
    expect([l.start, l.end]).toEqual(["2020-03-31", "2020-09-30"]);
    const total = 184; // Mar 31 … Sep 30 inclusive
    const send = l.segments.find((s) => s.key === "sendOff")!;
    expect(send.leftPct).toBeCloseTo((36 / total) * 100, 2); // May 6 is 36 days after Mar 31
    expect(send.widthPct).toBeCloseTo((9 / total) * 100, 2);
    for (let i = 1; i < l.segments.length; i++) {
      const prev = l.segments[i - 1];
      expect(l.segments[i].leftPct).toBeGreaterThanOrEqual(prev.leftPct + prev.widthPct - 0.02);
    }
    expect(l.segments.map((s) => s.state)).toEqual(["past", "current", "future", "future", "future"]);
    expect(l.today).toEqual({ date: "2020-05-08", position: "inside", leftPct: expect.closeTo(((38 + 0.5) / total) * 100, 2) });
    expect(l.deadlines.map((d) => [d.key, d.passed])).toEqual([["countyPlan", true], ["teachingPlan", true], ["annualReport", false]]);
    expect(l.deadlines[0].leftPct).toBeCloseTo((0.5 / total) * 100, 2);
    expect(l.months.map((m) => m.label)).toEqual(["4月", "5月", "6月", "7月", "8月", "9月"]);
    expect(l.months[0].leftPct).toBeCloseTo((1 / total) * 100, 2);
  });

  test("today before and after the year is pinned to the edges", () => {
    expect(timelineLayout(cal2020, "2020-01-02").today).toMatchObject({ position: "before", leftPct: 0 });
    expect(timelineLayout(cal2020, "2020-12-01").today).toMatchObject({ position: "after", leftPct: 100 });
    expect(timelineLayout(cal2020, "2020-12-01").segments.every((s) => s.state === "past")).toBe(true);
  });
});
