import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/server/db";
import { verifyPassword } from "./password";
import { audit, auditAlone } from "@/server/audit";
import { loadActor } from "./load-actor";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; user: { id: string; name: string; role: string; sv: number } }
  // LOCKED is for tests and the audit only: the sign-in page answers it exactly like INVALID.
  | { ok: false; reason: "INVALID" | "LOCKED" };

// A dummy hash so unknown usernames and locked accounts cost the same time as wrong passwords.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.mSKJ4Tn3nT2F8b/8v9mB7J7pD3S.";

/**
 * Counts one wrong password atomically in PostgreSQL (parallel guesses each count): the
 * MAX_FAILED_LOGINS-th locks the account for LOCK_MINUTES and restarts the count; the failed sign-in
 * and the lock are audited in the same transaction. `via` says where the password was tried
 * (sign-in or password change).
 */
export async function recordFailedPassword(userId: string, now: Date, via: "signIn" | "changeOwnPassword"): Promise<boolean> {
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  return db().$transaction(async (tx: Tx) => {
    const [row] = await tx.$queryRaw<{ locked: boolean; username: string }[]>`
      UPDATE "User"
         SET "failedLoginCount" = CASE WHEN "failedLoginCount" + 1 >= ${MAX_FAILED_LOGINS} THEN 0 ELSE "failedLoginCount" + 1 END,
             "lockedUntil" = CASE WHEN "failedLoginCount" + 1 >= ${MAX_FAILED_LOGINS} THEN ${until} ELSE "lockedUntil" END
       WHERE id = ${userId}
   RETURNING ("failedLoginCount" = 0) AS locked, username`;
    if (row && via === "signIn") await audit(tx, null, "auth.signInFailed", { type: "User", id: userId }, { username: row.username });
    if (row?.locked) {
      await audit(tx, null, "auth.lock", { type: "User", id: userId }, { username: row.username, via, until: until.toISOString(), after: MAX_FAILED_LOGINS });
    }
    return !!row?.locked;
  });
}

/**
 * A refused sign-in, with the username as typed (issue 15: who was tried). An unknown username is
 * logged the same way, without an account, and costs the same one transaction as a wrong password, so
 * neither the answer nor its timing tells whether the account exists. The password is never logged.
 */
async function logFailedSignIn(username: string, userId: string | null, extra: { locked?: true; inactive?: true } = {}) {
  await auditAlone(null, "auth.signInFailed", userId ? { type: "User", id: userId } : {}, { username: username.slice(0, 64), ...extra });
}

/** Verifies credentials. Never tells which of username or password was wrong, nor that an account is locked. */
export async function verifyCredentials(username: string, password: string, now = new Date()): Promise<SignInResult> {
  const user = await db().user.findUnique({
    where: { username },
    omit: { passwordHash: false },
  });
  if (!user) {
    await verifyPassword(password, DUMMY_HASH);
    await logFailedSignIn(username, null);
    return { ok: false, reason: "INVALID" };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await verifyPassword(password, DUMMY_HASH);
    await logFailedSignIn(user.username, user.id, { locked: true });
    return { ok: false, reason: "LOCKED" };
  }
  const good = await verifyPassword(password, user.passwordHash);
  if (!good) {
    await recordFailedPassword(user.id, now, "signIn");
    return { ok: false, reason: "INVALID" };
  }
  if (!user.active) {
    await logFailedSignIn(user.username, user.id, { inactive: true });
    return { ok: false, reason: "INVALID" };
  }
  // The account that signs in is the actor of its sign-in row (with its organisation, for the log's scope).
  const org = await loadActor(user.id, user.sessionVersion);
  // A parallel wrong guess may have locked the account while bcrypt ran: the reset only applies if not.
  const signedIn = await db().$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE "User" SET "failedLoginCount" = 0, "lockedUntil" = NULL, "lastLoginAt" = ${now}
       WHERE id = ${user.id} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})`;
    if (n === 0) return false;
    await audit(tx, { userId: user.id, role: user.role, orgName: org?.orgName ?? "" }, "auth.signIn", { type: "User", id: user.id }, { username: user.username });
    return true;
  });
  if (!signedIn) return { ok: false, reason: "LOCKED" };
  return { ok: true, user: { id: user.id, name: user.displayName, role: user.role, sv: user.sessionVersion } };
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

/**
 * next-auth's `authorize`: the session user, or null. Wrong password, unknown user, inactive and
 * locked accounts all give the same null (the page cannot tell them apart). `at` is the sign-in time
 * for the absolute session lifetime.
 */
export async function authorizeCredentials(raw: unknown, now = new Date()) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const result = await verifyCredentials(parsed.data.username, parsed.data.password, now);
  if (!result.ok) return null;
  return { id: result.user.id, name: result.user.name, role: result.user.role, sv: result.user.sv, at: now.getTime() };
}
