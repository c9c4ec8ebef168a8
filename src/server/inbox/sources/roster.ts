import "server-only";
import { sql } from "@/server/sql";
import { programmeYear } from "@/server/calendar/calendar";
import { schoolDiscrepancies } from "@/server/roster/roster";
import { countyUncheckedCountSql } from "@/server/roster/county-check";
import type { InboxItem, InboxSource } from "../types";

/**
 * 附件4 in 确认期: the vocational school answers the county's discrepancies; the county checks the
 * students released to it; the prefecture receives each submission and releases it to the counties.
 * Counted in the database (the inbox is computed on every page for the badge: no snapshot rows loaded).
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
    // The county's rows of each live submission released to it, without a check yet (as on its /roster page).
    const [{ n: unchecked }] = await sql.$queryRaw<{ n: number }[]>(countyUncheckedCountSql(actor.countyId, year));
    if (unchecked) {
      items.push({
        source: "roster", key: "unchecked", tone: "todo", count: unchecked, href: "/roster",
        title: `州局反馈的在读学生名单中有 ${unchecked} 名本县市学生待核对`,
        detail: "请逐人确认，或对不符的学生提出异议。",
      });
    }
  }
  if (actor.role === "PREFECTURE") {
    // The live submissions of the prefecture's active schools, not received / received and not released (反馈
    // releases a submission to all its counties at once): one count on the driver (decision 106).
    const [{ toReceive, toRelease }] = await sql.$queryRaw<{ toReceive: number; toRelease: number }[]>`
      SELECT (count(*) FILTER (WHERE s."receivedAt" IS NULL))::int AS "toReceive",
             (count(*) FILTER (WHERE s."receivedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "RosterRelease" r WHERE r."submissionId" = s.id)))::int AS "toRelease"
        FROM "RosterSubmission" s JOIN "VocationalSchool" v ON v.id = s."vocationalSchoolId"
       WHERE s.year = ${year} AND s."supersededAt" IS NULL AND v."prefectureId" = ${actor.prefectureId} AND v.active`;
    if (toReceive) items.push({ source: "roster", key: "receive", tone: "todo", count: toReceive, href: "/roster", title: `${toReceive} 所职业学校提交的在读学生名单待接收` });
    if (toRelease) items.push({ source: "roster", key: "release", tone: "todo", count: toRelease, href: "/roster", title: `${toRelease} 份已接收的名单尚未反馈给县市` });
  }
  return items;
};
