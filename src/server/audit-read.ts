import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { pageArgs, toPage } from "@/server/pagination";
import { auditWhere } from "@/server/audit-scope";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "@/lib/audit-labels";
import { renderAudit } from "@/lib/audit-render";
import type { AuditFilter } from "@/lib/schemas/audit";

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one export writes (the filters narrow a larger log). */
export const AUDIT_EXPORT_MAX = 20_000;

type Row = { id: bigint; at: Date; actorId: string | null; orgLabel: string | null; action: string; entityType: string | null; entityId: string | null; summary: unknown };

export type AuditLine = {
  id: string; at: Date; actor: string; orgLabel: string; action: string; actionLabel: string; entityLabel: string; text: string;
};

const ids = (rows: Row[], type: string) => [...new Set(rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId!))];

/**
 * The names a sentence needs: who acted, what the entity is called (an account, an organisation, a
 * student — never an ID number) and the county names that appear in before/after summaries.
 */
async function present(rows: Row[]): Promise<AuditLine[]> {
  const userIds = [...new Set([...rows.map((r) => r.actorId).filter((x): x is string => !!x), ...ids(rows, "User")])];
  const [users, counties, middles, vocs, apps, enrolments, classes] = await Promise.all([
    db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true, displayName: true } }),
    db().county.findMany({ select: { id: true, name: true } }),
    db().middleSchool.findMany({ where: { id: { in: ids(rows, "MiddleSchool") } }, select: { id: true, name: true } }),
    db().vocationalSchool.findMany({ where: { id: { in: ids(rows, "VocationalSchool") } }, select: { id: true, name: true } }),
    db().application.findMany({ where: { id: { in: ids(rows, "Application") } }, select: { id: true, studentName: true } }),
    db().enrolment.findMany({ where: { id: { in: ids(rows, "Enrolment") } }, select: { id: true, application: { select: { studentName: true } } } }),
    db().vocationalClass.findMany({ where: { id: { in: ids(rows, "VocationalClass") } }, select: { id: true, name: true } }),
  ]);
  const user = new Map(users.map((u) => [u.id, u]));
  const names = new Map<string, string>([
    ...users.map((u) => [`User:${u.id}`, `${u.displayName}（${u.username}）`] as const),
    ...counties.map((c) => [`County:${c.id}`, c.name] as const),
    ...middles.map((m) => [`MiddleSchool:${m.id}`, m.name] as const),
    ...vocs.map((v) => [`VocationalSchool:${v.id}`, v.name] as const),
    ...apps.map((a) => [`Application:${a.id}`, a.studentName] as const),
    ...enrolments.map((e) => [`Enrolment:${e.id}`, e.application.studentName] as const),
    ...classes.map((c) => [`VocationalClass:${c.id}`, c.name] as const),
  ]);
  const countyName = new Map(counties.map((c) => [c.id, c.name]));
  return rows.map((r) => {
    const u = r.actorId ? user.get(r.actorId) : undefined;
    const entityLabel = r.entityType && r.entityId ? (names.get(`${r.entityType}:${r.entityId}`) ?? null) : null;
    return {
      id: r.id.toString(),
      at: r.at,
      actor: u ? `${u.displayName}（${u.username}）` : "—",
      orgLabel: r.orgLabel ?? "—",
      action: r.action,
      actionLabel: AUDIT_ACTION_LABELS[r.action] ?? "其他操作",
      entityLabel: r.entityType ? `${AUDIT_ENTITY_LABELS[r.entityType] ?? "其他"}${entityLabel ? `：${entityLabel}` : ""}` : "—",
      text: renderAudit({ action: r.action, orgLabel: r.orgLabel, actorName: u?.displayName ?? null, entityLabel, summary: r.summary }, (id) => countyName.get(id)),
    };
  });
}

/** One page of the 操作日志, newest first, in the actor's scope and filters, each row a Chinese sentence. */
export async function listAudit(actor: Actor, f: AuditFilter) {
  const where = await auditWhere(actor, f);
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({ where, orderBy: { id: "desc" }, ...pageArgs(f.page, AUDIT_PAGE_SIZE) }),
    db().auditLog.count({ where }),
  ]);
  return toPage(await present(rows), total, f.page, AUDIT_PAGE_SIZE);
}

/** Every row of the filters (at most AUDIT_EXPORT_MAX, newest first) for the xlsx export. */
export async function auditLinesForExport(actor: Actor, f: AuditFilter) {
  const where = await auditWhere(actor, f);
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({ where, orderBy: { id: "desc" }, take: AUDIT_EXPORT_MAX }),
    db().auditLog.count({ where }),
  ]);
  return { lines: await present(rows), total };
}
