// Optimistic check only (is there a session?) plus the per-request CSP nonce: no database calls here.
// Every page, action and export route re-verifies the actor on the server.
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/auth";
import { sessionClaims } from "@/server/auth/session-claims";
import { contentSecurityPolicy } from "@/lib/security-headers";
import { sessionRenewalDue } from "@/lib/session-policy";
import { DB_DOWN_AT_KEY, DB_UNAVAILABLE_HTML, recentlyDown } from "@/lib/db-outage";

/** The page request goes on (signed in, or to the sign-in page) or is sent to sign in. */
function respond(req: NextRequest, signedIn: boolean): NextResponse {
  // The app saw the database refuse a connection less than 2 s ago (src/server/db-health.ts): a 503
  // page at once. No database call here; after 2 s the next request tries the database again.
  const downAt = (globalThis as Record<string, unknown>)[DB_DOWN_AT_KEY] as number | undefined;
  if (recentlyDown(downAt, Date.now())) {
    return new NextResponse(DB_UNAVAILABLE_HTML, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" } });
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  const { pathname } = req.nextUrl;
  let res: NextResponse;
  if (!signedIn && pathname !== "/login") {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    url.searchParams.set("callbackUrl", req.nextUrl.href);
    res = NextResponse.redirect(url);
  } else {
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp); // Next reads the nonce from here for its scripts
    res = NextResponse.next({ request: { headers } });
  }
  res.headers.set("Content-Security-Policy", csp);
  return res;
}

/** next-auth's own check, which also renews the session cookie (re-encrypted with a new expiry). */
const withRenewal = auth((req) => respond(req, !!req.auth));

/**
 * A valid cookie issued less than 5 minutes ago is used as it is (decision 100): decrypted once per token
 * (sessionClaims, the same `decode` next-auth uses) and not re-encrypted on every page; an older one, a
 * missing or a bad one goes through next-auth, which renews the sliding lifetime or sends to sign in.
 */
export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  const claims = await sessionClaims(req.headers);
  if (claims && !sessionRenewalDue(claims, Date.now())) return respond(req, true);
  return (withRenewal as unknown as (r: NextRequest, e: NextFetchEvent) => Promise<Response>)(req, ev);
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
