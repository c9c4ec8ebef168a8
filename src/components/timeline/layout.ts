/**
 * Positions of the phase bar, computed on the server from China dates (pure, no clock):
 * the bar spans from the earliest phase start or deadline to the latest phase end or
 * deadline; each day gets the same width.
 */
import { type CalendarPhase, type SchoolCalendar } from "@/lib/calendar";
import { type DeadlineKey, type PhaseKey } from "@/lib/calendar-settings";
import { addCalendarDays, daysBetween } from "@/lib/china-date";

export type TimelineSegment = {
  key: PhaseKey;
  label: string;
  start: string;
  end: string;
  overridden: boolean;
  state: "past" | "current" | "future";
  leftPct: number;
  widthPct: number;
};

export type TimelineMarker = { key: DeadlineKey; label: string; date: string; passed: boolean; leftPct: number };

export type TimelineLayout = {
  start: string;
  end: string;
  segments: TimelineSegment[];
  deadlines: TimelineMarker[];
  months: { label: string; leftPct: number }[];
  today: { date: string; position: "before" | "inside" | "after"; leftPct: number };
};

const round = (x: number) => Math.round(x * 100) / 100;

function phaseState(p: CalendarPhase, today: string): TimelineSegment["state"] {
  if (today > p.end) return "past";
  if (today < p.start) return "future";
  return "current";
}

export function timelineLayout(calendar: SchoolCalendar, today: string): TimelineLayout {
  const dates = [
    ...calendar.phases.flatMap((p) => [p.start, p.end]),
    ...calendar.deadlines.map((d) => d.date),
  ].sort();
  const start = dates[0];
  const end = dates[dates.length - 1];
  const total = daysBetween(start, end) + 1;
  const at = (date: string) => round((daysBetween(start, date) / total) * 100);
  const mid = (date: string) => round(((daysBetween(start, date) + 0.5) / total) * 100);

  const segments = calendar.phases.map((p) => ({
    key: p.key,
    label: p.label,
    start: p.start,
    end: p.end,
    overridden: p.overridden,
    state: phaseState(p, today),
    leftPct: at(p.start),
    widthPct: round(((daysBetween(p.start, p.end) + 1) / total) * 100),
  }));

  const months: TimelineLayout["months"] = [];
  let m = `${start.slice(0, 7)}-01`;
  if (m < start) m = nextMonth(m);
  for (; m <= end; m = nextMonth(m)) months.push({ label: `${Number(m.slice(5, 7))}月`, leftPct: at(m) });

  const position = today < start ? "before" : today > end ? "after" : "inside";
  return {
    start,
    end,
    segments,
    deadlines: calendar.deadlines.map((d) => ({ ...d, passed: today > d.date, leftPct: mid(d.date) })),
    months,
    today: { date: today, position, leftPct: position === "before" ? 0 : position === "after" ? 100 : mid(today) },
  };
}

function nextMonth(firstOfMonth: string): string {
  // 32 days after the 1st is always in the next month; go back to its 1st.
  return `${addCalendarDays(firstOfMonth, 32).slice(0, 7)}-01`;
}
