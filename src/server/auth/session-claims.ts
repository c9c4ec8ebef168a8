import "server-only";
import { decode } from "next-auth/jwt";

/**
 * The signed-in user's claims from the session cookie (decision 092). next-auth's `auth()` outside
 * the proxy runs its whole HTTP handler for each call: it builds a request to /api/auth/session,
 * decrypts the cookie, re-encrypts a refreshed one (two key derivations) and serialises and parses
 * a JSON session, and the refreshed cookie is then dropped (a server component cannot set cookies; the
 * proxy refreshes them on page requests). Under load that was a large share of each request's CPU.
 * Here the cookie is decrypted once with next-auth's own `decode` (same secret, same cookie name and
 * salt, same expiry check), and the result is kept for repeated requests with the same token.
 */
export type SessionClaims = { uid?: unknown; sv?: unknown; at?: unknown; exp?: unknown };

const BASE = "authjs.session-token";
const cache = new Map<string, SessionClaims>();
const CACHE_MAX = 2_000;

/** The cookie name next-auth uses for this request (secure prefix over HTTPS, decided as next-auth decides it). */
function cookieName(h: Headers): string {
  const envUrl = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  const proto = envUrl ? new URL(envUrl).protocol : (h.get("x-forwarded-proto") ?? "https");
  return proto.replace(/:$/, "") === "https" ? `__Secure-${BASE}` : BASE;
}

/** The cookie's value, joining next-auth's chunks (`name.0`, `name.1`, …) when a token was split. */
function tokenOf(cookieHeader: string, name: string): string | null {
  const parts = new Map<string, string>();
  for (const pair of cookieHeader.split(/;\s*/)) {
    const i = pair.indexOf("=");
    if (i > 0) parts.set(pair.slice(0, i), pair.slice(i + 1));
  }
  if (parts.has(name)) return parts.get(name)!;
  const chunks = [...parts.keys()].filter((k) => k.startsWith(`${name}.`) && /^\d+$/.test(k.slice(name.length + 1)))
    .sort((a, b) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)));
  return chunks.length ? chunks.map((k) => parts.get(k)).join("") : null;
}

const unexpired = (c: SessionClaims, nowMs: number) => typeof c.exp !== "number" || c.exp * 1000 > nowMs;

export async function sessionClaims(h: Headers, nowMs = Date.now()): Promise<SessionClaims | null> {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  const name = cookieName(h);
  const token = tokenOf(h.get("cookie") ?? "", name);
  if (!token || !secret) return null;
  const key = `${name}\n${token}`;
  const hit = cache.get(key);
  if (hit) return unexpired(hit, nowMs) ? hit : null;
  let claims: SessionClaims | null;
  try {
    claims = (await decode({ token, secret, salt: name })) as SessionClaims | null;
  } catch {
    return null; // tampered, another secret, or expired (decode checks `exp`)
  }
  if (!claims) return null;
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, claims);
  return unexpired(claims, nowMs) ? claims : null;
}
