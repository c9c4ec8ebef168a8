/**
 * Session lifetimes (issue 10 §6). The sliding lifetime is next-auth's maxAge (renewed while the user
 * works); the absolute one counts from the sign-in, so a stolen or forgotten session ends the same day.
 */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
export const SESSION_ABSOLUTE_HOURS = 12;

/** True when a session signed in at `signedInAt` (ms) is past its absolute lifetime, or carries no sign-in time. */
export function sessionExpired(signedInAt: number | undefined, nowMs: number): boolean {
  if (typeof signedInAt !== "number" || !Number.isFinite(signedInAt)) return true;
  return nowMs - signedInAt > SESSION_ABSOLUTE_HOURS * 60 * 60 * 1000 || signedInAt > nowMs + 5 * 60 * 1000;
}

/**
 * How long a session cookie is used as issued before a page request renews it (decision 100). next-auth
 * renews the sliding lifetime by re-encrypting the cookie; doing that on every page request cost each page
 * two key derivations, AES and HMAC on the thread pool. Renewing once the cookie is older than this keeps the
 * idle lifetime within 5 minutes of SESSION_IDLE_SECONDS (as next-auth's `updateAge` does for database sessions).
 */
export const SESSION_RENEW_AFTER_SECONDS = 5 * 60;

/** True when the cookie (its `exp`, seconds) was issued more than SESSION_RENEW_AFTER_SECONDS ago, or has no `exp`. */
export function sessionRenewalDue(claims: { exp?: unknown }, nowMs: number): boolean {
  if (typeof claims.exp !== "number" || !Number.isFinite(claims.exp)) return true;
  const issuedMs = claims.exp * 1000 - SESSION_IDLE_SECONDS * 1000;
  return nowMs - issuedMs >= SESSION_RENEW_AFTER_SECONDS * 1000;
}
