import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { getApplicationPage } from "@/server/applications/read";
import { applicationTrail } from "@/server/applications/page-read";

/** One 报名申请: the application (ID number masked), its history and, once sent off, the student page's id. */
export async function loadApplicationPage(actor: Actor, id: string) {
  // Side by side, two statements (decision 107): on a busy server every statement waited for in turn costs a wait
  // behind the other requests (decision 101). The trail is shown only when the application was found in the actor's
  // scope and the actor may see its steps (a vocational school not before send-off), as applicationHistory decides.
  const [{ view: a, enrolmentId }, trail] = await Promise.all([getApplicationPage(actor, id), applicationTrail(id)]);
  return { a, history: a.limited ? [] : trail, enrolmentId: a.status === "SENT_OFF" ? enrolmentId : null };
}
