// Every write of the application workflow that the entry window (报名录入期, 2020: 4月21日–5月14日) guards
// has an out-of-window test here: editing, recording signatures and changing the chosen school are
// refused one second after the window (00:00 Beijing on 5月15日) and before it, with nothing written,
// and accepted in its last second. Entry and import are tested in their own files.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { applicationInput, createApplications } from "../../../prisma/factories/applications";
import { createApplication, recordConsent, updateApplication } from "@/server/applications/write";
import { changeChosenSchool } from "@/server/applications/change-school";
import type { Actor } from "@/server/auth/load-actor";

const LAST_SECOND = new Date("2020-05-14T15:59:59Z"); // 23:59:59 Beijing, 5月14日
const AFTER = new Date("2020-05-14T16:00:00Z"); // 00:00 Beijing, 5月15日
const BEFORE = new Date("2020-04-20T15:59:59Z"); // 23:59:59 Beijing, 4月20日
const WINDOW_TEXT = "报名录入期为 2020年4月21日至2020年5月14日";
const PNG = { name: "c.png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) };

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let school: Actor;
beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb());
  school = await actorFor(p.users.schoolA);
});

/** The application row and its audit rows, to show that a refusal wrote nothing. */
async function snapshot(id: string) {
  return {
    row: await testDb().application.findUniqueOrThrow({ where: { id } }),
    audits: await testDb().auditLog.count({ where: { entityId: id } }),
    documents: await testDb().document.count({ where: { middleSchoolId: p.schoolA.id } }),
  };
}

async function expectOutOfWindow(call: (at: Date) => Promise<unknown>, id: string) {
  const before = await snapshot(id);
  for (const at of [BEFORE, AFTER]) {
    await expect(call(at)).rejects.toMatchObject({ code: "OUT_OF_WINDOW", message: expect.stringContaining(WINDOW_TEXT) });
  }
  expect(await snapshot(id)).toEqual(before);
}

describe("out of 报名录入期: refused, nothing written; in its last second: accepted", () => {
  test("editing an application (修改报名)", async () => {
    const raw = applicationInput(p.vocA.id);
    const a = await createApplication(school, raw, LAST_SECOND);
    const edit = (at: Date) => updateApplication(school, a.id, { ...raw, studentName: "张改名" }, at);
    await expectOutOfWindow(edit, a.id);
    await edit(LAST_SECOND);
    expect((await testDb().application.findUniqueOrThrow({ where: { id: a.id } })).studentName).toBe("张改名");
  });

  test("recording the signatures and the scan (登记签字)", async () => {
    const a = await createApplication(school, applicationInput(p.vocA.id), LAST_SECOND);
    const consent = (at: Date) => recordConsent(school, { id: a.id, studentSigned: true, guardianSigned: true, file: PNG }, at);
    await expectOutOfWindow(consent, a.id);
    await consent(LAST_SECOND);
    expect(await testDb().application.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ studentSigned: true, guardianSigned: true, status: "SIGNED" });
  });

  test("changing the chosen vocational school (更改报名学校)", async () => {
    const [id] = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    const change = (at: Date) => changeChosenSchool(school, { id, toVocationalSchoolId: p.vocP.id, file: PNG }, at);
    await expectOutOfWindow(change, id);
    await change(LAST_SECOND);
    expect((await testDb().application.findUniqueOrThrow({ where: { id } })).vocationalSchoolId).toBe(p.vocP.id);
  });
});
