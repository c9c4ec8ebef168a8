// Issue 10 §9: JSON routes accept only same-origin requests with a JSON body; security headers.
import { describe, expect, test, vi } from "vitest";
import type { Actor } from "@/server/auth/load-actor";
import { testActor } from "../support/actor";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/security-headers";

const actor: Actor = testActor("MIDDLE_SCHOOL", { userId: "u1", username: "u1", prefectureId: "p", orgName: "测试中学" }, { countyId: "c", middleSchoolId: "m" });
vi.mock("@/auth", () => ({ auth: async () => null, signIn: async () => {}, signOut: async () => {} }));
vi.mock("@/server/auth/actor", () => ({ getActor: async () => actor, requireActor: async () => actor }));
const ran = vi.fn(async () => ({ done: true }));

const { jsonRoute } = await import("@/server/route");
const { z } = await import("zod");
const POST = jsonRoute("sendOff.execute", z.object({ applicationIds: z.array(z.string()) }), ran);

const req = (headers: Record<string, string>, body = JSON.stringify({ applicationIds: [] })) =>
  new Request("http://zjb.test/api/send-off", { method: "POST", headers: { host: "zjb.test", ...headers }, body });

describe("JSON route checks", () => {
  test("a request from another site is refused (403) and nothing runs", async () => {
    const res = await POST(req({ origin: "https://evil.example", "content-type": "application/json" }), undefined);
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain("不接受其他网站");
    const none = await POST(req({ "content-type": "application/json" }), undefined);
    expect(none.status).toBe(403);
    expect(ran).not.toHaveBeenCalled();
  });

  test("a body that is not declared as JSON is refused (415): a plain HTML form cannot post here", async () => {
    const res = await POST(req({ origin: "http://zjb.test", "content-type": "text/plain" }), undefined);
    expect(res.status).toBe(415);
    expect(ran).not.toHaveBeenCalled();
  });

  test("same origin with a JSON body runs", async () => {
    const res = await POST(req({ origin: "http://zjb.test", "content-type": "application/json; charset=utf-8" }), undefined);
    expect(res.status).toBe(200);
    expect(ran).toHaveBeenCalledOnce();
  });
});

describe("security headers", () => {
  test("the page CSP allows scripts only with the request's nonce and forbids framing", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    const keys = STATIC_SECURITY_HEADERS.map((h) => h.key);
    expect(keys).toEqual(expect.arrayContaining(["X-Content-Type-Options", "Referrer-Policy"]));
  });
});
