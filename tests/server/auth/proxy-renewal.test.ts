// Decision 100: the proxy uses a session cookie issued less than 5 minutes ago as it is (no re-encryption on
// every page), lets next-auth renew an older one (a new cookie with a new expiry), and sends a missing or a
// bad one to sign in.
import { beforeAll, describe, expect, test } from "vitest";
import { NextRequest, type NextFetchEvent } from "next/server";
import { encode } from "next-auth/jwt";
import { SESSION_IDLE_SECONDS } from "@/lib/session-policy";

const SECRET = "proxy-test-secret-0123456789abcdef";
const NAME = "authjs.session-token";
let proxy: (req: NextRequest, ev: NextFetchEvent) => Promise<Response>;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  process.env.AUTH_URL = "http://localhost:3000";
  proxy = (await import("@/proxy")).proxy as never;
});

const claims = { uid: "u1", sv: 1, at: Date.now(), role: "COUNTY" };
const page = (cookie?: string) => new NextRequest("http://localhost:3000/applications", { headers: cookie ? { cookie } : {} });
const sessionCookies = (res: Response) => res.headers.getSetCookie().filter((c) => c.startsWith(`${NAME}=`));
const ev = {} as NextFetchEvent;

describe("the proxy and the session cookie", () => {
  test("a cookie issued just now goes through without a new cookie", async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: SESSION_IDLE_SECONDS });
    const res = await proxy(page(`${NAME}=${token}`), ev);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-security-policy")).toContain("nonce-");
    expect(sessionCookies(res)).toEqual([]);
  });

  test("a cookie issued an hour ago is renewed for the whole idle lifetime", async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: SESSION_IDLE_SECONDS - 3600 });
    const res = await proxy(page(`${NAME}=${token}`), ev);
    expect(res.headers.get("location")).toBeNull();
    const [renewed] = sessionCookies(res);
    expect(renewed).toBeDefined();
    const expires = Date.parse(/Expires=([^;]+)/.exec(renewed)![1]);
    expect(expires - Date.now()).toBeGreaterThan((SESSION_IDLE_SECONDS - 60) * 1000);
  });

  test("no cookie, or one made with another secret, is sent to sign in", async () => {
    for (const cookie of [undefined, `${NAME}=${await encode({ token: claims, secret: "another-secret-0123456789abcdefgh", salt: NAME, maxAge: 3600 })}`]) {
      const res = await proxy(page(cookie), ev);
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toContain("/login?callbackUrl=");
    }
  });
});
