import { beforeAll, describe, expect, test } from "vitest";
import { testDb, actorFor, raceTest } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { createYearCalendar } from "../../../prisma/factories/calendar";
import { saveCalendarSettings, setPhaseOverride, revokePhaseOverride } from "@/server/calendar/edit-calendar";
import { assertInPhase, loadCalendar, loadCalendarSettings } from "@/server/calendar/calendar";
import { getCalendarPageData, getHomeTimeline } from "@/server/calendar/calendar-view";
import { getPhase } from "@/lib/calendar";
import { APPLICATION_ENTRY_WINDOW } from "@/lib/calendar-settings";
import { calendarSettingsFormSchema } from "@/lib/schemas/calendar";
import type { Actor } from "@/server/auth/load-actor";

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let bureau: Actor, county: Actor, school: Actor, voc: Actor;
const at = (iso: string) => new Date(iso);
const SEND_OFF_2020 = "送读期为 2020年5月6日至2020年5月14日，当前不在送读期，不能送读";

const settings2020 = {
  year: 2020,
  mayDayHolidayEnd: "2020-05-05",
  extraNonWorkingDays: [],
  makeUpWorkingDays: ["2020-05-09", "2020-04-26"],
  makeUpSaturdaysCount: false,
  autumnRegistrationDate: "2020-09-15",
};

async function versionOf(year: number) {
  return (await testDb().yearCalendar.findUnique({ where: { year } }))?.version ?? 0;
}

/** Other database test files share this database and may have set 2020: start from our own settings, no overrides. */
async function fresh2020() {
  const before = await loadCalendarSettings(testDb(), 2020);
  for (const key of Object.keys(before?.overrides ?? {}) as (keyof NonNullable<typeof before>["overrides"])[]) {
    await revokePhaseOverride(bureau, { year: 2020, version: await versionOf(2020), phase: key, reason: "测试前恢复" });
  }
  await saveCalendarSettings(bureau, { ...settings2020, version: await versionOf(2020) });
}

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  bureau = await actorFor(p.users.prefecture);
  county = await actorFor(p.users.countyA);
  school = await actorFor(p.users.schoolA);
  voc = await actorFor(p.users.vocA);
  await fresh2020();
});

describe("saving the yearly calendar", () => {
  test("creates version 1, audited, and computes the windows", async () => {
    const r = await saveCalendarSettings(bureau, {
      year: 2031, version: 0, mayDayHolidayEnd: "2031-05-05", extraNonWorkingDays: [], makeUpWorkingDays: [],
      makeUpSaturdaysCount: false, autumnRegistrationDate: null,
    });
    expect(r).toMatchObject({ changed: true, version: 1 });
    const row = await testDb().yearCalendar.findUniqueOrThrow({ where: { year: 2031 } });
    expect(row).toMatchObject({ version: 1, mayDayHolidayEnd: "2031-05-05", updatedById: p.users.prefecture.id });
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "calendar.create", entityId: "2031" } });
    expect(audit.actorId).toBe(p.users.prefecture.id);
    expect(audit.entityType).toBe("YearCalendar");
    const cal = await loadCalendar(testDb(), 2031);
    // 2031-05-05 is a Monday: Tue 6 … Fri 9, Mon 12 … Wed 14
    expect(getPhase(cal!, "sendOff")).toMatchObject({ start: "2031-05-06", end: "2031-05-14" });
  });

  test("a change bumps the version and the old settings go into the audit summary", async () => {
    await createYearCalendar(testDb(), { year: 2032, mayDayHolidayEnd: "2032-05-04", updatedById: p.users.prefecture.id });
    const v = await versionOf(2032);
    const r = await saveCalendarSettings(bureau, {
      year: 2032, version: v, mayDayHolidayEnd: "2032-05-05", extraNonWorkingDays: ["2032-05-07"], makeUpWorkingDays: [],
      makeUpSaturdaysCount: false, autumnRegistrationDate: "2032-09-20",
    });
    expect(r.version).toBe(v + 1);
    expect(await versionOf(2032)).toBe(v + 1);
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "calendar.update", entityId: "2032" }, orderBy: { id: "desc" } });
    expect(audit.summary).toMatchObject({
      version: v + 1,
      before: { version: v, mayDayHolidayEnd: "2032-05-04", extraNonWorkingDays: [], autumnRegistrationDate: null },
      after: { mayDayHolidayEnd: "2032-05-05", extraNonWorkingDays: ["2032-05-07"], autumnRegistrationDate: "2032-09-20" },
    });
  });

  test("saving unchanged settings writes nothing", async () => {
    const v = await versionOf(2020);
    const count = await testDb().auditLog.count({ where: { entityId: "2020" } });
    const r = await saveCalendarSettings(bureau, { ...settings2020, version: v });
    expect(r).toMatchObject({ changed: false, version: v });
    expect(await versionOf(2020)).toBe(v);
    expect(await testDb().auditLog.count({ where: { entityId: "2020" } })).toBe(count);
  });

  test("a stale version is refused as a conflict and nothing changes", async () => {
    const v = await versionOf(2020);
    await expect(saveCalendarSettings(bureau, { ...settings2020, version: v - 1, mayDayHolidayEnd: "2020-05-06" }))
      .rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("刚刚已被他人修改") });
    await expect(saveCalendarSettings(bureau, { ...settings2020, year: 2033, version: 3 }))
      .rejects.toMatchObject({ code: "CONFLICT" });
    expect((await loadCalendarSettings(testDb(), 2020))!.mayDayHolidayEnd).toBe("2020-05-05");
  });

  raceTest("two bureau staff saving the same version at once: exactly one wins", async () => {
    await createYearCalendar(testDb(), { year: 2034, mayDayHolidayEnd: "2034-05-05", updatedById: p.users.prefecture.id });
    const v = await versionOf(2034);
    const base = { year: 2034, version: v, extraNonWorkingDays: [], makeUpWorkingDays: [], makeUpSaturdaysCount: false, autumnRegistrationDate: null };
    const results = await Promise.allSettled([
      saveCalendarSettings(bureau, { ...base, mayDayHolidayEnd: "2034-05-03" }),
      saveCalendarSettings(bureau, { ...base, mayDayHolidayEnd: "2034-05-04" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT"]);
    expect(await versionOf(2034)).toBe(v + 1);
  });

  test("invalid settings are refused with the field and a Chinese message, nothing written", async () => {
    const v = await versionOf(2020);
    await expect(saveCalendarSettings(bureau, { ...settings2020, version: v, mayDayHolidayEnd: "2020-06-01" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { mayDayHolidayEnd: "五一劳动节收假日期（2020年6月1日）应在2020年4月28日至2020年5月10日之间" },
    });
    await expect(saveCalendarSettings(bureau, { ...settings2020, version: v, autumnRegistrationDate: "2020-06-01" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { autumnRegistrationDate: expect.stringContaining("巩固期的计算结果无效") },
    });
    expect(await versionOf(2020)).toBe(v);
  });

  test("only the prefecture bureau may edit: FORBIDDEN for a county, a middle school and a vocational school", async () => {
    const input = { ...settings2020, version: await versionOf(2020), mayDayHolidayEnd: "2020-05-06" };
    for (const actor of [county, school, voc]) {
      await expect(saveCalendarSettings(actor, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setPhaseOverride(actor, { year: 2020, version: input.version, phase: "sendOff", start: "2020-05-07", end: "2020-05-15", reason: "越权" }))
        .rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(revokePhaseOverride(actor, { year: 2020, version: input.version, phase: "sendOff", reason: "越权" }))
        .rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await loadCalendarSettings(testDb(), 2020))!.mayDayHolidayEnd).toBe("2020-05-05");
  });

  test("the form schema normalises typed dates", () => {
    const parsed = calendarSettingsFormSchema.parse({
      year: "2020", version: "3", mayDayHolidayEnd: "2020年5月5日", extraNonWorkingDays: "2020/5/7\n2020-5-7， 2020-05-06",
      makeUpWorkingDays: "", makeUpSaturdaysCount: "on", autumnRegistrationDate: "",
    });
    expect(parsed).toEqual({
      year: 2020, version: 3, mayDayHolidayEnd: "2020-05-05", extraNonWorkingDays: ["2020-05-06", "2020-05-07"],
      makeUpWorkingDays: [], makeUpSaturdaysCount: true, autumnRegistrationDate: null,
      countyPlanDeadline: null, teachingPlanDeadline: null, annualReportDeadline: null,
    });
    const bad = calendarSettingsFormSchema.safeParse({ year: "2020", version: "1", mayDayHolidayEnd: "2020-02-30", extraNonWorkingDays: "5月7日" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual([
      "五一劳动节假期最后一天“2020-02-30”不是有效日期，请按 2020-05-09 的格式填写",
      "其他非工作日中的“5月7日”不是有效日期，请按 2020-05-09 的格式填写，每行一个",
    ]);
  });
});

describe("the phase guard with a calendar saved through the domain", () => {
  test("send-off boundaries in UTC: 2020-05-05T16:00Z and 2020-05-14T15:59:59Z allowed, 2020-05-14T16:00Z refused", async () => {
    const guard = (iso: string) => testDb().$transaction((tx) => assertInPhase(tx, { now: at(iso), phase: "sendOff", verb: "送读" }));
    await expect(guard("2020-05-05T16:00:00Z")).resolves.toMatchObject({ year: 2020 });
    await expect(guard("2020-05-14T15:59:59Z")).resolves.toMatchObject({ year: 2020 });
    await expect(guard("2020-05-14T16:00:00Z")).rejects.toMatchObject({ code: "OUT_OF_WINDOW", message: SEND_OFF_2020 });
    await expect(guard("2020-05-05T15:59:59Z")).rejects.toMatchObject({ code: "OUT_OF_WINDOW", message: SEND_OFF_2020 });
  });

  test("a year without a calendar is refused with what to do", async () => {
    await expect(assertInPhase(testDb(), { now: at("2040-05-08T02:00:00Z"), phase: "sendOff", verb: "送读" })).rejects.toMatchObject({
      code: "OUT_OF_WINDOW",
      message: "2040年的工作日历尚未设置，暂时不能送读。请联系州教育体育局在“工作日历”中设置后再办理。",
    });
  });

  test("an override moves the window at once, is audited, revokes the previous one, and can be revoked", async () => {
    const v0 = await versionOf(2020);
    const first = await setPhaseOverride(bureau, { year: 2020, version: v0, phase: "sendOff", start: "2020-05-07", end: "2020-05-15", reason: "受疫情影响推迟一天" });
    expect(first.version).toBe(v0 + 1);
    expect(getPhase(first.calendar, "stabilisation")).toMatchObject({ start: "2020-05-16" });

    const guard = (iso: string) => testDb().$transaction((tx) => assertInPhase(tx, { now: at(iso), phase: "sendOff", verb: "送读" }));
    const moved = "送读期为 2020年5月7日至2020年5月15日，当前不在送读期，不能送读";
    await expect(guard("2020-05-06T08:00:00Z")).rejects.toMatchObject({ code: "OUT_OF_WINDOW", message: moved });
    await expect(guard("2020-05-15T08:00:00Z")).resolves.toBeTruthy();
    await expect(guard("2020-05-15T16:00:00Z")).rejects.toMatchObject({ message: moved });

    const audit = await testDb().auditLog.findFirstOrThrow({ where: { action: "calendar.override", entityId: "2020" }, orderBy: { id: "desc" } });
    expect(audit.actorId).toBe(p.users.prefecture.id);
    expect(audit.summary).toMatchObject({
      year: 2020, version: v0 + 1, phase: "送读期", reason: "受疫情影响推迟一天",
      before: { start: "2020-05-06", end: "2020-05-14", overridden: false },
      after: { start: "2020-05-07", end: "2020-05-15", overridden: true },
      replacedPreviousOverride: false,
    });

    // a second override of the same phase revokes the first (kept, not deleted)
    const second = await setPhaseOverride(bureau, { year: 2020, version: v0 + 1, phase: "sendOff", start: "2020-05-07", end: "2020-05-18", reason: "再延长" });
    const rows = await testDb().phaseOverride.findMany({ where: { year: 2020, phase: "SEND_OFF" }, orderBy: { createdAt: "asc" } });
    const firstRow = rows.find((r) => r.reason === "受疫情影响推迟一天")!;
    const secondRow = rows.find((r) => r.reason === "再延长")!;
    expect(firstRow.revokedAt).not.toBeNull();
    expect(firstRow.revokedAt!.getTime()).toBe(secondRow.createdAt.getTime()); // same transaction
    expect(firstRow.revokedById).toBe(p.users.prefecture.id);
    expect(rows.filter((r) => r.revokedAt === null).map((r) => r.reason)).toEqual(["再延长"]);
    expect(second.version).toBe(v0 + 2);

    // the page shows it to everyone, the history only to the bureau
    const forCounty = await getCalendarPageData(county, 2020);
    expect(getPhase(forCounty!.calendar, "sendOff")).toMatchObject({ end: "2020-05-18", overridden: true, reason: "再延长" });
    expect(forCounty!.history).toBeNull();
    const forBureau = await getCalendarPageData(bureau, 2020);
    expect(forBureau!.history!.map((h) => [h.reason, h.revokedAt !== null])).toEqual(expect.arrayContaining([["再延长", false], ["受疫情影响推迟一天", true]]));
    expect(forBureau!.restoreTo.sendOff).toEqual({ start: "2020-05-06", end: "2020-05-14" });
    expect(forBureau!.changes![0].text).toBe("送读期：2020年5月7日至2020年5月15日 → 2020年5月7日至2020年5月18日；原因：再延长");

    // revoking goes back to the computed window, audited with its reason
    const back = await revokePhaseOverride(bureau, { year: 2020, version: v0 + 2, phase: "sendOff", reason: "疫情缓解，按原时间" });
    expect(back.message).toBe(`已恢复2020年送读期的计算时间：2020年5月6日至2020年5月14日（第 ${v0 + 3} 版）。`);
    await expect(guard("2020-05-14T16:00:00Z")).rejects.toMatchObject({ message: SEND_OFF_2020 });
    expect(await testDb().phaseOverride.count({ where: { year: 2020, phase: "SEND_OFF", revokedAt: null } })).toBe(0);
    const revokeAudit = await testDb().auditLog.findFirstOrThrow({ where: { action: "calendar.overrideRevoke", entityId: "2020" }, orderBy: { id: "desc" } });
    expect(revokeAudit.summary).toMatchObject({ reason: "疫情缓解，按原时间", before: { end: "2020-05-18" }, after: { start: "2020-05-06", end: "2020-05-14" } });
    await expect(revokePhaseOverride(bureau, { year: 2020, version: v0 + 3, phase: "sendOff", reason: "再次恢复" }))
      .rejects.toMatchObject({ code: "VALIDATION" });
  });

  test("an invalid override is refused on the form field and nothing is written", async () => {
    const v = await versionOf(2020);
    const count = await testDb().phaseOverride.count();
    await expect(setPhaseOverride(bureau, { year: 2020, version: v, phase: "stabilisation", start: "2020-05-10", end: "2020-06-01", reason: "重叠" }))
      .rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { start: expect.stringContaining("稳定期的开始日期（2020年5月10日）必须晚于送读期的结束日期（2020年5月14日）") },
      });
    await expect(setPhaseOverride(bureau, { year: 2040, version: 0, phase: "sendOff", start: "2040-05-07", end: "2040-05-15", reason: "没有日历" }))
      .rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("2040年的工作日历尚未设置") });
    expect(await testDb().phaseOverride.count()).toBe(count);
    expect(await versionOf(2020)).toBe(v);
  });

  test("application entry (报名录入期) can be overridden by the bureau and the guard follows it", async () => {
    const entry = (iso: string) => testDb().$transaction((tx) => assertInPhase(tx, { now: at(iso), phase: APPLICATION_ENTRY_WINDOW, verb: "录入报名" }));
    await expect(entry("2020-04-20T15:59:59Z")).rejects.toMatchObject({
      message: "报名录入期为 2020年4月21日至2020年5月14日，当前不在报名录入期，不能录入报名",
    });
    const v = await versionOf(2020);
    await setPhaseOverride(bureau, { year: 2020, version: v, phase: "applicationEntry", start: "2020-04-10", end: "2020-05-12", reason: "提前开始报名" });
    expect(await testDb().phaseOverride.count({ where: { year: 2020, phase: "APPLICATION_ENTRY", revokedAt: null } })).toBe(1);
    await expect(entry("2020-04-20T15:59:59Z")).resolves.toBeTruthy();
    await expect(entry("2020-05-12T16:00:00Z")).rejects.toMatchObject({
      message: "报名录入期为 2020年4月10日至2020年5月12日，当前不在报名录入期，不能录入报名",
    });
    // the phases themselves are untouched
    await expect(testDb().$transaction((tx) => assertInPhase(tx, { now: at("2020-05-14T08:00:00Z"), phase: "sendOff", verb: "送读" }))).resolves.toBeTruthy();
    await revokePhaseOverride(bureau, { year: 2020, version: v + 1, phase: "applicationEntry", reason: "恢复" });
    await expect(entry("2020-05-14T08:00:00Z")).resolves.toBeTruthy();
  });

  test("home timeline: the current programme year's calendar in China time", async () => {
    const h = await getHomeTimeline(county, at("2020-05-07T20:00:00Z")); // 04:00 on May 8 in Beijing
    expect(h.year).toBe(2020);
    expect(h.today).toBe("2020-05-08");
    expect(getPhase(h.calendar!, "sendOff")).toMatchObject({ start: "2020-05-06", end: "2020-05-14" });
    expect((await getHomeTimeline(county, at("2040-05-08T02:00:00Z"))).calendar).toBeNull();
  });
});
