import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { db, type Tx } from "@/server/db";
import type { Prisma } from "@/generated/prisma/client";

/** Who did it: a signed-in actor, or (at sign-in) the account that signed in. */
export type AuditActor = Pick<Actor, "userId" | "role" | "orgName">;

/** One audit row, written inside the caller's transaction so it commits or rolls back with the change. */
export async function audit(
  tx: Pick<Tx, "auditLog">,
  actor: AuditActor | null,
  action: string,
  entity: { type?: string; id?: string } = {},
  summary?: Prisma.InputJsonValue,
) {
  await tx.auditLog.create({
    data: {
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      orgLabel: actor?.orgName || null,
      action,
      entityType: entity.type ?? null,
      entityId: entity.id ?? null,
      summary: summary ?? undefined,
    },
  });
}

/**
 * An audit row with nothing else to commit alongside it (an export, a refused attempt): one INSERT on its own,
 * not an interactive transaction (BEGIN, INSERT, COMMIT: three round trips, each a wait on a busy server).
 */
export async function auditAlone(
  actor: AuditActor | null,
  action: string,
  entity: { type?: string; id?: string } = {},
  summary?: Prisma.InputJsonValue,
) {
  await audit(db(), actor, action, entity, summary);
}
