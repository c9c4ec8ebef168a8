import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, can } from "@/server/auth/permissions";
import { computeCalendar, getPhase, type SchoolCalendar } from "@/lib/calendar";
import { OVERRIDE_LABELS, type CalendarSettings, type OverrideKey } from "@/lib/calendar-settings";
import { chinaDateOf, countWorkingDays, formatChineseDate, formatChineseRange, type DateRange } from "@/lib/china-date";
import { DB_TO_OVERRIDE, loadCalendarSettings, programmeYear, requestCalendar } from "./calendar";

/** Reads for the 工作日历 page and the home-page timeline. Everyone may read (`calendar.read`). */

export type OverrideHistoryEntry = {
  id: string;
  phase: OverrideKey;
  label: string;
  start: string;
  end: string;
  reason: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
  revokedBy: string | null;
};

export type CalendarChange = { id: string; at: Date; by: string; action: string; version: number | null; text: string };

export type CalendarPageData = {
  year: number;
  settings: CalendarSettings;
  calendar: SchoolCalendar;
  sendOffWorkingDays: number;
  /** For each live override: the window the phase goes back to if the override is revoked (null if that would conflict). */
  restoreTo: Partial<Record<OverrideKey, DateRange | null>>;
  version: number;
  updatedAt: Date;
  updatedBy: string;
  /** PREFECTURE only (null for others): every override ever made, newest first, and the change log. */
  history: OverrideHistoryEntry[] | null;
  changes: CalendarChange[] | null;
};

async function userNames(ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const users = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true, username: true } });
  const byId = new Map(users.map((u) => [u.id, `${u.displayName}（${u.username}）`]));
  return (id: string | null) => (id ? byId.get(id) ?? "—" : "—");
}

export async function getCalendarPageData(actor: Actor, year: number): Promise<CalendarPageData | null> {
  assertCan(actor, "calendar.read");
  const row = await db().yearCalendar.findUnique({
    where: { year },
    include: { overrides: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] } },
  });
  if (!row) return null;
  const settings = (await loadCalendarSettings(db(), year))!;
  const calendar = computeCalendar(settings);
  const full = can(actor.role, "calendar.edit");
  const auditRows = full
    ? await db().auditLog.findMany({
        where: { entityType: "YearCalendar", entityId: String(year) },
        orderBy: { id: "desc" },
        take: 50,
      })
    : [];
  const name = await userNames([
    row.updatedById,
    ...row.overrides.flatMap((o) => [o.createdById, o.revokedById]),
    ...auditRows.map((a) => a.actorId),
  ]);
  return {
    year,
    settings,
    calendar,
    sendOffWorkingDays: countWorkingDays(getPhase(calendar, "sendOff"), settings),
    restoreTo: restoreWindows(settings),
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy: name(row.updatedById),
    history: full
      ? row.overrides.map((o) => ({
          id: o.id,
          phase: DB_TO_OVERRIDE[o.phase],
          label: OVERRIDE_LABELS[DB_TO_OVERRIDE[o.phase]],
          start: o.start,
          end: o.end,
          reason: o.reason,
          createdAt: o.createdAt,
          createdBy: name(o.createdById),
          revokedAt: o.revokedAt,
          revokedBy: o.revokedById ? name(o.revokedById) : null,
        }))
      : null,
    changes: full
      ? auditRows.map((a) => {
          const s = (a.summary ?? {}) as Record<string, unknown>;
          return {
            id: String(a.id),
            at: a.at,
            by: name(a.actorId),
            action: a.action,
            version: typeof s.version === "number" ? s.version : null,
            text: describeChange(a.action, s),
          };
        })
      : null,
  };
}

function restoreWindows(settings: CalendarSettings): CalendarPageData["restoreTo"] {
  const out: CalendarPageData["restoreTo"] = {};
  for (const key of Object.keys(settings.overrides) as OverrideKey[]) {
    const overrides = { ...settings.overrides };
    delete overrides[key];
    try {
      const c = computeCalendar({ ...settings, overrides });
      const w = [...c.phases, ...c.windows].find((p) => p.key === key)!;
      out[key] = { start: w.start, end: w.end };
    } catch {
      out[key] = null;
    }
  }
  return out;
}

const SETTING_LABELS: Record<string, string> = {
  mayDayHolidayEnd: "五一劳动节假期最后一天",
  extraNonWorkingDays: "其他非工作日",
  makeUpWorkingDays: "调休上班日",
  makeUpSaturdaysCount: "调休的周六计为工作日",
  autumnRegistrationDate: "秋季学期中职学籍注册完成日期",
};

function showSetting(key: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return key === "autumnRegistrationDate" ? "未填（按9月30日）" : "无";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (Array.isArray(v)) return v.length ? v.map((d) => formatChineseDate(String(d))).join("、") : "无";
  return formatChineseDate(String(v));
}

type Range = { start: string; end: string; overridden?: boolean };
const showRange = (r: unknown) => {
  const x = r as Range | undefined;
  return x?.start && x?.end ? formatChineseRange(x) : "—";
};

/** One line of Chinese describing an audited calendar change. */
export function describeChange(action: string, s: Record<string, unknown>): string {
  switch (action) {
    case "calendar.create": {
      const after = (s.after ?? {}) as Record<string, unknown>;
      return Object.keys(SETTING_LABELS).map((k) => `${SETTING_LABELS[k]}：${showSetting(k, after[k])}`).join("；");
    }
    case "calendar.update": {
      const before = (s.before ?? {}) as Record<string, unknown>;
      const after = (s.after ?? {}) as Record<string, unknown>;
      const diffs = Object.keys(SETTING_LABELS)
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        .map((k) => `${SETTING_LABELS[k]}：${showSetting(k, before[k])} → ${showSetting(k, after[k])}`);
      return diffs.join("；") || "内容未变";
    }
    case "calendar.override":
      return `${String(s.phase)}：${showRange(s.before)} → ${showRange(s.after)}；原因：${String(s.reason ?? "")}`;
    case "calendar.overrideRevoke":
      return `${String(s.phase)}恢复为计算时间：${showRange(s.before)} → ${showRange(s.after)}；原因：${String(s.reason ?? "")}`;
    default:
      return "";
  }
}

/** What the home page needs: a programme year's calendar (by default today's; null when not set) and today. */
export async function getHomeTimeline(actor: Actor, now: Date, year = programmeYear(now)) {
  assertCan(actor, "calendar.read");
  const calendar = await requestCalendar(year);
  return { year, today: chinaDateOf(now), calendar };
}
