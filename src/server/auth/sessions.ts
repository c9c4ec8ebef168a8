import "server-only";
import { db } from "@/server/db";
import { audit } from "@/server/audit";
import type { Actor } from "./load-actor";

/** Signing out ends every session of the user (all devices): sessionVersion moves on; audited. */
export async function endAllSessions(actor: Actor) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { sessionVersion: { increment: 1 } } });
    await audit(tx, actor, "auth.signOut", { type: "User", id: actor.userId });
  });
}
