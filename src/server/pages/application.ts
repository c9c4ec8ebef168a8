import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { applicationHistory, getApplication } from "@/server/applications/read";
import { enrolmentIdOfApplication } from "@/server/student-status/read";

/** One 报名申请: the application (ID number masked), its history and, once sent off, the student page's id. */
export async function loadApplicationPage(actor: Actor, id: string) {
  // Side by side (each checks the actor's scope itself): on a busy server every statement waited for in turn costs
  // a wait behind the other requests (decision 101).
  const [a, history, enrolmentId] = await Promise.all([getApplication(actor, id, "page"), applicationHistory(actor, id), enrolmentIdOfApplication(actor, id)]);
  return { a, history, enrolmentId: a.status === "SENT_OFF" ? enrolmentId : null };
}
