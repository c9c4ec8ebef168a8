// 附件3 batch printing (issue 16, item 3): the approved forms of a school or of one class, scoped, audited.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiniPrefecture } from "../../../prisma/factories";
import { createApplicationRow, nextIdNumber } from "../../../prisma/factories/applications";
import { approvedFormsForPrint } from "@/server/applications/print";
import type { Actor } from "@/server/auth/load-actor";

const YEAR = 2061; // a year of its own: other tests' applications are not printed here
let m: Awaited<ReturnType<typeof createMiniPrefecture>>;
let schoolA: Actor, schoolB: Actor, countyA: Actor, countyB: Actor, vocA: Actor, prefecture: Actor;

async function app(name: string, className: string, status: "DRAFT" | "SIGNED" | "APPROVED" | "REJECTED", after?: "SENT_OFF" | "WITHDRAWN") {
  const r = await createApplicationRow(testDb(), {
    year: YEAR, middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status,
    input: { studentName: name, className, idNumber: nextIdNumber(), studentPhone: "无", guardianPhone: "0878-3123456" },
  });
  if (after) await testDb().application.update({ where: { id: r.id }, data: { status: after } });
  return r;
}

beforeAll(async () => {
  m = await createMiniPrefecture(testDb());
  [schoolA, schoolB, countyA, countyB, vocA, prefecture] = await Promise.all(
    [m.users.schoolA, m.users.schoolB, m.users.countyA, m.users.countyB, m.users.vocA, m.users.prefecture].map((u) => actorFor(u)),
  );
  await app("印十班甲", "九年级（10）班", "APPROVED");
  await app("印二班乙", "九年级（2）班", "APPROVED");
  await app("印二班甲", "九年级（2）班", "APPROVED", "SENT_OFF");
  await app("印二班草稿", "九年级（2）班", "DRAFT");
  await app("印二班待审", "九年级（2）班", "SIGNED");
  await app("印二班不同意", "九年级（2）班", "REJECTED");
  await app("印二班撤回", "九年级（2）班", "APPROVED", "WITHDRAWN");
});

const names = (r: Awaited<ReturnType<typeof approvedFormsForPrint>>) => r.forms.map((f) => f.studentName);

describe("approvedFormsForPrint", () => {
  test("a middle school: every approved form of the school, by class in natural order, then name; audited once", async () => {
    const r = await approvedFormsForPrint(schoolA, { year: YEAR });
    expect(names(r)).toEqual(["印二班甲", "印二班乙", "印十班甲"]);
    // the printed form carries everything the paper needs, "无" and a landline included
    expect(r.forms[0]).toMatchObject({ studentPhone: "无", guardianPhone: "0878-3123456", reviewDecision: true });
    expect(r.forms[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(r.schools.map((s) => s.id)).toContain(m.vocA.id);
    await expectAudit("application.print.batch", schoolA, { type: "MiddleSchool", id: m.schoolA.id }, { year: YEAR, className: null, count: 3 });
  });

  test("one class", async () => {
    expect(names(await approvedFormsForPrint(schoolA, { year: YEAR, className: "九年级（2）班" }))).toEqual(["印二班甲", "印二班乙"]);
    await expectAudit("application.print.batch", schoolA, { type: "MiddleSchool", id: m.schoolA.id }, { className: "九年级（2）班", count: 2 });
  });

  test("another school's forms are not found for a middle school, and empty for another county", async () => {
    await expect(approvedFormsForPrint(schoolB, { year: YEAR, middleSchoolId: m.schoolA.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(names(await approvedFormsForPrint(schoolB, { year: YEAR }))).toEqual([]);
    expect(names(await approvedFormsForPrint(countyB, { year: YEAR, middleSchoolId: m.schoolA.id }))).toEqual([]);
  });

  test("a county or the prefecture chooses the school first", async () => {
    await expect(approvedFormsForPrint(countyA, { year: YEAR })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(names(await approvedFormsForPrint(countyA, { year: YEAR, middleSchoolId: m.schoolA.id }))).toHaveLength(3);
    expect(names(await approvedFormsForPrint(prefecture, { year: YEAR, middleSchoolId: m.schoolA.id }))).toHaveLength(3);
  });

  test("a vocational school prints only the forms of students sent off to it", async () => {
    expect(names(await approvedFormsForPrint(vocA, { year: YEAR, middleSchoolId: m.schoolA.id }))).toEqual(["印二班甲"]);
  });
});
