import "server-only";
import type { Role } from "@/generated/prisma/enums";
import { programmeYear, requestCalendar } from "@/server/calendar/calendar";
import { RECEPTION_WINDOW } from "@/server/reception/reception";
import { windowRange, type SchoolCalendar } from "@/lib/calendar";
import { APPLICATION_ENTRY_WINDOW, AUTUMN_REGISTRATION_WINDOW, type PhaseWindow } from "@/lib/calendar-settings";
import { chinaDateOf, daysBetween, formatChineseDate } from "@/lib/china-date";
import { INBOX_HORIZON_DAYS } from "../horizon";
import type { InboxItem, InboxSource } from "../types";

type Window = { key: string; window: PhaseWindow; roles: Role[]; href: string; work: string };
const phase = (key: "sendOff" | "confirmation", label: string): PhaseWindow => ({ from: key, to: key, label });

/**
 * The phase windows that bound a role's own work (the filing deadlines are in ./filings.ts): a line when
 * the window opens or closes within the next 14 days. Only the roles that act in the window see it.
 */
export const WINDOWS: Window[] = [
  { key: "applicationEntry", window: APPLICATION_ENTRY_WINDOW, roles: ["MIDDLE_SCHOOL"], href: "/applications", work: "录入报名申请" },
  { key: "sendOff", window: phase("sendOff", "送读期"), roles: ["MIDDLE_SCHOOL", "COUNTY"], href: "/send-off", work: "送读已审核同意的学生" },
  { key: "reception", window: RECEPTION_WINDOW, roles: ["VOCATIONAL_SCHOOL"], href: "/reception", work: "登记学生报到" },
  { key: "confirmation", window: phase("confirmation", "确认期"), roles: ["VOCATIONAL_SCHOOL", "PREFECTURE", "COUNTY"], href: "/roster", work: "提交、接收和核对在读学生名单（附件4）" },
  { key: "autumnRegistration", window: AUTUMN_REGISTRATION_WINDOW, roles: ["VOCATIONAL_SCHOOL"], href: "/registration", work: "注册中职学籍并报送附件6" },
];

export function windowItems(calendar: SchoolCalendar, role: Role, today: string): InboxItem[] {
  const items: InboxItem[] = [];
  for (const w of WINDOWS.filter((x) => x.roles.includes(role))) {
    const range = windowRange(calendar, w.window);
    const toStart = daysBetween(today, range.start);
    const toEnd = daysBetween(today, range.end);
    const base = { source: "deadlines", tone: "deadline" as const, count: 1, href: w.href, detail: `${w.window.label}：${formatChineseDate(range.start)}至${formatChineseDate(range.end)}，${w.work}。` };
    if (toStart > 0 && toStart <= INBOX_HORIZON_DAYS) {
      items.push({ ...base, key: `${w.key}:start`, due: range.start, title: `${w.window.label}${toStart} 天后开始（${formatChineseDate(range.start)}）` });
    } else if (toStart <= 0 && toEnd >= 0 && toEnd <= INBOX_HORIZON_DAYS) {
      items.push({ ...base, key: `${w.key}:end`, due: range.end, title: toEnd === 0 ? `${w.window.label}今天截止` : `${w.window.label}还有 ${toEnd} 天截止（${formatChineseDate(range.end)}）` });
    }
  }
  return items;
}

export const deadlinesSource: InboxSource = async (actor, now) => {
  const calendar = await requestCalendar(programmeYear(now));
  return calendar ? windowItems(calendar, actor.role, chinaDateOf(now)) : [];
};
