/**
 * Field work (issue 21, 《方案》四（二）1、3、5): publicity visits of the vocational schools to the middle
 * schools in 宣传期, follow-ups and home visits in 稳定期/巩固期, and the "流失风险" flag. Pure module shared
 * by forms, pages and the server rules.
 */
import { formatChineseDate } from "@/lib/china-date";

export const FOLLOW_UP_KINDS = ["STUDY_CHECK", "HOME_VISIT", "PHONE", "OTHER"] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export const FOLLOW_UP_KIND_LABELS: Record<FollowUpKind, string> = {
  STUDY_CHECK: "学习情况了解",
  HOME_VISIT: "家访",
  PHONE: "电话联系",
  OTHER: "其他",
};

/** A date problem as the Chinese sentence the user sees (null = the date is acceptable). */
export type DateProblem = string | null;

/**
 * A publicity visit belongs to the programme year `year`: it happens in that calendar year and no later
 * than the end of its 送读期 ("其他时间不再开展招生送读工作": publicity after send-off recruits nobody),
 * and not in the future. `sendOffEnd` is null when the year's calendar is not set (then only the year counts).
 */
export function publicityDateProblem(date: string, year: number, today: string, sendOffEnd: string | null): DateProblem {
  if (date.slice(0, 4) !== String(year)) {
    return `宣传走访日期（${formatChineseDate(date)}）不在${year}年度内。只能登记本年度（${year}年）的宣传走访。`;
  }
  if (date > today) return `宣传走访日期（${formatChineseDate(date)}）不能晚于今天（${formatChineseDate(today)}）。请在走访之后登记。`;
  if (sendOffEnd && date > sendOffEnd) {
    return `宣传走访日期（${formatChineseDate(date)}）晚于${year}年送读期结束（${formatChineseDate(sendOffEnd)}）。送读期后的工作请在学生页面登记“跟踪回访”。`;
  }
  return null;
}

/**
 * A follow-up of a student of programme year `year`: between the student's arrival (or send-off) and the
 * end of 巩固期 (the autumn registration date; Dec 31 when the calendar is not set), and not in the future.
 */
export function followUpDateProblem(date: string, opts: { year: number; startsOn: string; consolidationEnd: string | null; today: string }): DateProblem {
  const end = opts.consolidationEnd ?? `${opts.year}-12-31`;
  if (date > opts.today) return `回访日期（${formatChineseDate(date)}）不能晚于今天（${formatChineseDate(opts.today)}）。`;
  if (date < opts.startsOn) {
    return `回访日期（${formatChineseDate(date)}）早于学生到职业学校就读（${formatChineseDate(opts.startsOn)}）。跟踪回访只登记送读之后的工作。`;
  }
  if (date > end) {
    return `回访日期（${formatChineseDate(date)}）晚于${opts.year}年度巩固期结束（${formatChineseDate(end)}）。该生的职教班阶段已结束，不再登记跟踪回访。`;
  }
  return null;
}

/** Who took part, by side, as one line ("初中：张老师；职业学校：李老师；其他：学生母亲"). */
export function participantsLine(p: { middleSchoolParticipants: string | null; vocationalParticipants: string | null; otherParticipants: string | null }): string {
  return [
    p.middleSchoolParticipants && `原初中：${p.middleSchoolParticipants}`,
    p.vocationalParticipants && `职业学校：${p.vocationalParticipants}`,
    p.otherParticipants && `其他：${p.otherParticipants}`,
  ].filter(Boolean).join("；");
}
