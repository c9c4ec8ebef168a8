import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { getApplicationPage } from "@/server/applications/read";

/** One 报名申请: the application (ID number masked), its history and, once sent off, the student page's id. */
export async function loadApplicationPage(actor: Actor, id: string) {
  const { view: a, enrolmentId, history } = await getApplicationPage(actor, id);
  return { a, history, enrolmentId: a.status === "SENT_OFF" ? enrolmentId : null };
}
