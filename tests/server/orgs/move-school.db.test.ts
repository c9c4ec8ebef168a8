// Issue 10 §10 / decision 011: a middle school with this year's applications stays in its county.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiddleSchool, createMiniPrefecture } from "../../../prisma/factories";
import { createApplicationRow } from "../../../prisma/factories/applications";
import { saveMiddleSchool } from "@/server/orgs/orgs";
import type { Actor } from "@/server/auth/load-actor";

let m: Awaited<ReturnType<typeof createMiniPrefecture>>;
let prefecture: Actor;
const IN_2020 = new Date("2020-05-08T02:00:00Z");
const IN_2021 = new Date("2021-03-01T02:00:00Z");

beforeAll(async () => {
  m = await createMiniPrefecture(testDb());
  prefecture = await actorFor(m.users.prefecture);
});

describe("moving a middle school to another county", () => {
  test("is refused while the school has applications in the current year; nothing changes", async () => {
    const s = await createMiddleSchool(testDb(), m.countyA.id);
    const a = await createApplicationRow(testDb(), { middleSchoolId: s.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status: "APPROVED" });
    await expect(saveMiddleSchool(prefecture, { id: s.id, countyId: m.countyB.id, name: s.name, prefectureOwned: false }, IN_2020))
      .rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("2020 年度已有1 份报名申请") });
    expect((await testDb().middleSchool.findUniqueOrThrow({ where: { id: s.id } })).countyId).toBe(m.countyA.id);
    expect((await testDb().application.findUniqueOrThrow({ where: { id: a.id } })).countyId).toBe(m.countyA.id);
  });

  test("is allowed once that year is over; past applications stay with the county they were counted in", async () => {
    const s = await createMiddleSchool(testDb(), m.countyA.id);
    const a = await createApplicationRow(testDb(), { middleSchoolId: s.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status: "APPROVED" });
    await saveMiddleSchool(prefecture, { id: s.id, countyId: m.countyB.id, name: s.name, prefectureOwned: false }, IN_2021);
    expect((await testDb().middleSchool.findUniqueOrThrow({ where: { id: s.id } })).countyId).toBe(m.countyB.id);
    expect((await testDb().application.findUniqueOrThrow({ where: { id: a.id } })).countyId).toBe(m.countyA.id);
  });

  test("renaming without a move is not affected", async () => {
    const s = await createMiddleSchool(testDb(), m.countyA.id);
    await createApplicationRow(testDb(), { middleSchoolId: s.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id });
    const after = await saveMiddleSchool(prefecture, { id: s.id, countyId: m.countyA.id, name: `${s.name}（改）`, prefectureOwned: false }, IN_2020);
    expect(after.name).toBe(`${s.name}（改）`);
  });
});
