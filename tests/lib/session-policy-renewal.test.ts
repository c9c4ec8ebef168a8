import { describe, expect, test } from "vitest";
import { SESSION_IDLE_SECONDS, SESSION_RENEW_AFTER_SECONDS, sessionRenewalDue } from "@/lib/session-policy";

describe("renewing the session cookie (decision 100)", () => {
  const now = Date.UTC(2020, 4, 8, 2, 0, 0);
  const issuedAgo = (s: number) => ({ exp: Math.floor((now - s * 1000) / 1000) + SESSION_IDLE_SECONDS });
  test("a cookie issued less than 5 minutes ago is used as it is", () => {
    expect(sessionRenewalDue(issuedAgo(0), now)).toBe(false);
    expect(sessionRenewalDue(issuedAgo(SESSION_RENEW_AFTER_SECONDS - 1), now)).toBe(false);
  });
  test("an older one is renewed, and so is one without an expiry", () => {
    expect(sessionRenewalDue(issuedAgo(SESSION_RENEW_AFTER_SECONDS), now)).toBe(true);
    expect(sessionRenewalDue(issuedAgo(3 * 60 * 60), now)).toBe(true);
    expect(sessionRenewalDue({}, now)).toBe(true);
    expect(sessionRenewalDue({ exp: "soon" }, now)).toBe(true);
  });
});
