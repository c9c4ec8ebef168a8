import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { enrolmentScopeSql } from "@/server/send-off/scope";
import { sql } from "@/server/sql";
import { chinaDateOf, daysBetween } from "@/lib/china-date";
import type { InboxItem } from "@/server/inbox/types";

/**
 * The open flags in the actor's scope as the inbox shows them (OPEN_FLAG and riskFlagScope of ./rules, as
 * `listOpenFlags` reads them for the 走访与回访 page), oldest first: one statement on the driver — the inbox is
 * computed for the badge on every page (decision 100).
 */
async function openFlagLines(actor: Actor) {
  assertCan(actor, "followUp.read");
  return sql.$queryRaw<{ enrolmentId: string; raisedOn: string; studentName: string; countyName: string; middleSchoolName: string; vocationalSchoolName: string }[]>`
    SELECT f."enrolmentId", f."raisedOn", a."studentName", c.name AS "countyName", m.name AS "middleSchoolName", v.name AS "vocationalSchoolName"
      FROM "RiskFlag" f
      JOIN "Enrolment" e ON e.id = f."enrolmentId"
      JOIN "Application" a ON a.id = e."applicationId"
      JOIN "County" c ON c.id = e."countyId"
      JOIN "MiddleSchool" m ON m.id = e."middleSchoolId"
      JOIN "VocationalSchool" v ON v.id = e."vocationalSchoolId"
     WHERE f."clearedAt" IS NULL AND e.status = 'ENROLLED' AND ${enrolmentScopeSql(actor)}
     ORDER BY f."raisedOn", f."createdAt"`;
}

/**
 * The open 流失风险 flags for the inbox of the two schools involved with the student and the student's
 * county (issue 21): one item per flagged student still 在读, oldest flag first, linking to the student
 * page. The prefecture sees every flag on the 走访与回访 page but gets no inbox items (its inbox would
 * list every at-risk student of the prefecture; the issue names the schools and the county).
 */
export async function riskFlagInboxItems(actor: Actor, now: Date): Promise<InboxItem[]> {
  if (actor.role === "PREFECTURE") return [];
  const today = chinaDateOf(now);
  const flags = await openFlagLines(actor);
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
