import { beforeAll, describe, expect, test } from "vitest";
import { testDb, actorFor } from "../../support/db";
import { createMiniPrefecture, createMiddleSchool, createUser as makeUser } from "../../../prisma/factories";
import { getMiddleSchool, listMiddleSchools, saveMiddleSchool, setMiddleSchoolActive, updateCounty } from "@/server/orgs/orgs";
import { createUser, listUsers, resetPassword, setUserActive, updateUser, getManagedUser } from "@/server/users/users";
import type { Actor } from "@/server/auth/load-actor";

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let countyA: Actor, schoolA: Actor, prefecture: Actor, vocA: Actor;
const q = { q: "", page: 1, countyId: "", status: "" as const };

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  countyA = await actorFor(p.users.countyA);
  schoolA = await actorFor(p.users.schoolA);
  prefecture = await actorFor(p.users.prefecture);
  vocA = await actorFor(p.users.vocA);
});

describe("a county bureau works only inside its county", () => {
  test("cannot read another county's middle school by id", async () => {
    await expect(getMiddleSchool(countyA, p.schoolB.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getMiddleSchool(countyA, p.schoolA.id)).resolves.toMatchObject({ id: p.schoolA.id });
  });

  test("lists only its own middle schools", async () => {
    const page = await listMiddleSchools(countyA, q);
    expect(page.items.map((s) => s.id)).toEqual([p.schoolA.id]);
    const all = await listMiddleSchools(prefecture, q);
    expect(all.items.map((s) => s.id).sort()).toEqual([p.schoolA.id, p.schoolB.id].sort());
  });

  test("cannot edit or deactivate another county's middle school", async () => {
    await expect(saveMiddleSchool(countyA, { id: p.schoolB.id, countyId: p.countyB.id, name: "改名中学", prefectureOwned: false }))
      .rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setMiddleSchoolActive(countyA, { id: p.schoolB.id, active: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const b = await testDb().middleSchool.findUniqueOrThrow({ where: { id: p.schoolB.id } });
    expect(b.name).toBe(p.schoolB.name);
    expect(b.active).toBe(true);
  });

  test("a new middle school lands in the county's own county whatever the form says, and cannot be 州属", async () => {
    const s = await saveMiddleSchool(countyA, { countyId: p.countyB.id, name: "新建测试中学", prefectureOwned: true });
    expect(s.countyId).toBe(p.countyA.id);
    expect(s.prefectureOwned).toBe(false);
    const audit = await testDb().auditLog.findFirst({ where: { action: "middleSchool.create", entityId: s.id } });
    expect(audit?.actorId).toBe(p.users.countyA.id);
  });

  test("cannot list, read or edit another county's accounts", async () => {
    const page = await listUsers(countyA, q);
    const ids = page.items.map((u) => u.id);
    expect(ids).toContain(p.users.schoolA.id);
    expect(ids).not.toContain(p.users.schoolB.id);
    expect(ids).not.toContain(p.users.countyB.id);
    expect(ids).not.toContain(p.users.prefecture.id);
    await expect(getManagedUser(countyA, p.users.schoolB.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateUser(countyA, { id: p.users.schoolB.id, displayName: "张三", phone: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resetPassword(countyA, { id: p.users.countyB.id, password: "abcd1234" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setUserActive(countyA, { id: p.users.schoolB.id, active: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("cannot take over a colleague's county bureau account", async () => {
    const other = await makeUser(testDb(), { role: "COUNTY", orgId: p.countyA.id });
    await expect(resetPassword(countyA, { id: other.id, password: "abcd1234" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setUserActive(countyA, { id: other.id, active: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listUsers(countyA, q)).items.map((u) => u.id)).not.toContain(p.users.countyA.id);
  });

  test("can open accounts only for its own middle schools", async () => {
    const base = { displayName: "李四", phone: "", password: "abcd1234" };
    await expect(createUser(countyA, { ...base, username: "x-county-b", role: "MIDDLE_SCHOOL", orgId: p.schoolB.id }))
      .rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createUser(countyA, { ...base, username: "x-county", role: "COUNTY", orgId: p.countyA.id }))
      .rejects.toMatchObject({ code: "FORBIDDEN" });
    const u = await createUser(countyA, { ...base, username: `ok-${Date.now()}`, role: "MIDDLE_SCHOOL", orgId: p.schoolA.id });
    expect(u.middleSchoolId).toBe(p.schoolA.id);
    expect(u.mustChangePassword).toBe(true);
  });

  test("cannot edit counties (prefecture only)", async () => {
    await expect(updateCounty(countyA, { id: p.countyA.id, name: "改名", bureauName: "改名局" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("schools cannot manage accounts or organisations", () => {
  test("a middle school cannot list or create accounts", async () => {
    await expect(listUsers(schoolA, q)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createUser(schoolA, { username: "zz-new", displayName: "王五", phone: "", password: "abcd1234", role: "MIDDLE_SCHOOL", orgId: p.schoolA.id }))
      .rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveMiddleSchool(schoolA, { id: p.schoolA.id, countyId: p.countyA.id, name: "改名中学", prefectureOwned: false }))
      .rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("a vocational school sees no middle schools", async () => {
    const page = await listMiddleSchools(vocA, q);
    expect(page.total).toBe(0);
  });

  test("the prefecture manages every organisation and marks 州属高完中", async () => {
    const extra = await createMiddleSchool(testDb(), p.countyA.id);
    const s = await saveMiddleSchool(prefecture, { id: extra.id, countyId: p.countyA.id, name: extra.name, prefectureOwned: true });
    expect(s.prefectureOwned).toBe(true);
  });
});
