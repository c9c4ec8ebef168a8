/**
 * The proposed 工作日历 of a year without one (issue 15 item 1, docs/decisions/036-proposed-calendar.md).
 *
 * The State Council's yearly holiday schedule (国务院办公厅关于某年部分节假日安排的通知) decides when the
 * May Day holiday ends and which weekend days are 调休 working days. The package `chinese-days`
 * (pinned exactly in package.json; its data is updated when a schedule is published) carries those
 * days. From them we propose the settings the bureau would otherwise type: the last day of the May Day
 * holiday, the 调休 working days, and any other weekday holiday in the two weeks after it. The bureau
 * confirms (saves) or corrects the proposal; nothing is proposed for a year the package does not cover.
 *
 * Pure module: no clock, no database.
 */
import schedule from "chinese-days/dist/chinese-days.json";
import { defaultCalendarSettings, type CalendarSettings } from "@/lib/calendar-settings";
import { addCalendarDays, formatChineseDate, isWorkingDay } from "@/lib/china-date";

type Schedule = { holidays: Record<string, string>; workdays: Record<string, string> };
const data = schedule as Schedule;

/** The package's name for 劳动节 days ("Labour Day,劳动节,N"). */
const isMayDay = (name: string) => name.includes("劳动节");

/** Years the package has a published schedule for, ascending. */
export const SCHEDULE_YEARS: number[] = [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);

export type CalendarProposal =
  | {
      published: true;
      year: number;
      /** The May Day holiday (放假), ascending China dates. */
      mayDayHoliday: string[];
      /** 调休: weekend days worked in exchange for the May Day holiday. */
      makeUpWorkingDays: string[];
      settings: CalendarSettings;
      /** One sentence in Chinese: what was proposed and from where. */
      basis: string;
    }
  | { published: false; year: number; message: string };

function daysOf(table: Record<string, string>, year: number, pick: (name: string) => boolean): string[] {
  return Object.entries(table)
    .filter(([d, name]) => d.startsWith(`${year}-`) && pick(name))
    .map(([d]) => d)
    .sort();
}

const fmtList = (days: string[]) => days.map((d) => formatChineseDate(d).slice(5)).join("、");

/** The proposal for `year`, or why there is none (the schedule is not yet published). */
export function proposeCalendar(year: number): CalendarProposal {
  const mayDayHoliday = daysOf(data.holidays, year, isMayDay);
  if (!SCHEDULE_YEARS.includes(year) || mayDayHoliday.length === 0) {
    return {
      published: false,
      year,
      message: `国务院办公厅${year}年部分节假日安排尚未公布（系统的节假日数据中没有${year}年），无法自动建议工作日历。请在通知公布后按通知填写五一劳动节假期最后一天和调休上班日。`,
    };
  }
  const makeUpWorkingDays = daysOf(data.workdays, year, isMayDay);
  const end = mayDayHoliday[mayDayHoliday.length - 1];
  // Any other weekday holiday in the two weeks after the May Day holiday (where the 7 send-off working days lie) is not one of them.
  const horizon = addCalendarDays(end, 14);
  const extraNonWorkingDays = daysOf(data.holidays, year, (name) => !isMayDay(name))
    .filter((d) => d > end && d <= horizon && isWorkingDay(d, { extraNonWorkingDays: [], makeUpSaturdaysCount: false, makeUpWorkingDays: [] }));
  const settings: CalendarSettings = { ...defaultCalendarSettings(year, end), makeUpWorkingDays, extraNonWorkingDays };
  const basis = `根据国务院办公厅公布的${year}年节假日安排：劳动节${fmtList([mayDayHoliday[0]])}至${fmtList([end])}放假调休，共 ${mayDayHoliday.length} 天`
    + (makeUpWorkingDays.length ? `；${fmtList(makeUpWorkingDays)}上班` : "")
    + (extraNonWorkingDays.length ? `；收假后另有${fmtList(extraNonWorkingDays)}放假` : "")
    + "。";
  return { published: true, year, mayDayHoliday, makeUpWorkingDays, settings, basis };
}
