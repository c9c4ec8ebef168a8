import { beforeAll, describe, expect, test } from "vitest";
import { testDb, actorFor, afterConstraintError } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiniPrefecture, createUser } from "../../../prisma/factories";
import { verifyCredentials, MAX_FAILED_LOGINS } from "@/server/auth/sign-in";
import { loadActor } from "@/server/auth/load-actor";
import { setUserActive, resetPassword, changeOwnPassword } from "@/server/users/users";

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
beforeAll(async () => { p = await createMiniPrefecture(testDb()); });

describe("sign-in", () => {
  test("right password signs in and is audited; wrong password and unknown user look the same", async () => {
    const u = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: p.schoolA.id, password: "right1234" });
    const ok = await verifyCredentials(u.username, "right1234");
    expect(ok).toMatchObject({ ok: true, user: { id: u.id, role: "MIDDLE_SCHOOL" } });
    expect(await testDb().auditLog.count({ where: { action: "auth.signIn", entityId: u.id } })).toBe(1);
    await expectAudit("auth.signIn", null, { type: "User", id: u.id }, { username: u.username });
    expect(await verifyCredentials(u.username, "wrong1234")).toEqual({ ok: false, reason: "INVALID" });
    expect(await verifyCredentials("no-such-user", "right1234")).toEqual({ ok: false, reason: "INVALID" });
  });

  test(`${MAX_FAILED_LOGINS} wrong passwords lock the account for a while, even with the right one`, async () => {
    const u = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: p.schoolA.id, password: "right1234" });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyCredentials(u.username, "bad");
    expect(await verifyCredentials(u.username, "right1234")).toMatchObject({ ok: false });
    const later = new Date(Date.now() + 16 * 60_000);
    expect((await verifyCredentials(u.username, "right1234", later)).ok).toBe(true);
  });

  test("a deactivated account cannot sign in and its open session stops at the next request", async () => {
    const u = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: p.schoolA.id, password: "right1234" });
    const signedIn = await verifyCredentials(u.username, "right1234");
    if (!signedIn.ok) throw new Error("should sign in");
    expect(await loadActor(u.id, signedIn.user.sv)).not.toBeNull();
    await setUserActive(await actorFor(p.users.countyA), { id: u.id, active: false });
    expect(await loadActor(u.id, signedIn.user.sv)).toBeNull(); // the open session's JWT carries the old sv
    expect(await verifyCredentials(u.username, "right1234")).toEqual({ ok: false, reason: "INVALID" });
    const audit = await testDb().auditLog.findFirst({ where: { action: "user.deactivate", entityId: u.id } });
    expect(audit?.actorId).toBe(p.users.countyA.id);
  });

  test("a password reset ends open sessions; so does changing one's own password", async () => {
    const u = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: p.schoolA.id, password: "right1234" });
    const s1 = await verifyCredentials(u.username, "right1234");
    if (!s1.ok) throw new Error("should sign in");
    await resetPassword(await actorFor(p.users.prefecture), { id: u.id, password: "reset1234" });
    expect(await loadActor(u.id, s1.user.sv)).toBeNull();
    const s2 = await verifyCredentials(u.username, "reset1234");
    if (!s2.ok) throw new Error("should sign in");
    const me = await actorFor(u);
    expect(me.mustChangePassword).toBe(true);
    await expect(changeOwnPassword(me, { current: "wrong", password: "mine12345" })).rejects.toMatchObject({ code: "VALIDATION" });
    await changeOwnPassword(me, { current: "reset1234", password: "mine12345" });
    expect(await loadActor(u.id, s2.user.sv)).toBeNull(); // issue 10 §6: the change ends every session
    const s3 = await verifyCredentials(u.username, "mine12345");
    if (!s3.ok) throw new Error("should sign in");
    expect(await loadActor(u.id, s3.user.sv)).toMatchObject({ mustChangePassword: false });
  });

  test("the database refuses a user whose organisation does not match the role", async () => {
    await expect(testDb().user.create({
      data: { username: `bad-${Date.now()}`, displayName: "x", passwordHash: "x", role: "COUNTY", middleSchoolId: p.schoolA.id },
    })).rejects.toThrow();
    await afterConstraintError();
  });

  test("the audit log cannot be altered", async () => {
    const row = await testDb().auditLog.findFirstOrThrow();
    await testDb().$executeRawUnsafe(`UPDATE "AuditLog" SET action = 'tampered' WHERE id = ${row.id}`);
    await testDb().$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE id = ${row.id}`);
    const again = await testDb().auditLog.findUniqueOrThrow({ where: { id: row.id } });
    expect(again.action).toBe(row.action);
  });
});
