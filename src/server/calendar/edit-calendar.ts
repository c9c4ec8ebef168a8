import "server-only";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, isUniqueViolation } from "@/server/errors";
import { computeCalendar, type SchoolCalendar } from "@/lib/calendar";
import { CalendarInputError, OVERRIDE_LABELS, WINDOW_KEYS, type CalendarSettings, type OverrideKey } from "@/lib/calendar-settings";
import { formatChineseRange } from "@/lib/china-date";
import { OVERRIDE_TO_DB, deadlinesFromRow, loadCalendarSettings } from "./calendar";

/**
 * Writes of the yearly calendar (PREFECTURE only, `calendar.edit`).
 *
 * - Every change bumps `YearCalendar.version`; the form sends the version it was loaded with
 *   and a stale one is refused (two bureau staff editing at once never overwrite each other).
 * - An override is a new `PhaseOverride` row; the previous live override of the same phase is
 *   revoked (`revokedAt`, `revokedById`), never deleted, so the history stays complete.
 * - Every change is validated by `computeCalendar` (the same code that computes the windows)
 *   and audited with the settings / windows before and after, in the same transaction.
 */

export type CalendarSettingsInput = {
  year: number;
  /** The version the form was loaded with; 0 when the year has no calendar yet. */
  version: number;
  mayDayHolidayEnd: string;
  extraNonWorkingDays: string[];
  makeUpWorkingDays: string[];
  makeUpSaturdaysCount: boolean;
  autumnRegistrationDate: string | null;
  /** Due dates; null = the policy's date (Mar 31 / Apr 30 / Sep 30). Absent = unchanged. */
  countyPlanDeadline?: string | null;
  teachingPlanDeadline?: string | null;
  annualReportDeadline?: string | null;
};

export type PhaseOverrideInput = {
  year: number;
  version: number;
  phase: OverrideKey;
  start: string;
  end: string;
  reason: string;
};

export type RevokeOverrideInput = { year: number; version: number; phase: OverrideKey; reason: string };

const ENTITY = (year: number) => ({ type: "YearCalendar", id: String(year) });

/** Locks the year's calendar row for the rest of the transaction; its current version, or 0 if none. */
async function lockCalendar(tx: Tx, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ version: number }[]>`SELECT "version" FROM "YearCalendar" WHERE "year" = ${year} FOR UPDATE`;
  return rows[0]?.version ?? 0;
}

function assertVersion(current: number, expected: number, year: number) {
  if (current === expected) return;
  throw new AppError(
    "CONFLICT",
    current === 0
      ? `${year}年的工作日历已不存在或尚未设置，请刷新页面后重新填写。`
      : `${year}年的工作日历刚刚已被他人修改（现为第 ${current} 版），您的修改没有保存。请刷新页面，核对最新内容后再修改。`,
  );
}

/** Runs computeCalendar; its CalendarInputError becomes a VALIDATION AppError on `field(err.field)`. */
function computeOrRefuse(settings: CalendarSettings, field: (f: string) => string, hint = ""): SchoolCalendar {
  try {
    return computeCalendar(settings);
  } catch (err) {
    if (err instanceof CalendarInputError) {
      const message = err.message + hint;
      throw new AppError("VALIDATION", message, { [field(err.field)]: message });
    }
    throw err;
  }
}

function windowsSummary(calendar: SchoolCalendar) {
  return Object.fromEntries(
    [...calendar.phases, ...calendar.windows].map((p) => [p.label, `${p.start}至${p.end}${p.overridden ? "（已调整）" : ""}`]),
  );
}

function settingsSummary(s: CalendarSettings) {
  return {
    mayDayHolidayEnd: s.mayDayHolidayEnd,
    extraNonWorkingDays: s.extraNonWorkingDays,
    makeUpWorkingDays: s.makeUpWorkingDays,
    makeUpSaturdaysCount: s.makeUpSaturdaysCount,
    autumnRegistrationDate: s.autumnRegistrationDate,
    countyPlanDeadline: s.deadlines?.countyPlan ?? null,
    teachingPlanDeadline: s.deadlines?.teachingPlan ?? null,
    annualReportDeadline: s.deadlines?.annualReport ?? null,
  };
}

function uniqueSorted(dates: string[]) {
  return [...new Set(dates)].sort();
}

/** Creates (version 1) or changes the bureau's settings of a year. Live overrides are kept. */
export async function saveCalendarSettings(actor: Actor, input: CalendarSettingsInput) {
  assertCan(actor, "calendar.edit");
  return db().$transaction(async (tx) => {
    const current = await lockCalendar(tx, input.year);
    assertVersion(current, input.version, input.year);
    const before = current ? await loadCalendarSettings(tx, input.year) : null;
    const settings: CalendarSettings = {
      year: input.year,
      mayDayHolidayEnd: input.mayDayHolidayEnd,
      extraNonWorkingDays: uniqueSorted(input.extraNonWorkingDays),
      makeUpWorkingDays: uniqueSorted(input.makeUpWorkingDays),
      makeUpSaturdaysCount: input.makeUpSaturdaysCount,
      autumnRegistrationDate: input.autumnRegistrationDate,
      overrides: before?.overrides ?? {},
      deadlines: deadlinesFromRow({
        countyPlanDeadline: input.countyPlanDeadline === undefined ? before?.deadlines?.countyPlan ?? null : input.countyPlanDeadline,
        teachingPlanDeadline: input.teachingPlanDeadline === undefined ? before?.deadlines?.teachingPlan ?? null : input.teachingPlanDeadline,
        annualReportDeadline: input.annualReportDeadline === undefined ? before?.deadlines?.annualReport ?? null : input.annualReportDeadline,
      }),
    };
    const calendar = computeOrRefuse(
      settings,
      (f) => (f.startsWith("overrides") ? "_form" : f.startsWith("deadlines.") ? `${f.slice(10)}Deadline` : f),
      before && Object.keys(before.overrides).length > 0 ? "。与已调整的阶段时间冲突时，请先在“调整阶段时间”中修改或恢复该阶段，再保存。" : "",
    );
    if (before && JSON.stringify(settingsSummary(before)) === JSON.stringify(settingsSummary(settings))) {
      return { changed: false, version: current, calendar };
    }
    const data = { ...settingsSummary(settings), updatedById: actor.userId };
    let version: number;
    if (current === 0) {
      try {
        await tx.yearCalendar.create({ data: { year: input.year, ...data, version: 1 } });
      } catch (err) {
        if (isUniqueViolation(err)) assertVersion(1, 0, input.year);
        throw err;
      }
      version = 1;
    } else {
      version = (await tx.yearCalendar.update({ where: { year: input.year }, data: { ...data, version: { increment: 1 } } })).version;
    }
    await audit(tx, actor, current === 0 ? "calendar.create" : "calendar.update", ENTITY(input.year), {
      year: input.year,
      version,
      before: before ? { version: current, ...settingsSummary(before) } : null,
      after: settingsSummary(settings),
      windows: windowsSummary(calendar),
    });
    return { changed: true, version, calendar };
  });
}

/**
 * The database's clock at the start of this transaction. Record times (`createdAt`, `revokedAt`) are
 * when the change was really made, like the audit row's time, also in 演练模式: the training clock
 * moves the rules' "today", not the record of when something was done.
 */
async function recordTime(tx: Tx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ t: Date }[]>`SELECT now() AS t`;
  return row.t;
}

/** Marks the live override of a phase as revoked (kept, never deleted). */
async function revokeLive(tx: Tx, actor: Actor, year: number, phase: OverrideKey, at: Date): Promise<number> {
  const { count } = await tx.phaseOverride.updateMany({
    where: { year, phase: OVERRIDE_TO_DB[phase], revokedAt: null },
    data: { revokedAt: at, revokedById: actor.userId },
  });
  return count;
}

function requireCalendar(current: number, year: number) {
  if (current === 0) {
    throw new AppError("VALIDATION", `${year}年的工作日历尚未设置。请先填写并保存五一劳动节假期最后一天等设置，再调整阶段时间。`);
  }
}

function effectiveRange(calendar: SchoolCalendar, key: OverrideKey) {
  const w = [...calendar.phases, ...calendar.windows].find((p) => p.key === key)!;
  return { start: w.start, end: w.end, overridden: w.overridden, ...(w.reason ? { reason: w.reason } : {}) };
}

/** Locks an existing year's calendar, checks the form's version, and returns its stored settings. */
async function lockExistingSettings(tx: Tx, input: { year: number; version: number }): Promise<CalendarSettings> {
  const current = await lockCalendar(tx, input.year);
  requireCalendar(current, input.year);
  assertVersion(current, input.version, input.year);
  return (await loadCalendarSettings(tx, input.year))!;
}

/** Overrides one phase (or 报名录入期) with a reason; the previous live override of that phase is revoked. */
export async function setPhaseOverride(actor: Actor, input: PhaseOverrideInput) {
  assertCan(actor, "calendar.edit");
  const reason = input.reason.trim();
  const label = OVERRIDE_LABELS[input.phase];
  return db().$transaction(async (tx) => {
    const before = await lockExistingSettings(tx, input);
    const beforeCalendar = computeCalendar(before);
    const settings: CalendarSettings = {
      ...before,
      overrides: { ...before.overrides, [input.phase]: { start: input.start, end: input.end, reason } },
    };
    const calendar = computeOrRefuse(settings, (f) => {
      if (f === `overrides.${input.phase}`) return "start";
      return f.startsWith("overrides") ? "_form" : f;
    }, (WINDOW_KEYS as readonly string[]).includes(input.phase)
      ? "。请修改调整后的开始或结束日期后再保存。"
      : "。请修改调整后的开始或结束日期后再保存（各阶段须按宣传期、送读期、稳定期、确认期、巩固期的顺序排列，不能重叠）。");
    const at = await recordTime(tx);
    const revoked = await revokeLive(tx, actor, input.year, input.phase, at);
    const created = await tx.phaseOverride.create({
      data: {
        year: input.year, phase: OVERRIDE_TO_DB[input.phase], start: input.start, end: input.end, reason,
        createdById: actor.userId, createdAt: at,
      },
    });
    const { version } = await tx.yearCalendar.update({
      where: { year: input.year },
      data: { version: { increment: 1 }, updatedById: actor.userId },
    });
    await audit(tx, actor, "calendar.override", ENTITY(input.year), {
      year: input.year,
      version,
      phase: label,
      overrideId: created.id,
      reason,
      before: effectiveRange(beforeCalendar, input.phase),
      after: effectiveRange(calendar, input.phase),
      replacedPreviousOverride: revoked > 0,
      windows: windowsSummary(calendar),
    });
    return {
      version,
      calendar,
      message: `已将${input.year}年${label}调整为 ${formatChineseRange({ start: input.start, end: input.end })}（第 ${version} 版）。`,
    };
  });
}

/** Revokes the live override of a phase: the phase goes back to its computed window. */
export async function revokePhaseOverride(actor: Actor, input: RevokeOverrideInput) {
  assertCan(actor, "calendar.edit");
  const reason = input.reason.trim();
  const label = OVERRIDE_LABELS[input.phase];
  return db().$transaction(async (tx) => {
    const before = await lockExistingSettings(tx, input);
    const live = before.overrides[input.phase];
    if (!live) {
      throw new AppError("VALIDATION", `${input.year}年的${label}目前没有调整，无需恢复。请刷新页面查看最新情况。`);
    }
    const beforeCalendar = computeCalendar(before);
    const overrides = { ...before.overrides };
    delete overrides[input.phase];
    const calendar = computeOrRefuse(
      { ...before, overrides },
      () => "_form",
      `。恢复${label}的计算时间后与其他已调整的阶段冲突，请先修改或恢复那个阶段。`,
    );
    await revokeLive(tx, actor, input.year, input.phase, await recordTime(tx));
    const { version } = await tx.yearCalendar.update({
      where: { year: input.year },
      data: { version: { increment: 1 }, updatedById: actor.userId },
    });
    const after = effectiveRange(calendar, input.phase);
    await audit(tx, actor, "calendar.overrideRevoke", ENTITY(input.year), {
      year: input.year,
      version,
      phase: label,
      reason,
      before: effectiveRange(beforeCalendar, input.phase),
      after,
      windows: windowsSummary(calendar),
    });
    return {
      version,
      calendar,
      message: `已恢复${input.year}年${label}的计算时间：${formatChineseRange(after)}（第 ${version} 版）。`,
    };
  });
}
