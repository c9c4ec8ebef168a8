import "server-only";
import { Prisma, type Application } from "@/generated/prisma/client";
import { sql } from "@/server/sql";
import type { Actor } from "@/server/auth/load-actor";
import { enrolmentScopeSql } from "@/server/send-off/scope";
import { renderAudit } from "@/lib/audit-render";
import { applicationScopeSql } from "./scope";

/** What Prisma's read of one application includes (the printout and the edit form read it so). */
export const APPLICATION_INCLUDE = {
  middleSchool: { select: { name: true, county: { select: { name: true } } } },
  vocationalSchool: { select: { name: true, fullName: true } },
  consentDocument: { select: { id: true, fileName: true, mimeType: true, size: true, createdAt: true } },
} satisfies Prisma.ApplicationInclude;

export type ApplicationRow = Prisma.ApplicationGetPayload<{ include: typeof APPLICATION_INCLUDE }>;

type PageRow = Application & {
  msName: string; msCountyName: string; vsName: string; vsFullName: string;
  docId: string | null; docFileName: string | null; docMimeType: string | null; docSize: number | null; docCreatedAt: Date | null;
  enteredByName: string | null; reviewedByName: string | null; enrolmentId: string | null;
};

/**
 * One application in the actor's scope, as Prisma's read with APPLICATION_INCLUDE returns it, with the names of who
 * entered and reviewed it and the id of its enrolment in the actor's scope: one statement on the driver (decision 107).
 * tests/server/driver-forms.db.test.ts compares it with the Prisma form for every account of a prefecture.
 */
export async function applicationPageRead(actor: Actor, id: string): Promise<{ a: ApplicationRow; enteredByName: string | null; reviewedByName: string | null; enrolmentId: string | null } | null> {
  const [r] = await sql.$queryRaw<PageRow[]>`
    SELECT a.*, ms.name AS "msName", mc.name AS "msCountyName", v.name AS "vsName", v."fullName" AS "vsFullName",
           d.id AS "docId", d."fileName" AS "docFileName", d."mimeType" AS "docMimeType", d.size AS "docSize", d."createdAt" AS "docCreatedAt",
           ue."displayName" AS "enteredByName", ur."displayName" AS "reviewedByName",
           (SELECT e.id FROM "Enrolment" e WHERE e."applicationId" = a.id AND ${enrolmentScopeSql(actor)} LIMIT 1) AS "enrolmentId"
      FROM "Application" a
      JOIN "MiddleSchool" ms ON ms.id = a."middleSchoolId"
      JOIN "County" mc ON mc.id = ms."countyId"
      JOIN "VocationalSchool" v ON v.id = a."vocationalSchoolId"
      LEFT JOIN "Document" d ON d.id = a."consentDocumentId"
      LEFT JOIN "User" ue ON ue.id = a."enteredById"
      LEFT JOIN "User" ur ON ur.id = a."reviewedById"
     WHERE a.id = ${id} AND ${applicationScopeSql(actor)}`;
  if (!r) return null;
  const { msName, msCountyName, vsName, vsFullName, docId, docFileName, docMimeType, docSize, docCreatedAt, enteredByName, reviewedByName, enrolmentId, ...application } = r;
  const a: ApplicationRow = {
    ...application,
    middleSchool: { name: msName, county: { name: msCountyName } },
    vocationalSchool: { name: vsName, fullName: vsFullName },
    consentDocument: docId === null ? null : { id: docId, fileName: docFileName!, mimeType: docMimeType!, size: docSize!, createdAt: docCreatedAt! },
  };
  return { a, enteredByName, reviewedByName, enrolmentId };
}

/** Audit actions that are not steps of the application's own trail (who looked at it, who printed it). */
const NOT_STEPS = ["application.reveal", "application.print", "idNumber.reveal"];

/**
 * An application's trail as its page shows it, oldest first, each step with the name of who took it: one statement on
 * the driver. Not scoped: the caller reads it beside a read of the application in the actor's scope and shows it only
 * when that read found the application and the actor may see its steps.
 */
export async function applicationTrail(id: string) {
  const rows = await sql.$queryRaw<{ id: bigint; at: Date; action: string; orgLabel: string | null; summary: Prisma.JsonValue; actorName: string | null }[]>`
    SELECT l.id, l.at, l.action, l."orgLabel", l.summary, u."displayName" AS "actorName"
      FROM "AuditLog" l LEFT JOIN "User" u ON u.id = l."actorId"
     WHERE l."entityType" = 'Application' AND l."entityId" = ${id} AND l.action <> ALL(${NOT_STEPS})
     ORDER BY l.at, l.id`;
  // the same sentence as in 操作日志 (decision 070)
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at,
    action: r.action,
    actorName: r.actorName,
    text: renderAudit({ action: r.action, orgLabel: r.orgLabel, actorName: r.actorName, entityLabel: null, summary: r.summary }),
  }));
}
