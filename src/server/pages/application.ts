import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { applicationHistory, getApplication } from "@/server/applications/read";
import { enrolmentIdOfApplication } from "@/server/student-status/read";

/** One 报名申请: the application (ID number masked), its history and, once sent off, the student page's id. */
export async function loadApplicationPage(actor: Actor, id: string) {
  const a = await getApplication(actor, id, "page");
  const history = await applicationHistory(actor, id);
  const enrolmentId = a.status === "SENT_OFF" ? await enrolmentIdOfApplication(actor, a.id) : null;
  return { a, history, enrolmentId };
}
