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
