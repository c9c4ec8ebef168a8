import { beforeAll, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiddleSchool, createMiniPrefecture, createUser } from "../../../prisma/factories";
import { createApplicationRow, nextIdNumber } from "../../../prisma/factories/applications";
import { listApplications } from "@/server/applications/read";
import { schoolLabel } from "@/server/applications/rules";
import { applicationListQuerySchema } from "@/lib/schemas/application-workflow";
import type { Actor } from "@/server/auth/load-actor";

// The application list names each row's schools from one statement read beside the rows (decision 104).
const NOW = new Date("2020-05-08T02:00:00Z");
const query = (over: Record<string, unknown> = {}) => applicationListQuerySchema.parse(over);
let m: Awaited<ReturnType<typeof createMiniPrefecture>>;
let other: { id: string; name: string };
let countyA: Actor, vocA: Actor, schoolA: Actor;

beforeAll(async () => {
  const db = testDb();
  m = await createMiniPrefecture(db);
  // Students of two middle schools of county A, who chose either vocational school.
  other = await createMiddleSchool(db, m.countyA.id);
  const otherUser = await createUser(db, { role: "MIDDLE_SCHOOL", orgId: other.id });
  for (let i = 0; i < 4; i++) {
    await createApplicationRow(db, { middleSchoolId: m.schoolA.id, vocationalSchoolId: i % 2 ? m.vocP.id : m.vocA.id, enteredById: m.users.schoolA.id, status: "APPROVED", input: { idNumber: nextIdNumber() } });
  }
  await createApplicationRow(db, { middleSchoolId: other.id, vocationalSchoolId: m.vocP.id, enteredById: otherUser.id, status: "APPROVED", input: { studentName: "标签生", idNumber: nextIdNumber() } });
  [countyA, vocA, schoolA] = await Promise.all([actorFor(m.users.countyA), actorFor(m.users.vocA), actorFor(m.users.schoolA)]);
});

test("every row of the list names its own middle school (with its county) and chosen vocational school", async () => {
  for (const actor of [countyA, vocA, schoolA]) {
    const list = await listApplications(actor, query(), NOW);
    expect(list.items.length, actor.username).toBeGreaterThan(0);
    const want = await testDb().application.findMany({
      where: { id: { in: list.items.map((i) => i.id) } },
      select: { id: true, middleSchool: { select: { name: true, county: { select: { name: true } } } }, vocationalSchool: { select: { name: true } } },
    });
    for (const item of list.items) {
      const w = want.find((x) => x.id === item.id)!;
      expect(item.middleSchoolLabel, item.id).toBe(schoolLabel(w.middleSchool.county.name, w.middleSchool.name));
      expect(item.vocationalSchoolName, item.id).toBe(w.vocationalSchool.name);
    }
  }
  const mine = (await listApplications(countyA, query({ q: "标签生" }), NOW)).items;
  expect(mine.map((i) => [i.middleSchoolLabel, i.vocationalSchoolName])).toEqual([[schoolLabel(m.countyA.name, other.name), m.vocP.name]]);
  const all = (await listApplications(countyA, query(), NOW)).items;
  expect(new Set(all.map((i) => i.vocationalSchoolName)).size).toBe(2);
  expect(new Set(all.map((i) => i.middleSchoolLabel)).size).toBe(2);
});
