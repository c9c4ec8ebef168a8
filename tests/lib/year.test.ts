import { describe, expect, test } from "vitest";
import { parseYearParam, pastYearReadOnly, phaseOver, programmeYearOf, requiredYearParam, yearHref } from "@/lib/year";
import { computeCalendar } from "@/lib/calendar";
import { defaultCalendarSettings } from "@/lib/calendar-settings";

const cal2020 = computeCalendar(defaultCalendarSettings(2020)); // 送读期 2020-05-06 … 2020-05-14
const china = (d: string, t = "12:00") => new Date(`${d}T${t}:00+08:00`);

describe("?year= (one parser for every year-bound page)", () => {
  test("accepts a four-digit year 2000–2100, first of a repeated parameter; anything else is null", () => {
    expect(parseYearParam("2020")).toBe(2020);
    expect(parseYearParam(["2019", "2020"])).toBe(2019);
    for (const bad of [undefined, null, "", "20", "1999", "2101", "2020.5", "2020x", "abcd", "+2020"]) expect(parseYearParam(bad)).toBeNull();
  });

  test("export routes read a required ?year= by the same rule", () => {
    expect(requiredYearParam.safeParse("2019")).toEqual({ success: true, data: 2019 });
    for (const bad of ["", "2020.0", "1999", "abcd"]) expect(requiredYearParam.safeParse(bad).success).toBe(false);
  });

  test("the programme year is the China date's year (Asia/Shanghai), not the server's", () => {
    expect(programmeYearOf(new Date("2020-12-31T16:30:00Z"))).toBe(2021); // 2021-01-01 00:30 in China
    expect(programmeYearOf(new Date("2020-12-31T15:59:00Z"))).toBe(2020);
  });

  test("yearHref keeps the filters and drops the page", () => {
    expect(yearHref("/students", 2019, { view: "LEFT", page: "3", q: "" })).toBe("/students?year=2019&view=LEFT");
  });
});

describe("a past year is read-only where its phase is over", () => {
  test("past year after the phase: read-only; the current year keeps its forms (the server guards the window)", () => {
    expect(pastYearReadOnly(2020, cal2020, "sendOff", china("2021-03-01"))).toBe(true);
    expect(pastYearReadOnly(2020, cal2020, "sendOff", china("2020-05-20"))).toBe(false);
    expect(phaseOver(2020, cal2020, "sendOff", china("2020-05-20"))).toBe(true);
    expect(phaseOver(2020, cal2020, "sendOff", china("2020-05-14", "23:59"))).toBe(false);
  });

  test("a past year without a calendar is read-only; a later year never is", () => {
    expect(pastYearReadOnly(2018, null, "sendOff", china("2020-05-08"))).toBe(true);
    expect(phaseOver(2021, null, "sendOff", china("2020-05-08"))).toBe(false);
  });
});
