import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { can } from "@/server/auth/permissions";
import { aidOf } from "@/server/aid/read";
import { studentFollowUps } from "@/server/fieldwork/follow-ups";
import { getStudent } from "@/server/student-status/read";

/** A student page (by enrolment id): the student and events, the follow-ups and flags, the aid paid. */
export async function loadStudentPage(actor: Actor, enrolmentId: string) {
  const s = await getStudent(actor, enrolmentId);
  const [followUps, aid] = await Promise.all([
    studentFollowUps(actor, s.id),
    can(actor.role, "aid.read") ? aidOf(actor, s.id) : [],
  ]);
  return { s, followUps, aid };
}
