import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiniPrefecture } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createApplications } from "../../../prisma/factories/applications";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { approveImplementationPlans } from "../../../prisma/factories/filings";
import { changeChosenSchool } from "@/server/applications/change-school";
import { sendOff } from "@/server/send-off/send-off";

const IN_WINDOW = new Date("2020-05-08T02:00:00Z");
const PNG = { name: "choice.png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) };

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb());
});

describe("changing the chosen vocational school (needs the student's new signed choice)", () => {
  test("an approved application moves to the new school with the scan recorded", async () => {
    const [id] = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    const actor = await actorFor(p.users.schoolA);
    await expect(changeChosenSchool(actor, { id, toVocationalSchoolId: p.vocP.id }, IN_WINDOW)).rejects.toThrow(/须上传学生和监护人重新签字/);
    await expect(changeChosenSchool(actor, { id, toVocationalSchoolId: p.vocA.id, file: PNG }, IN_WINDOW)).rejects.toThrow(/请选择另一所学校/);
    const r = await changeChosenSchool(actor, { id, toVocationalSchoolId: p.vocP.id, file: PNG }, IN_WINDOW);
    expect(r.to).toBe(p.vocP.name);
    const app = await testDb().application.findUniqueOrThrow({ where: { id } });
    expect(app).toMatchObject({ vocationalSchoolId: p.vocP.id, status: "APPROVED" });
    const change = await testDb().schoolChoiceChange.findFirstOrThrow({ where: { applicationId: id } });
    expect(change).toMatchObject({ fromVocationalSchoolId: p.vocA.id, toVocationalSchoolId: p.vocP.id, recordedById: p.users.schoolA.id });
    expect((await testDb().document.findUniqueOrThrow({ where: { id: change.documentId! } })).kind).toBe("SCHOOL_CHOICE");
    expect(await testDb().auditLog.count({ where: { action: "application.changeSchool", entityId: id } })).toBe(1);
    await expectAudit("application.changeSchool", actor, { type: "Application", id }, { from: p.vocA.name, to: p.vocP.name, documentId: change.documentId });
  });

  test("another school's application is not found; the county cannot change it; a sent-off student cannot move", async () => {
    const [id] = await createApplications(testDb(), { count: 1, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id });
    await expect(changeChosenSchool(await actorFor(p.users.schoolB), { id, toVocationalSchoolId: p.vocP.id, file: PNG }, IN_WINDOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(changeChosenSchool(await actorFor(p.users.countyA), { id, toVocationalSchoolId: p.vocP.id, file: PNG }, IN_WINDOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await createIssuedPlan(testDb(), { year: 2020, createdById: p.users.prefecture.id, counties: [{ countyId: p.countyA.id, sendOffCap: 10 }], vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 10 }] });
    await allocate(testDb(), 2020, p.schoolA.id, 10);
    await approveImplementationPlans(testDb(), { year: 2020, countyIds: [p.countyA.id], byUserId: p.users.prefecture.id });
    await sendOff(await actorFor(p.users.schoolA), { applicationIds: [id] }, IN_WINDOW);
    await expect(changeChosenSchool(await actorFor(p.users.schoolA), { id, toVocationalSchoolId: p.vocP.id, file: PNG }, IN_WINDOW)).rejects.toThrow(/已送读/);
  });
});
