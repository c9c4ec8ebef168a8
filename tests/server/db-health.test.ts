import { describe, expect, test, vi } from "vitest";

vi.mock("@/auth", () => ({ auth: async () => null, signIn: async () => {}, signOut: async () => {} }));
import { DbUnavailableError, DB_UNAVAILABLE_MESSAGE, isDbUnavailable } from "@/server/db-health";
import { errorResponse, errorText } from "@/server/route";
import { AppError } from "@/server/errors";

// The shapes seen on this machine (decision 051): Prisma through the pg driver adapter with the server down,
// node-postgres after a restart, PostgreSQL's own codes.
const prismaDown = Object.assign(new Error("Can't reach database server at 127.0.0.1:5498"), {
  code: "P1001", meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5498 } } },
});
const rawDown = Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation: Raw query failed. Code: `N/A`."), {
  code: "P2010", meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } } },
});

describe("isDbUnavailable", () => {
  test.each([
    ["Prisma P1001", prismaDown],
    ["raw query with the adapter's DatabaseNotReachable", rawDown],
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["terminated by a restart (57P01)", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["starting up (57P03)", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["dropped connection", new Error("Connection terminated unexpectedly")],
    ["wrapped as cause", new Error("outer", { cause: { code: "08006" } })],
  ])("%s is an outage", (_name, err) => expect(isDbUnavailable(err)).toBe(true));

  test.each([
    ["unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["a value PostgreSQL refuses", Object.assign(new Error("invalid byte sequence for encoding \"UTF8\": 0x00"), { code: "22021" })],
    ["a user's refusal", new AppError("CONFLICT", "已存在")],
    ["a bug", new TypeError("x is undefined")],
  ])("%s is not", (_name, err) => expect(isDbUnavailable(err)).toBe(false));
});

describe("routes during an outage", () => {
  test("JSON: 503 with the Chinese message and Retry-After, no internals", async () => {
    const res = errorResponse(prismaDown);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.json();
    expect(body).toEqual({ ok: false, code: "DB_UNAVAILABLE", message: DB_UNAVAILABLE_MESSAGE });
    expect(JSON.stringify(body)).not.toContain("127.0.0.1");
  });

  test("downloads: 503 plain text", async () => {
    const res = errorText(new DbUnavailableError(prismaDown));
    expect(res.status).toBe(503);
    expect(await res.text()).toBe("数据库暂时无法连接，请稍后重试。");
  });

  test("a page's error carries the digest app/error.tsx recognises", () => {
    expect(new DbUnavailableError(prismaDown).digest).toBe("ZJB_DB_UNAVAILABLE");
  });
});
