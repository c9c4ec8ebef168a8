import "server-only";
import { db } from "@/server/db";
import { verifyPassword } from "./password";
import { audit } from "@/server/audit";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; user: { id: string; name: string; role: string; sv: number } }
  | { ok: false; reason: "INVALID" | "LOCKED" };

// A dummy hash so unknown usernames cost the same time as wrong passwords.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.mSKJ4Tn3nT2F8b/8v9mB7J7pD3S.";

/** Verifies credentials. Never tells which of username or password was wrong. */
export async function verifyCredentials(username: string, password: string, now = new Date()): Promise<SignInResult> {
  const user = await db().user.findUnique({
    where: { username },
    omit: { passwordHash: false },
  });
  if (!user) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: "INVALID" };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "LOCKED" };
  const good = await verifyPassword(password, user.passwordHash);
  if (!good || !user.active) {
    if (!good) {
      const failed = user.failedLoginCount + 1;
      await db().user.update({
        where: { id: user.id },
        data: {
          failedLoginCount: failed >= MAX_FAILED_LOGINS ? 0 : failed,
          lockedUntil: failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null,
        },
      });
    }
    return { ok: false, reason: "INVALID" };
  }
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now } });
    await audit(tx, null, "auth.signIn", { type: "User", id: user.id }, { username: user.username });
  });
  return { ok: true, user: { id: user.id, name: user.displayName, role: user.role, sv: user.sessionVersion } };
}
