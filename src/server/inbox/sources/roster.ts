import "server-only";
import { programmeYear } from "@/server/calendar/calendar";
import { countyRoster, rosterBoard, schoolDiscrepancies } from "@/server/roster/roster";
import type { InboxItem, InboxSource } from "../types";

/**
 * 附件4 in 确认期: the vocational school answers the county's discrepancies; the county checks the
 * students released to it; the prefecture receives each submission and releases it to the counties.
 */
export const rosterSource: InboxSource = async (actor, now) => {
  const year = programmeYear(now);
  const items: InboxItem[] = [];
  if (actor.role === "VOCATIONAL_SCHOOL") {
    const open = (await schoolDiscrepancies(actor, year)).filter((d) => d.status === "DISCREPANCY").length;
    if (open) {
      items.push({
        source: "roster", key: "discrepancies", tone: "todo", count: open, href: "/roster",
        title: `县市对在读学生名单提出 ${open} 条异议，等待本校答复`,
        detail: "答复后如需更正名单，请更正后重新提交附件4。",
      });
    }
  }
  if (actor.role === "COUNTY") {
    const unchecked = (await countyRoster(actor, year)).reduce((n, r) => n + r.rows.filter((row) => !row.check).length, 0);
    if (unchecked) {
      items.push({
        source: "roster", key: "unchecked", tone: "todo", count: unchecked, href: "/roster",
        title: `州局反馈的在读学生名单中有 ${unchecked} 名本县市学生待核对`,
        detail: "请逐人确认，或对不符的学生提出异议。",
      });
    }
  }
  if (actor.role === "PREFECTURE") {
    const board = await rosterBoard(actor, year);
    const toReceive = board.filter((b) => b.submission && !b.submission.receivedAt).length;
    const toRelease = board.filter((b) => b.submission?.receivedAt && b.submission.releasedTo.length < b.submission.counties.length).length;
    if (toReceive) items.push({ source: "roster", key: "receive", tone: "todo", count: toReceive, href: "/roster", title: `${toReceive} 所职业学校提交的在读学生名单待接收` });
    if (toRelease) items.push({ source: "roster", key: "release", tone: "todo", count: toRelease, href: "/roster", title: `${toRelease} 份已接收的名单尚未反馈给县市` });
  }
  return items;
};
