// Issue 14 item 1: the optional document attached to a below-95 % explanation — stored with the explanation,
// opened by the assessor (the owning county; the prefecture), not by another county; a bad file stores nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture, createUser } from "../../../prisma/factories";
import { createApplicationRow, fakeExe, tinyPng } from "../../../prisma/factories/applications";
import { recordExplanation } from "@/server/retention/write";
import { retentionDetail } from "@/server/retention/read";
import { getDocumentForDownload } from "@/server/documents/documents";

const SEP_20 = new Date("2020-09-20T02:00:00Z");
let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
const TEXT = "两名学生外出务工，学校已多次家访劝返，证明材料见附件。";

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  const rows = [];
  for (const left of [false, true]) {
    const app = await createApplicationRow(testDb(), { middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, status: "APPROVED" });
    const e = await testDb().enrolment.create({
      data: {
        applicationId: app.id, year: 2020, countyId: p.countyA.id, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, sentOffAt: SEP_20, sentOffById: p.users.schoolA.id,
        arrivalStatus: "ARRIVED", arrivedOn: "2020-05-09", status: left ? "LEFT" : "GRADUATED", registrationDecision: left ? null : "REGISTERED",
      },
    });
    if (left) await testDb().statusEvent.create({ data: { enrolmentId: e.id, type: "LEFT_DROPOUT", occurredOn: "2020-06-20", recordedById: p.users.vocA.id } });
    rows.push({ enrolmentId: e.id, countyId: p.countyA.id, countyName: p.countyA.name, studentName: app.studentName });
  }
  await testDb().rosterSubmission.create({ data: { vocationalSchoolId: p.vocA.id, year: 2020, version: 1, rows, rowCount: rows.length, submittedById: p.users.vocA.id } });
});

describe("the explanation's optional document", () => {
  test("stored with the explanation; the assessing county and the prefecture open it, another county cannot", async () => {
    const school = await actorFor(p.users.vocA);
    const row = await recordExplanation(school, { year: 2020, text: TEXT, file: { name: "情况说明.png", bytes: new Uint8Array(tinyPng()) } }, SEP_20);
    expect(row.documentId).not.toBeNull();
    const doc = await testDb().document.findUniqueOrThrow({ where: { id: row.documentId! } });
    expect(doc).toMatchObject({ kind: "RETENTION_EXPLANATION", vocationalSchoolId: p.vocA.id, countyId: p.countyA.id, mimeType: "image/png" });
    const county = await actorFor(p.users.countyA);
    const detail = await retentionDetail(county, p.vocA.id, 2020);
    expect(detail?.explanations[0].document?.fileName).toBe("情况说明.png");
    await expect(getDocumentForDownload(county, doc.id)).resolves.toMatchObject({ fileName: "情况说明.png" });
    await expect(getDocumentForDownload(await actorFor(p.users.prefecture), doc.id)).resolves.toMatchObject({ id: doc.id });
    const other = await createUser(testDb(), { role: "COUNTY", orgId: p.countyB.id });
    await expect(getDocumentForDownload(await actorFor(other), doc.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("a file that is not a scan or photo is refused with a Chinese message and nothing is stored", async () => {
    const before = await testDb().retentionExplanation.count({ where: { vocationalSchoolId: p.vocA.id } });
    await expect(recordExplanation(await actorFor(p.users.vocA), { year: 2020, text: TEXT, file: { name: "说明.pdf", bytes: new Uint8Array(fakeExe()) } }, SEP_20)).rejects.toThrow(/不是/);
    expect(await testDb().retentionExplanation.count({ where: { vocationalSchoolId: p.vocA.id } })).toBe(before);
  });
});
