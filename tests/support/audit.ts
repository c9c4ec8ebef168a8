// Reads the audit row an action wrote and checks who (actor, role, organisation), what (entity) and the
// summary. The newest row of that action (and entity, when given) is the one the call just wrote.
import { expect } from "vitest";
import { testDb } from "./db";
import type { Actor } from "@/server/auth/load-actor";

export async function expectAudit(
  action: string,
  actor: Actor | null,
  entity: { type: string | null; id: string | null },
  summary: Record<string, unknown>,
) {
  const row = await testDb().auditLog.findFirst({
    where: { action, entityType: entity.type, entityId: entity.id },
    orderBy: { id: "desc" },
  });
  expect(row, `an audit row ${action} for ${entity.type}:${entity.id}`).not.toBeNull();
  expect(row).toMatchObject({
    actorId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    orgLabel: actor?.orgName ?? null,
    entityType: entity.type,
    entityId: entity.id,
  });
  expect(row!.summary).toMatchObject(summary);
  return row!;
}
