import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { chinaDateOf, daysBetween } from "@/lib/china-date";
import { listOpenFlags } from "./follow-ups";
import type { InboxItem } from "@/server/inbox/types";

/**
 * The open 流失风险 flags for the inbox of the two schools involved with the student and the student's
 * county (issue 21): one item per flagged student still 在读, oldest flag first, linking to the student
 * page. The prefecture sees every flag on the 走访与回访 page but gets no inbox items (its inbox would
 * list every at-risk student of the prefecture; the issue names the schools and the county).
 */
export async function riskFlagInboxItems(actor: Actor, now: Date): Promise<InboxItem[]> {
  if (actor.role === "PREFECTURE") return [];
  const today = chinaDateOf(now);
  const flags = await listOpenFlags(actor);
  return flags.map((f) => {
    const days = Math.max(0, daysBetween(f.raisedOn, today));
    const where = actor.role === "VOCATIONAL_SCHOOL" ? `${f.countyName} ${f.middleSchoolName}` : f.vocationalSchoolName;
    return {
      source: "riskFlag",
      key: f.enrolmentId,
      tone: "todo" as const,
      count: 1,
      due: f.raisedOn,
      title: `流失风险：${f.studentName}（${where}），已标记 ${days} 天，请跟踪回访或解除标记`,
      href: `/students/${f.enrolmentId}`,
    };
  });
}
