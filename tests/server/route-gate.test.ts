// Issue 10 §7: every route handler goes through the one wrapper (src/server/route.ts), which applies
// the same checks as a server action. This test finds every src/app/**/route.ts, so a new route
// that skips the wrapper fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test, vi } from "vitest";
import type { Actor } from "@/server/auth/load-actor";
import type { Role } from "@/generated/prisma/enums";
import { testActor } from "../support/actor";

const current: { actor: Actor | null } = { actor: null };
vi.mock("@/auth", () => ({ auth: async () => null, signIn: async () => {}, signOut: async () => {}, handlers: {} }));
vi.mock("@/server/auth/actor", () => ({
  getActor: async () => current.actor,
  requireActor: async () => current.actor,
  loadActor: async () => current.actor,
}));

const appDir = path.resolve(import.meta.dirname, "../../src/app");
/** Routes without a signed-in user, on purpose: next-auth's own endpoints and the load balancer's health check. */
const PUBLIC = new Set(["api/auth/[...nextauth]/route.ts", "api/health/route.ts"]);

function routeFiles(dir = appDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [path.relative(appDir, full)] : [];
  });
}

const ROLES: Role[] = ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"];
const actorOf = (role: Role, mustChangePassword: boolean): Actor =>
  testActor(role, { userId: "u-gate", username: "gate", displayName: "门禁", prefectureId: "p-gate", orgName: "测试单位", mustChangePassword },
    { countyId: "c-gate", middleSchoolId: "m-gate", vocationalSchoolId: "v-gate" });
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function request(file: string, method: string) {
  const url = `http://zjb.test/${file.replace(/\/route\.ts$/, "").replace(/\[\.{0,3}(\w+)\]/g, "x")}?year=2020`;
  const init: RequestInit = { method, headers: { origin: "http://zjb.test", host: "zjb.test", "content-type": "application/json" } };
  if (method !== "GET") init.body = "{}";
  return new Request(url, init);
}
const ctx = { params: Promise.resolve({ id: "x", nextauth: ["x"] }) };

const files = routeFiles();

test("the enumeration finds the known routes", () => {
  expect(files.length).toBeGreaterThanOrEqual(8);
  expect(files).toContain("api/applications/import/route.ts");
});

describe.each(files.filter((f) => !PUBLIC.has(f)))("%s", (file) => {
  test("uses the route wrapper from src/server/route.ts", () => {
    const src = readFileSync(path.join(appDir, file), "utf8");
    expect(src).toMatch(/from "@\/server\/route"/);
    expect(src).toMatch(/\b(route|jsonRoute|routeActor)(<[^(]*>)?\(/);
  });

  test("refuses without a session (401) and stops an account that must change its password (403)", async () => {
    const mod = (await import(path.join(appDir, file))) as Record<string, unknown>;
    const handlers = METHODS.filter((m) => typeof mod[m] === "function");
    expect(handlers.length).toBeGreaterThan(0);
    for (const m of handlers) {
      const handler = mod[m] as (req: Request, ctx: unknown) => Promise<Response>;
      current.actor = null;
      expect((await handler(request(file, m), ctx)).status, `${m} without session`).toBe(401);
      let gated = 0;
      for (const role of ROLES) {
        current.actor = actorOf(role, true);
        const res = await handler(request(file, m), ctx);
        expect(res.status, `${m} as ${role} with mustChangePassword`).toBe(403);
        if ((await res.text()).includes("请先在“修改密码”中设置新密码")) gated++;
      }
      expect(gated, `${m}: the must-change-password gate answers for the roles that have the permission`).toBeGreaterThan(0);
    }
  });
});
