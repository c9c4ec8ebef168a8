import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { notFound } from "@/server/errors";
import { applicationContactScope } from "./scope";
import { REVEAL_PAGE_LABELS, type RevealPage } from "@/lib/schemas/reveal";

/**
 * The full ID number of one student, shown only when the user clicks "显示完整身份证号" (issue 15
 * item 6, decision 072): the one place a page gets it, on the student page and the application page
 * alike. Writes one `idNumber.reveal` row in the same transaction — whose number (the student's
 * name, never the number), from which page. Scope as for contact details: a vocational school only
 * for students sent off to it; out of scope is "not found" and writes nothing.
 */
export async function revealIdNumber(actor: Actor, input: { applicationId: string; page: RevealPage }) {
  assertCan(actor, "application.read");
  return db().$transaction(async (tx) => {
    const a = await tx.application.findFirst({
      where: { AND: [applicationContactScope(actor), { id: input.applicationId }] },
      select: { id: true, studentName: true, idNumber: true, birthDate: true },
    });
    if (!a) throw notFound("学生");
    await audit(tx, actor, "idNumber.reveal", { type: "Application", id: a.id }, { studentName: a.studentName, page: REVEAL_PAGE_LABELS[input.page] });
    return { idNumber: a.idNumber, birthDate: a.birthDate };
  });
}
