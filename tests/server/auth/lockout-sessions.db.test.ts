// Issue 10 §5 (lockout that counts) and §6 (sessions with an end).
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture, createUser } from "../../../prisma/factories";
import { authorizeCredentials, MAX_FAILED_LOGINS, verifyCredentials } from "@/server/auth/sign-in";
import { loadActor } from "@/server/auth/load-actor";
import { endAllSessions } from "@/server/auth/sessions";
import { changeOwnPassword, unlockUser } from "@/server/users/users";
import { sessionExpired, SESSION_ABSOLUTE_HOURS } from "@/lib/session-policy";

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
beforeAll(async () => { p = await createMiniPrefecture(testDb()); });
const school = () => createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: p.schoolA.id, password: "right1234" });
const row = (id: string) => testDb().user.findUniqueOrThrow({ where: { id } });

describe("lockout", () => {
  test(`${MAX_FAILED_LOGINS} wrong passwords sent in parallel lock the account (each guess counts), audited`, async () => {
    const u = await school();
    await Promise.all(Array.from({ length: MAX_FAILED_LOGINS }, () => verifyCredentials(u.username, "guess0000")));
    expect((await row(u.id)).lockedUntil).not.toBeNull();
    expect((await verifyCredentials(u.username, "right1234")).ok).toBe(false);
    expect(await testDb().auditLog.count({ where: { action: "auth.lock", entityId: u.id } })).toBe(1);
  });

  test("a locked account gets the same answer as an unknown user", async () => {
    const u = await school();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyCredentials(u.username, "bad");
    const locked = await authorizeCredentials({ username: u.username, password: "right1234" });
    const unknown = await authorizeCredentials({ username: `nobody-${u.username}`, password: "right1234" });
    const wrong = await authorizeCredentials({ username: p.users.schoolB.username, password: "wrong999" });
    expect(locked).toBeNull();
    expect(unknown).toBeNull();
    expect(wrong).toBeNull();
  });

  test("the prefecture can unlock an account, audited; a county cannot", async () => {
    const u = await school();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyCredentials(u.username, "bad");
    await expect(unlockUser(await actorFor(p.users.countyA), { id: u.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await unlockUser(await actorFor(p.users.prefecture), { id: u.id });
    expect((await verifyCredentials(u.username, "right1234")).ok).toBe(true);
    const a = await testDb().auditLog.findFirst({ where: { action: "user.unlock", entityId: u.id } });
    expect(a?.actorId).toBe(p.users.prefecture.id);
  });
});

describe("sessions", () => {
  test(`a session ends ${SESSION_ABSOLUTE_HOURS} h after sign-in however active it is; one without a sign-in time is not accepted`, () => {
    const t = Date.UTC(2020, 4, 8, 0, 0);
    expect(sessionExpired(t, t + 11 * 3600_000)).toBe(false);
    expect(sessionExpired(t, t + 12 * 3600_000 + 1)).toBe(true);
    expect(sessionExpired(undefined, t)).toBe(true);
  });

  test("sign-in records when, for the absolute lifetime", async () => {
    const u = await school();
    const now = new Date("2026-12-02T01:00:00Z");
    expect(await authorizeCredentials({ username: u.username, password: "right1234" }, now)).toMatchObject({ id: u.id, at: now.getTime() });
  });

  test("changing one's own password ends every other session of the user", async () => {
    const u = await school();
    const other = await verifyCredentials(u.username, "right1234");
    if (!other.ok) throw new Error("should sign in");
    await changeOwnPassword(await actorFor(u), { current: "right1234", password: "newpass123" });
    expect(await loadActor(u.id, other.user.sv)).toBeNull();
  });

  test("signing out ends every session of the user, audited", async () => {
    const u = await school();
    const a = await verifyCredentials(u.username, "right1234");
    const b = await verifyCredentials(u.username, "right1234");
    if (!a.ok || !b.ok) throw new Error("should sign in");
    await endAllSessions(await actorFor(u));
    expect(await loadActor(u.id, a.user.sv)).toBeNull();
    expect(await loadActor(u.id, b.user.sv)).toBeNull();
    expect(await testDb().auditLog.count({ where: { action: "auth.signOut", entityId: u.id } })).toBe(1);
  });

  test("the current-password check is rate-limited: after 5 wrong tries even the right one is refused", async () => {
    const u = await school();
    const me = await actorFor(u);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      await expect(changeOwnPassword(me, { current: `bad${i}xxxx`, password: "newpass123" })).rejects.toMatchObject({ message: "当前密码不正确，请重新输入。" });
    }
    await expect(changeOwnPassword(me, { current: "bad5xxxx", password: "newpass123" })).rejects.toMatchObject({ message: expect.stringContaining("分钟后再试") });
    await expect(changeOwnPassword(me, { current: "right1234", password: "newpass123" })).rejects.toMatchObject({ message: expect.stringContaining("分钟后再试") });
    expect(await testDb().auditLog.count({ where: { action: "auth.lock", entityId: u.id } })).toBe(1);
  });
});
