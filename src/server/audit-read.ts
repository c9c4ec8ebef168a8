import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { managedUserScope } from "@/server/auth/scope";
import { assertCan } from "@/server/auth/permissions";
import { pageArgs, toPage } from "@/server/pagination";
import type { Prisma } from "@/generated/prisma/client";

export async function listAudit(actor: Actor, query: { q: string; page: number }) {
  assertCan(actor, "audit.read");
  let scope: Prisma.AuditLogWhereInput = {};
  if (actor.role !== "PREFECTURE") {
    const ids = await db().user.findMany({ where: managedUserScope(actor), select: { id: true } });
    scope = { actorId: { in: ids.map((u) => u.id) } };
  }
  const where: Prisma.AuditLogWhereInput = {
    AND: [scope, query.q ? { OR: [{ action: { contains: query.q } }, { orgLabel: { contains: query.q } }] } : {}],
  };
  const [rows, total] = await Promise.all([
    db().auditLog.findMany({ where, orderBy: { id: "desc" }, ...pageArgs(query.page, 50) }),
    db().auditLog.count({ where }),
  ]);
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const users = await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, username: true, displayName: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return toPage(
    rows.map((r) => ({ ...r, id: r.id.toString(), actor: r.actorId ? byId.get(r.actorId) ?? null : null })),
    total, query.page, 50,
  );
}
