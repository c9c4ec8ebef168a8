import { afterAll, beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { deadlineState, checkPhase, checkWindow, computeCalendar, currentPhase, getPhase, nextDeadline, nextPhase, roleTasks } from "@/lib/calendar";
import { APPLICATION_ENTRY_WINDOW, CalendarInputError, PHASE_KEYS, PHASE_LABELS, type CalendarSettings, calendarSettingsSchema, defaultCalendarSettings } from "@/lib/calendar-settings";
import { chinaDateOf, chineseWeekday, countWorkingDays, formatChineseDate, isWorkingDay, phaseInterval, rangeDays } from "@/lib/china-date";

// ---------------------------------------------------------------------------
// Independent oracles (do not reuse the module's helpers)
// ---------------------------------------------------------------------------

const oracleChinaDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

function ymd(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

function plusDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return ymd(y, m, d + n);
}

function utcWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function settings(year: number, patch: Partial<CalendarSettings> = {}): CalendarSettings {
  return { ...defaultCalendarSettings(year), ...patch };
}

const at = (iso: string) => new Date(iso);

function ranges(s: CalendarSettings) {
  return Object.fromEntries(computeCalendar(s).phases.map((p) => [p.key, [p.start, p.end]]));
}

// ---------------------------------------------------------------------------

describe("send-off window (送读期)", () => {
  test("2020: holiday ends 2020-05-05 → 2020-05-06 to 2020-05-14 (调休 Saturday not counted by default)", () => {
    const cal = computeCalendar(settings(2020, { mayDayHolidayEnd: "2020-05-05", makeUpWorkingDays: ["2020-05-09"] }));
    const p = getPhase(cal, "sendOff");
    expect([p.start, p.end]).toEqual(["2020-05-06", "2020-05-14"]);
    expect(p.label).toBe("送读期");
    expect(p.overridden).toBe(false);
  });

  test("2020 with make-up Saturday counting → ends 2020-05-13", () => {
    const cal = computeCalendar(
      settings(2020, { mayDayHolidayEnd: "2020-05-05", makeUpSaturdaysCount: true, makeUpWorkingDays: ["2020-05-09"] }),
    );
    const p = getPhase(cal, "sendOff");
    expect([p.start, p.end]).toEqual(["2020-05-06", "2020-05-13"]);
  });

  test("2021: holiday ends 2021-05-05 → 2021-05-06 to 2021-05-14", () => {
    const cal = computeCalendar(settings(2021, { mayDayHolidayEnd: "2021-05-05" }));
    const p = getPhase(cal, "sendOff");
    expect([p.start, p.end]).toEqual(["2021-05-06", "2021-05-14"]);
  });

  test("extra non-working day pushes the end", () => {
    const cal = computeCalendar(settings(2020, { extraNonWorkingDays: ["2020-05-07"] }));
    const p = getPhase(cal, "sendOff");
    expect([p.start, p.end]).toEqual(["2020-05-06", "2020-05-15"]);
  });

  test("make-up days only count on weekends and only when enabled", () => {
    const s = { extraNonWorkingDays: [], makeUpSaturdaysCount: true, makeUpWorkingDays: ["2020-05-09"] };
    expect(isWorkingDay("2020-05-09", s)).toBe(true);
    expect(isWorkingDay("2020-05-10", s)).toBe(false);
    expect(isWorkingDay("2020-05-09", { ...s, makeUpSaturdaysCount: false })).toBe(false);
    expect(isWorkingDay("2020-05-08", { ...s, extraNonWorkingDays: ["2020-05-08"] })).toBe(false);
  });

  const yearArb = fc.integer({ min: 2019, max: 2035 });
  const holidayOffsetArb = fc.integer({ min: 0, max: 12 }); // Apr 28 + 0..12 = Apr 28 … May 10
  const extraOffsetsArb = fc.uniqueArray(fc.integer({ min: -10, max: 80 }), { maxLength: 40 });

  test("property: exactly 7 non-weekend, non-holiday days; starts after the holiday; ends on working days", () => {
    fc.assert(
      fc.property(yearArb, holidayOffsetArb, extraOffsetsArb, (year, hOff, extraOffs) => {
        const holidayEnd = ymd(year, 4, 28 + hOff);
        const extra = extraOffs.map((o) => ymd(year, 4, 28 + o));
        const cal = computeCalendar(settings(year, { mayDayHolidayEnd: holidayEnd, extraNonWorkingDays: extra }));
        const { start, end } = getPhase(cal, "sendOff");
        const isOff = (d: string) => [0, 6].includes(utcWeekday(d)) || extra.includes(d);

        expect(start > holidayEnd).toBe(true);
        expect(isOff(start)).toBe(false);
        expect(isOff(end)).toBe(false);
        let count = 0;
        for (let d = start; d <= end; d = plusDays(d, 1)) if (!isOff(d)) count++;
        expect(count).toBe(7);
        // start is the *first* working day after the holiday
        for (let d = plusDays(holidayEnd, 1); d < start; d = plusDays(d, 1)) expect(isOff(d)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("property: with make-up days counting, exactly 7 working days incl. make-up weekend days", () => {
    fc.assert(
      fc.property(
        yearArb,
        holidayOffsetArb,
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 6 }),
        (year, hOff, makeUpOffs) => {
          const holidayEnd = ymd(year, 4, 28 + hOff);
          const makeUp = makeUpOffs.map((o) => ymd(year, 4, 28 + o)).filter((d) => [0, 6].includes(utcWeekday(d)));
          const cal = computeCalendar(
            settings(year, { mayDayHolidayEnd: holidayEnd, makeUpSaturdaysCount: true, makeUpWorkingDays: makeUp }),
          );
          const { start, end } = getPhase(cal, "sendOff");
          const works = (d: string) => ![0, 6].includes(utcWeekday(d)) || makeUp.includes(d);
          let count = 0;
          for (let d = start; d <= end; d = plusDays(d, 1)) if (works(d)) count++;
          expect(count).toBe(7);
          expect(works(start) && works(end)).toBe(true);
          expect(start > holidayEnd).toBe(true);
        },
      ),
    );
  });
});

describe("phase windows", () => {
  test("2020 full calendar", () => {
    expect(ranges(settings(2020))).toEqual({
      publicity: ["2020-04-21", "2020-04-30"],
      sendOff: ["2020-05-06", "2020-05-14"],
      stabilisation: ["2020-05-15", "2020-06-04"],
      confirmation: ["2020-06-05", "2020-06-11"],
      consolidation: ["2020-06-12", "2020-09-30"],
    });
    const cal = computeCalendar(settings(2020));
    expect(cal.phases.map((p) => p.key)).toEqual([...PHASE_KEYS]);
    expect(cal.phases.map((p) => p.label)).toEqual(["宣传期", "送读期", "稳定期", "确认期", "巩固期"]);
  });

  test("autumn registration date ends 巩固期", () => {
    expect(ranges(settings(2020, { autumnRegistrationDate: "2020-10-20" })).consolidation).toEqual([
      "2020-06-12",
      "2020-10-20",
    ]);
  });

  test("holiday ending Apr 28: 宣传期 is cut so that phases do not overlap", () => {
    const r = ranges(settings(2020, { mayDayHolidayEnd: "2020-04-28" }));
    expect(r.publicity).toEqual(["2020-04-21", "2020-04-28"]);
    expect(r.sendOff[0]).toBe("2020-04-29");
  });

  test("property: phases are in order; 稳定期 21 days, 确认期 7 days, chained", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2019, max: 2035 }), fc.integer({ min: 0, max: 12 }), (year, hOff) => {
        const cal = computeCalendar(settings(year, { mayDayHolidayEnd: ymd(year, 4, 28 + hOff) }));
        const [pub, send, stab, conf, cons] = cal.phases;
        for (const p of cal.phases) expect(p.start <= p.end).toBe(true);
        expect(pub.end < send.start).toBe(true);
        expect(stab.start).toBe(plusDays(send.end, 1));
        expect(stab.end).toBe(plusDays(stab.start, 20));
        expect(conf.start).toBe(plusDays(stab.end, 1));
        expect(conf.end).toBe(plusDays(conf.start, 6));
        expect(cons.start).toBe(plusDays(conf.end, 1));
        expect(cons.end).toBe(`${year}-09-30`);
      }),
    );
  });
});

describe("overrides", () => {
  test("override of 送读期 moves the window and later phases shift", () => {
    const cal = computeCalendar(
      settings(2020, { overrides: { sendOff: { start: "2020-05-07", end: "2020-05-18", reason: "疫情延期" } } }),
    );
    const send = getPhase(cal, "sendOff");
    expect(send).toMatchObject({ start: "2020-05-07", end: "2020-05-18", overridden: true, reason: "疫情延期" });
    expect(ranges(settings(2020, { overrides: { sendOff: { start: "2020-05-07", end: "2020-05-18", reason: "x" } } })))
      .toEqual({
        publicity: ["2020-04-21", "2020-04-30"],
        sendOff: ["2020-05-07", "2020-05-18"],
        stabilisation: ["2020-05-19", "2020-06-08"],
        confirmation: ["2020-06-09", "2020-06-15"],
        consolidation: ["2020-06-16", "2020-09-30"],
      });
    expect(getPhase(cal, "stabilisation").overridden).toBe(false);
    expect(checkPhase(cal, "sendOff", at("2020-05-18T08:00:00Z"))).toEqual({ ok: true });
    expect(checkPhase(cal, "sendOff", at("2020-05-06T08:00:00Z"))).toEqual({
      ok: false,
      message: "送读期为 2020年5月7日至2020年5月18日，当前不在送读期",
    });
  });

  test("a later phase with its own override keeps it", () => {
    const r = ranges(
      settings(2020, {
        overrides: {
          sendOff: { start: "2020-05-07", end: "2020-05-18", reason: "延期" },
          stabilisation: { start: "2020-05-20", end: "2020-06-20", reason: "延长" },
        },
      }),
    );
    expect(r.stabilisation).toEqual(["2020-05-20", "2020-06-20"]);
    expect(r.confirmation).toEqual(["2020-06-21", "2020-06-27"]);
  });

  test("override with start > end throws CalendarInputError", () => {
    const s = settings(2020, { overrides: { sendOff: { start: "2020-05-14", end: "2020-05-06", reason: "x" } } });
    expect(() => computeCalendar(s)).toThrow(CalendarInputError);
    expect(() => computeCalendar(s)).toThrow("送读期调整后的开始日期（2020年5月14日）不能晚于结束日期（2020年5月6日）");
  });

  test("override without reason, or overlapping another phase, throws", () => {
    expect(() =>
      computeCalendar(settings(2020, { overrides: { sendOff: { start: "2020-05-07", end: "2020-05-18", reason: " " } } })),
    ).toThrow(CalendarInputError);
    expect(() =>
      computeCalendar(
        settings(2020, { overrides: { stabilisation: { start: "2020-05-10", end: "2020-06-01", reason: "x" } } }),
      ),
    ).toThrow("稳定期的开始日期（2020年5月10日）必须晚于送读期的结束日期（2020年5月14日）");
  });

  test("override pushing 巩固期 past the autumn registration date throws", () => {
    expect(() =>
      computeCalendar(
        settings(2020, { overrides: { confirmation: { start: "2020-06-05", end: "2020-10-10", reason: "x" } } }),
      ),
    ).toThrow(CalendarInputError);
  });
});

describe("input validation", () => {
  test.each([
    ["2020-04-27", "应在2020年4月28日至2020年5月10日之间"],
    ["2020-05-11", "应在2020年4月28日至2020年5月10日之间"],
    ["2021-05-05", "必须在2020年内"],
    ["2020-5-5", "不是有效日期"],
    ["2020-02-30", "不是有效日期"],
  ])("holiday end %s is refused", (holidayEnd, message) => {
    const run = () => computeCalendar(settings(2020, { mayDayHolidayEnd: holidayEnd }));
    expect(run).toThrow(CalendarInputError);
    expect(run).toThrow(message);
  });

  test("the boundaries Apr 28 and May 10 are accepted", () => {
    expect(() => computeCalendar(settings(2020, { mayDayHolidayEnd: "2020-04-28" }))).not.toThrow();
    expect(() => computeCalendar(settings(2020, { mayDayHolidayEnd: "2020-05-10" }))).not.toThrow();
  });

  test("error carries the field name", () => {
    try {
      computeCalendar(settings(2020, { mayDayHolidayEnd: "2020-06-01" }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarInputError);
      expect(e).toBeInstanceOf(Error);
      expect((e as CalendarInputError).field).toBe("mayDayHolidayEnd");
      expect((e as CalendarInputError).name).toBe("CalendarInputError");
    }
  });

  test("a day cannot be both make-up working day and non-working day", () => {
    expect(() =>
      computeCalendar(settings(2020, { extraNonWorkingDays: ["2020-05-09"], makeUpWorkingDays: ["2020-05-09"] })),
    ).toThrow(CalendarInputError);
  });

  test("zod schema accepts default settings and rejects bad dates", () => {
    expect(calendarSettingsSchema.parse(settings(2020))).toEqual(settings(2020));
    expect(calendarSettingsSchema.safeParse({ ...settings(2020), mayDayHolidayEnd: "May 5" }).success).toBe(false);
  });
});

describe("instants (China time)", () => {
  const cal = computeCalendar(settings(2020));

  test("phaseInterval: 00:00 Beijing on start, exclusive 00:00 Beijing after end", () => {
    const { startsAt, endsAt } = phaseInterval(getPhase(cal, "sendOff"));
    expect(startsAt.toISOString()).toBe("2020-05-05T16:00:00.000Z");
    expect(endsAt.toISOString()).toBe("2020-05-14T16:00:00.000Z");
  });

  test("chinaDateOf and formatChineseDate", () => {
    expect(chinaDateOf(at("2020-05-05T16:00:00Z"))).toBe("2020-05-06");
    expect(chinaDateOf(at("2020-05-05T15:59:59.999Z"))).toBe("2020-05-05");
    expect(chinaDateOf(at("2020-12-31T16:00:00Z"))).toBe("2021-01-01");
    expect(formatChineseDate("2020-05-06")).toBe("2020年5月6日");
    expect(formatChineseDate("2020-12-31")).toBe("2020年12月31日");
  });

  test("property: chinaDateOf matches Intl Asia/Shanghai", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const d = new Date(ms);
        expect(chinaDateOf(d)).toBe(oracleChinaDate.format(d));
      }),
    );
  });

  test("send-off guard at the boundaries", () => {
    expect(checkPhase(cal, "sendOff", at("2020-05-05T16:00:00Z"), "送读")).toEqual({ ok: true });
    expect(checkPhase(cal, "sendOff", at("2020-05-14T15:59:59Z"), "送读")).toEqual({ ok: true });
    expect(checkPhase(cal, "sendOff", at("2020-05-14T16:00:00Z"), "送读")).toEqual({
      ok: false,
      message: "送读期为 2020年5月6日至2020年5月14日，当前不在送读期，不能送读",
    });
    expect(checkPhase(cal, "sendOff", at("2020-05-05T15:59:59Z"), "送读")).toEqual({
      ok: false,
      message: "送读期为 2020年5月6日至2020年5月14日，当前不在送读期，不能送读",
    });
    expect(checkPhase(cal, "sendOff", at("2020-05-05T15:59:59Z"))).toEqual({
      ok: false,
      message: "送读期为 2020年5月6日至2020年5月14日，当前不在送读期",
    });
  });

  test("application-entry window spans 宣传期 … 送读期", () => {
    expect(
      checkWindow(cal, { from: "publicity", to: "sendOff", label: "报名录入期" }, at("2020-05-14T16:00:00Z"), "录入报名"),
    ).toEqual({ ok: false, message: "报名录入期为 2020年4月21日至2020年5月14日，当前不在报名录入期，不能录入报名" });
    expect(checkWindow(cal, APPLICATION_ENTRY_WINDOW, at("2020-04-20T16:00:00Z"))).toEqual({ ok: true });
    // the days between 宣传期 and 送读期 (the holiday) are inside the window
    expect(checkWindow(cal, APPLICATION_ENTRY_WINDOW, at("2020-05-02T04:00:00Z"))).toEqual({ ok: true });
    expect(checkWindow(cal, APPLICATION_ENTRY_WINDOW, at("2020-04-20T15:59:59Z")).ok).toBe(false);
    expect(() => checkWindow(cal, { from: "sendOff", to: "publicity", label: "x" }, at("2020-05-06T00:00:00Z"))).toThrow();
  });

  test("currentPhase", () => {
    expect(currentPhase(cal, at("2020-04-20T16:00:00Z"))?.key).toBe("publicity");
    expect(currentPhase(cal, at("2020-05-02T04:00:00Z"))).toBeNull(); // May Day holiday
    expect(currentPhase(cal, at("2020-05-14T16:00:00Z"))?.key).toBe("stabilisation");
    expect(currentPhase(cal, at("2020-06-08T00:00:00Z"))?.key).toBe("confirmation");
    expect(currentPhase(cal, at("2020-09-30T15:59:59Z"))?.key).toBe("consolidation");
    expect(currentPhase(cal, at("2020-09-30T16:00:00Z"))).toBeNull();
  });

  test("property: checkPhase agrees with the China date of now", () => {
    const all = computeCalendar(settings(2020, { mayDayHolidayEnd: "2020-05-05" }));
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 3, 1), max: Date.UTC(2020, 10, 1) }),
        fc.constantFrom(...PHASE_KEYS),
        (ms, key) => {
          const now = new Date(ms);
          const today = oracleChinaDate.format(now);
          const p = getPhase(all, key);
          expect(checkPhase(all, key, now).ok).toBe(today >= p.start && today <= p.end);
        },
      ),
    );
  });
});

describe("deadlines", () => {
  const cal = computeCalendar(settings(2020));

  test("dates and labels", () => {
    expect(cal.deadlines).toEqual([
      { key: "countyPlan", label: "实施方案", date: "2020-03-31" },
      { key: "teachingPlan", label: "职业学校教学方案（附件5）", date: "2020-04-30" },
      { key: "annualReport", label: "年度招生报告和工作总结", date: "2020-09-30" },
    ]);
  });

  test("nextDeadline counts days in China time", () => {
    // 2019-12-31T16:30Z is already 2020-01-01 in Beijing: Jan 1 → Mar 31 (leap year) = 90 days
    expect(nextDeadline(cal, at("2019-12-31T16:30:00Z"))).toMatchObject({ key: "countyPlan", daysLeft: 90 });
    expect(nextDeadline(cal, at("2019-12-31T15:30:00Z"))).toMatchObject({ key: "countyPlan", daysLeft: 91 });
    expect(nextDeadline(cal, at("2020-03-31T15:59:59Z"))).toMatchObject({ key: "countyPlan", daysLeft: 0 });
    expect(nextDeadline(cal, at("2020-03-31T16:00:00Z"))).toEqual({
      key: "teachingPlan",
      label: "职业学校教学方案（附件5）",
      date: "2020-04-30",
      daysLeft: 29,
    });
    expect(nextDeadline(cal, at("2020-05-01T00:00:00Z"))).toMatchObject({ key: "annualReport", daysLeft: 152 });
    expect(nextDeadline(cal, at("2020-09-30T16:00:00Z"))).toBeNull();
  });
});

describe("roleTasks", () => {
  test("every role has a task for every phase", () => {
    for (const role of ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"] as const) {
      for (const key of PHASE_KEYS) expect(roleTasks[role][key].length).toBeGreaterThan(5);
    }
    expect(roleTasks.COUNTY.sendOff).toBe("组织初中学校将已同意的学生送读到职业学校");
    expect(PHASE_LABELS.consolidation).toBe("巩固期");
  });
});

describe("报名录入期 override (applicationEntry)", () => {
  test("default window is 宣传期 start … 送读期 end and follows a 送读期 override", () => {
    const cal = computeCalendar(settings(2020));
    expect(cal.windows).toEqual([
      { key: "applicationEntry", label: "报名录入期", start: "2020-04-21", end: "2020-05-14", overridden: false },
      { key: "autumnRegistration", label: "秋季中职学籍注册期", start: "2020-09-01", end: "2020-09-30", overridden: false },
    ]);
    const moved = computeCalendar(settings(2020, { overrides: { sendOff: { start: "2020-05-07", end: "2020-05-18", reason: "x" } } }));
    expect(moved.windows[0]).toMatchObject({ start: "2020-04-21", end: "2020-05-18", overridden: false });
  });

  test("an override replaces the window for checkWindow with its key; windows without key still use from/to", () => {
    const cal = computeCalendar(
      settings(2020, { overrides: { applicationEntry: { start: "2020-04-10", end: "2020-05-12", reason: " 提前报名 " } } }),
    );
    expect(cal.windows[0]).toEqual({
      key: "applicationEntry", label: "报名录入期", start: "2020-04-10", end: "2020-05-12", overridden: true, reason: "提前报名",
    });
    expect(checkWindow(cal, APPLICATION_ENTRY_WINDOW, at("2020-04-09T16:00:00Z"))).toEqual({ ok: true });
    expect(checkWindow(cal, APPLICATION_ENTRY_WINDOW, at("2020-05-12T16:00:00Z"), "录入报名")).toEqual({
      ok: false,
      message: "报名录入期为 2020年4月10日至2020年5月12日，当前不在报名录入期，不能录入报名",
    });
    expect(checkWindow(cal, { from: "publicity", to: "sendOff", label: "报名录入期" }, at("2020-05-13T08:00:00Z")).ok).toBe(true);
    // the phases are not affected
    expect(getPhase(cal, "publicity")).toMatchObject({ start: "2020-04-21", overridden: false });
  });

  test("the override is validated like a phase override", () => {
    expect(() =>
      computeCalendar(settings(2020, { overrides: { applicationEntry: { start: "2020-05-12", end: "2020-04-10", reason: "x" } } })),
    ).toThrow("报名录入期调整后的开始日期（2020年5月12日）不能晚于结束日期（2020年4月10日）");
    expect(() =>
      computeCalendar(settings(2020, { overrides: { applicationEntry: { start: "2020-04-10", end: "2020-05-12", reason: "" } } })),
    ).toThrow("调整报名录入期必须填写原因");
    expect(() =>
      computeCalendar(settings(2020, { overrides: { applicationEntry: { start: "2019-12-10", end: "2020-05-12", reason: "x" } } })),
    ).toThrow("必须在2020年内");
    expect(calendarSettingsSchema.safeParse({
      ...settings(2020), overrides: { applicationEntry: { start: "2020-04-10", end: "2020-05-12", reason: "x" } },
    }).success).toBe(true);
  });
});

describe("helpers for the calendar page and the timeline", () => {
  test("countWorkingDays: the computed 送读期 always holds 7", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2019, max: 2035 }), fc.integer({ min: 0, max: 12 }), fc.boolean(), (year, hOff, count) => {
        const s = settings(year, { mayDayHolidayEnd: ymd(year, 4, 28 + hOff), makeUpSaturdaysCount: count, makeUpWorkingDays: [ymd(year, 5, 9)] });
        expect(countWorkingDays(getPhase(computeCalendar(s), "sendOff"), s)).toBe(7);
      }),
    );
    expect(countWorkingDays({ start: "2020-05-06", end: "2020-05-14" }, settings(2020))).toBe(7);
    expect(rangeDays({ start: "2020-05-06", end: "2020-05-14" })).toBe(9);
  });

  test("chineseWeekday", () => {
    expect(chineseWeekday("2020-05-06")).toBe("星期三");
    expect(chineseWeekday("2020-05-09")).toBe("星期六");
    expect(chineseWeekday("2020-05-10")).toBe("星期日");
  });

  test("nextPhase counts days to the next start in China time", () => {
    const cal = computeCalendar(settings(2020));
    expect(nextPhase(cal, at("2020-05-01T20:00:00Z"))).toMatchObject({ key: "sendOff", daysUntil: 4 }); // May 2 in Beijing
    expect(nextPhase(cal, at("2020-05-08T02:00:00Z"))).toMatchObject({ key: "stabilisation", daysUntil: 7 });
    expect(nextPhase(cal, at("2020-07-01T02:00:00Z"))).toBeNull();
  });
});

// Node applies a new process.env.TZ immediately: run the key results under several process time zones
// in the same test run, so that `npm test` proves the module never depends on the server's zone.
describe.each(["UTC", "Asia/Shanghai", "America/Los_Angeles"])("process TZ=%s", (zone) => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.TZ;
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  test("the zone really is in effect", () => {
    const offset = { UTC: 0, "Asia/Shanghai": -480, "America/Los_Angeles": 480 }[zone];
    expect(new Date(Date.UTC(2020, 0, 15)).getTimezoneOffset()).toBe(offset);
  });

  test("2020 and 2021 送读期 and the UTC boundaries are the same", () => {
    const c2020 = computeCalendar(settings(2020, { mayDayHolidayEnd: "2020-05-05" }));
    const c2021 = computeCalendar(settings(2021, { mayDayHolidayEnd: "2021-05-05" }));
    expect(getPhase(c2020, "sendOff")).toMatchObject({ start: "2020-05-06", end: "2020-05-14" });
    expect(getPhase(c2021, "sendOff")).toMatchObject({ start: "2021-05-06", end: "2021-05-14" });
    expect(checkPhase(c2020, "sendOff", at("2020-05-05T16:00:00Z"), "送读")).toEqual({ ok: true });
    expect(checkPhase(c2020, "sendOff", at("2020-05-14T15:59:59Z"), "送读")).toEqual({ ok: true });
    expect(checkPhase(c2020, "sendOff", at("2020-05-14T16:00:00Z"), "送读")).toEqual({
      ok: false,
      message: "送读期为 2020年5月6日至2020年5月14日，当前不在送读期，不能送读",
    });
    expect(chinaDateOf(at("2020-05-05T16:00:00Z"))).toBe("2020-05-06");
    expect(phaseInterval(getPhase(c2020, "sendOff")).startsAt.toISOString()).toBe("2020-05-05T16:00:00.000Z");
    expect(nextDeadline(c2020, at("2019-12-31T16:30:00Z"))).toMatchObject({ key: "countyPlan", daysLeft: 90 });
  });
});

describe("deadlineState (filings' countdown and 逾期)", () => {
  test("counts down to the due day, then 逾期 by days; a submission says whether it was on time", () => {
    expect(deadlineState("2020-03-31", "2020-03-29", null)).toEqual({ kind: "open", daysLeft: 2, label: "还有 2 天截止" });
    expect(deadlineState("2020-03-31", "2020-03-31", null)).toEqual({ kind: "open", daysLeft: 0, label: "今天截止" });
    expect(deadlineState("2020-03-31", "2020-04-01", null)).toEqual({ kind: "overdue", daysLate: 1, label: "逾期 1 天" });
    expect(deadlineState("2020-03-31", "2020-05-08", null)).toMatchObject({ kind: "overdue", daysLate: 38 });
    expect(deadlineState("2020-03-31", "2020-05-08", "2020-03-31")).toMatchObject({ kind: "filed", late: false, label: "按时提交（2020年3月31日）" });
    expect(deadlineState("2020-03-31", "2020-05-08", "2020-04-01")).toMatchObject({ kind: "filed", late: true, label: "逾期提交（2020年4月1日）" });
  });

  test("the bureau's due dates replace the policy's; one outside the year is refused", () => {
    const cal = computeCalendar({ ...settings(2020), deadlines: { countyPlan: "2020-04-10" } });
    expect(cal.deadlines.map((d) => d.date)).toEqual(["2020-04-10", "2020-04-30", "2020-09-30"]);
    expect(() => computeCalendar({ ...settings(2020), deadlines: { annualReport: "2021-01-05" } })).toThrow("年度招生报告和工作总结截止日期（2021年1月5日）必须在2020年内");
  });
});
