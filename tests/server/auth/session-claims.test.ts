// getActor reads the session cookie itself (decision 092): it must accept exactly what next-auth's
// own cookie holds and nothing else.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { sessionClaims } from "@/server/auth/session-claims";

const SECRET = "test-secret-0123456789abcdef0123456789";
const NAME = "authjs.session-token";
const claims = { uid: "u1", sv: 3, at: Date.now() };
const headers = (cookie: string, proto = "http") => new Headers({ cookie, "x-forwarded-proto": proto });

describe("sessionClaims", () => {
  const saved = { AUTH_SECRET: process.env.AUTH_SECRET, AUTH_URL: process.env.AUTH_URL };
  beforeEach(() => { process.env.AUTH_SECRET = SECRET; delete process.env.AUTH_URL; });
  afterEach(() => { process.env.AUTH_SECRET = saved.AUTH_SECRET; if (saved.AUTH_URL) process.env.AUTH_URL = saved.AUTH_URL; });

  it("reads the claims of next-auth's own cookie", async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: NAME });
    expect(await sessionClaims(headers(`other=1; ${NAME}=${token}`))).toMatchObject(claims);
  });

  it("joins a token next-auth split into chunks", async () => {
    const token = await encode({ token: { ...claims, uid: "u-chunks" }, secret: SECRET, salt: NAME });
    const half = Math.floor(token.length / 2);
    expect(await sessionClaims(headers(`${NAME}.1=${token.slice(half)}; ${NAME}.0=${token.slice(0, half)}`))).toMatchObject({ uid: "u-chunks" });
  });

  it("refuses a token of another secret, a tampered token and an expired one", async () => {
    const other = await encode({ token: claims, secret: "another-secret-0123456789abcdef0123", salt: NAME });
    expect(await sessionClaims(headers(`${NAME}=${other}`))).toBeNull();
    const good = await encode({ token: { ...claims, uid: "u-tamper" }, secret: SECRET, salt: NAME });
    const tampered = good.slice(0, -3) + (good.endsWith("AAA") ? "BBB" : "AAA");
    expect(await sessionClaims(headers(`${NAME}=${tampered}`))).toBeNull();
    const expired = await encode({ token: { ...claims, uid: "u-expired" }, secret: SECRET, salt: NAME, maxAge: -60 });
    expect(await sessionClaims(headers(`${NAME}=${expired}`))).toBeNull();
  });

  it("stops accepting a cached token once it expires", async () => {
    const token = await encode({ token: { ...claims, uid: "u-cached" }, secret: SECRET, salt: NAME, maxAge: 60 });
    const h = headers(`${NAME}=${token}`);
    expect(await sessionClaims(h)).toMatchObject({ uid: "u-cached" });
    expect(await sessionClaims(h, Date.now() + 61_000)).toBeNull();
  });

  it("over HTTPS reads only the __Secure- cookie, as next-auth does", async () => {
    const plain = await encode({ token: claims, secret: SECRET, salt: NAME });
    expect(await sessionClaims(headers(`${NAME}=${plain}`, "https"))).toBeNull();
    const secure = await encode({ token: claims, secret: SECRET, salt: `__Secure-${NAME}` });
    expect(await sessionClaims(headers(`__Secure-${NAME}=${secure}`, "https"))).toMatchObject(claims);
  });
});
