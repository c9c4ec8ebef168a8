import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import type { Tx } from "@/server/db";
import type { Prisma } from "@/generated/prisma/client";

/** Who did it: a signed-in actor, or (at sign-in) the account that signed in. */
export type AuditActor = Pick<Actor, "userId" | "role" | "orgName">;

/** One audit row, written inside the caller's transaction so it commits or rolls back with the change. */
export async function audit(
  tx: Tx,
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
