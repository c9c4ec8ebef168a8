import { describe, expect, test } from "vitest";
import { proposeCalendar, SCHEDULE_YEARS } from "@/lib/holiday-schedule";
import { computeCalendar, getPhase } from "@/lib/calendar";

// The May Day holiday and its 调休 days as published by the State Council (国务院办公厅关于 Y 年部分节假日安排的通知).
const PUBLISHED: Record<number, { holiday: [string, string]; work: string[] }> = {
  2019: { holiday: ["2019-05-01", "2019-05-04"], work: ["2019-04-28", "2019-05-05"] },
  2020: { holiday: ["2020-05-01", "2020-05-05"], work: ["2020-04-26", "2020-05-09"] },
  2021: { holiday: ["2021-05-01", "2021-05-05"], work: ["2021-04-25", "2021-05-08"] },
  2024: { holiday: ["2024-05-01", "2024-05-05"], work: ["2024-04-28", "2024-05-11"] },
  2025: { holiday: ["2025-05-01", "2025-05-05"], work: ["2025-04-27"] },
  2026: { holiday: ["2026-05-01", "2026-05-05"], work: ["2026-05-09"] },
};

describe("proposed calendar from the State Council holiday schedule (chinese-days)", () => {
  for (const [y, p] of Object.entries(PUBLISHED)) {
    test(`${y}: the proposal carries the published May Day holiday and its 调休 working days`, () => {
      const proposal = proposeCalendar(Number(y));
      if (!proposal.published) throw new Error(proposal.message);
      expect([proposal.mayDayHoliday[0], proposal.mayDayHoliday.at(-1)]).toEqual(p.holiday);
      expect(proposal.settings.mayDayHolidayEnd).toBe(p.holiday[1]);
      expect(proposal.makeUpWorkingDays).toEqual(p.work);
      expect(proposal.settings.makeUpWorkingDays).toEqual(p.work);
      expect(proposal.settings.makeUpSaturdaysCount).toBe(false); // "双休日除外": the bureau may change it
    });
  }

  test("the 2020 proposal gives the demo's confirmed 送读期 (2020-05-06 … 2020-05-14)", () => {
    const proposal = proposeCalendar(2020);
    if (!proposal.published) throw new Error(proposal.message);
    expect(getPhase(computeCalendar(proposal.settings), "sendOff")).toMatchObject({ start: "2020-05-06", end: "2020-05-14" });
    expect(proposal.basis).toBe("根据国务院办公厅公布的2020年节假日安排：劳动节5月1日至5月5日放假调休，共 5 天；4月26日、5月9日上班。");
  });

  test("a year the package has no schedule for is not guessed: it says the schedule is not yet published", () => {
    const year = Math.max(...SCHEDULE_YEARS) + 1;
    const proposal = proposeCalendar(year);
    expect(proposal.published).toBe(false);
    if (proposal.published) return;
    expect(proposal.message).toContain(`国务院办公厅${year}年部分节假日安排尚未公布`);
    expect(proposeCalendar(1999).published).toBe(false);
  });
});
