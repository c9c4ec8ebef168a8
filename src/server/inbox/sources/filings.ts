import "server-only";
import { db } from "@/server/db";
import { can } from "@/server/auth/permissions";
import { programmeYear } from "@/server/calendar/calendar";
import { myFilings } from "@/server/filings/read";
import { filingReviewScope } from "@/server/filings/rules";
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
    for (const card of await myFilings(actor, year, now)) {
      const href = `/filings/${FILING_SLUGS[card.kind]}?year=${year}`;
      const label = FILING_LABELS[card.kind];
      if (card.status === "RETURNED") {
        items.push({ source: "filings", key: `returned:${card.kind}`, tone: "todo", count: 1, href, title: `${year}年${label}被退回，请修改后重新报送`, detail: card.latest?.reviewComment ?? undefined });
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
    const waiting = await db().filing.groupBy({
      by: ["kind", "year"],
      where: { AND: [filingReviewScope(actor), { status: "SUBMITTED" }] },
      _count: { _all: true },
      orderBy: [{ year: "asc" }, { kind: "asc" }],
    });
    for (const w of waiting) {
      const kind = w.kind as FilingKind;
      items.push({
        source: "filings", key: `review:${kind}:${w.year}`, tone: "todo", count: w._count._all, href: `/filings?year=${w.year}#board-${kind}`,
        title: `${w._count._all} 份${w.year}年${FILING_LABELS[kind]}待${kind === "TEACHING_PLAN" ? "备案" : "审核"}`,
      });
    }
  }
  return items;
}
