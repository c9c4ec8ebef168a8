import "server-only";
import { sql } from "@/server/sql";
import { can } from "@/server/auth/permissions";
import { programmeYear } from "@/server/calendar/calendar";
import { myFilingStandings } from "@/server/filings/read";
import { filingReviewScopeSql } from "@/server/filings/rules";
import { FILING_LABELS, FILING_SLUGS, type FilingKind } from "@/lib/schemas/filings";
import { formatChineseDate } from "@/lib/china-date";
import { INBOX_HORIZON_DAYS } from "../horizon";
import type { Actor } from "@/server/auth/load-actor";
import type { InboxItem, InboxSource } from "../types";

/**
 * 报送材料: a filer's returned filings (修改后重新报送) and those not yet submitted whose due date is at most
 * 14 days away or past; a reviewer's submitted filings waiting for its review (every year).
 */
export const filingsSource: InboxSource = async (actor, now) => {
  // A county both files and reviews: the two parts are read side by side.
  const [filed, reviewed] = await Promise.all([filerItems(actor, now), reviewerItems(actor)]);
  return [...filed, ...reviewed];
};

async function filerItems(actor: Actor, now: Date): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  if (can(actor.role, "filing.submit")) {
    const year = programmeYear(now);
    for (const card of await myFilingStandings(actor, year, now)) {
      const href = `/filings/${FILING_SLUGS[card.kind]}?year=${year}`;
      const label = FILING_LABELS[card.kind];
      if (card.status === "RETURNED") {
        items.push({ source: "filings", key: `returned:${card.kind}`, tone: "todo", count: 1, href, title: `${year}年${label}被退回，请修改后重新报送`, detail: card.reviewComment ?? undefined });
        continue;
      }
      const d = card.deadline;
      if (!card.due || !d || d.kind === "filed" || card.status === "SUBMITTED" || card.status === "APPROVED") continue;
      if (d.kind === "overdue") {
        items.push({ source: "filings", key: `due:${card.kind}`, tone: "overdue", count: 1, href, due: card.due, title: `${year}年${label}已逾期 ${d.daysLate} 天，尚未报送`, detail: `截止日期：${formatChineseDate(card.due)}` });
      } else if (d.daysLeft <= INBOX_HORIZON_DAYS) {
        items.push({ source: "filings", key: `due:${card.kind}`, tone: "deadline", count: 1, href, due: card.due, title: `${year}年${label}${d.label}`, detail: `截止日期：${formatChineseDate(card.due)}` });
      }
    }
  }
  return items;
}

async function reviewerItems(actor: Actor): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  if (can(actor.role, "filing.review")) {
    // One statement on the driver (decision 106), scoped as filingReviewScope (filingReviewScopeSql, tested equal).
    const waiting = await sql.$queryRaw<{ kind: FilingKind; year: number; n: number }[]>`
      SELECT f.kind::text AS kind, f.year, count(*)::int AS n FROM "Filing" f
       WHERE ${filingReviewScopeSql(actor)} AND f.status = 'SUBMITTED'
       GROUP BY f.year, f.kind ORDER BY f.year, f.kind`;
    for (const { kind, year, n } of waiting) {
      items.push({
        source: "filings", key: `review:${kind}:${year}`, tone: "todo", count: n, href: `/filings?year=${year}#board-${kind}`,
        title: `${n} 份${year}年${FILING_LABELS[kind]}待${kind === "TEACHING_PLAN" ? "备案" : "审核"}`,
      });
    }
  }
  return items;
}
