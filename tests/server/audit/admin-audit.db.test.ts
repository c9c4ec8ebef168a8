// Audit rows of accounts, organisations, the plan's life cycle, the 附件3 workflow and the documents:
// each action's row is read back with its actor, entity and summary. Plan year 2038.
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiniPrefecture } from "../../../prisma/factories";
import { createStandardCalendar } from "../../../prisma/factories/calendar";
import { applicationInput } from "../../../prisma/factories/applications";
import { changeOwnPassword, createUser, resetPassword, setUserActive, updateUser } from "@/server/users/users";
import { saveMiddleSchool, saveVocationalSchool, setMiddleSchoolActive, setVocationalSchoolActive, updateCounty } from "@/server/orgs/orgs";
import { discardDraft, issueVersion, saveDraft } from "@/server/plan/write";
import { exportAnnex2 } from "@/server/plan/export";
import { applicationTemplate } from "@/server/applications/template";
import { createApplication, recordConsent, reviewApplication, updateApplication, withdrawApplication } from "@/server/applications/write";
import { getApplication } from "@/server/applications/read";
import { maskIdNumber } from "@/lib/validators/id-number";
import type { Actor } from "@/server/auth/load-actor";

const NOW = new Date("2020-05-08T02:00:00Z"); // inside 报名录入期 2020
const PNG = { name: "签字.png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) };

let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let zhou: Actor, county: Actor, school: Actor;
beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  await createStandardCalendar(testDb());
  [zhou, county, school] = await Promise.all([p.users.prefecture, p.users.countyA, p.users.schoolA].map(actorFor));
});

describe("accounts", () => {
  test("opened, edited, deactivated, activated, reset by the county; the owner changes the password", async () => {
    const username = `audit-${Date.now().toString(36)}`;
    const u = await createUser(county, { username, displayName: "审计老师", phone: "", role: "MIDDLE_SCHOOL", orgId: p.schoolA.id, password: "start1234" });
    await expectAudit("user.create", county, { type: "User", id: u.id }, { username, role: "MIDDLE_SCHOOL", middleSchoolId: p.schoolA.id });
    await updateUser(county, { id: u.id, displayName: "审计老师二", phone: "13800001111" });
    await expectAudit("user.update", county, { type: "User", id: u.id }, { before: { displayName: "审计老师" }, after: { displayName: "审计老师二", phone: "13800001111" } });
    await setUserActive(county, { id: u.id, active: false });
    await expectAudit("user.deactivate", county, { type: "User", id: u.id }, { username });
    await setUserActive(county, { id: u.id, active: true });
    await expectAudit("user.activate", county, { type: "User", id: u.id }, { username });
    await resetPassword(county, { id: u.id, password: "reset1234" });
    await expectAudit("user.resetPassword", county, { type: "User", id: u.id }, { username });
    const me = await actorFor(u);
    await changeOwnPassword(me, { current: "reset1234", password: "mine12345" });
    const row = await expectAudit("user.changeOwnPassword", me, { type: "User", id: u.id }, {});
    expect(JSON.stringify(row.summary ?? {})).not.toMatch(/mine12345|reset1234/); // no password in the log
  });
});

describe("organisations", () => {
  test("a county renamed; a vocational school created, edited, deactivated, activated; a middle school edited, deactivated, activated", async () => {
    const countyName = p.countyA.name;
    await updateCounty(zhou, { id: p.countyA.id, name: `${countyName}改`, bureauName: `${countyName}改教育体育局` });
    await expectAudit("county.update", zhou, { type: "County", id: p.countyA.id }, { before: { name: countyName }, after: { name: `${countyName}改` } });
    await updateCounty(zhou, { id: p.countyA.id, name: countyName, bureauName: `${countyName}教育体育局` });

    const name = `审计职中${Date.now().toString(36)}`;
    const v = await saveVocationalSchool(zhou, { name, fullName: `${name}全称`, countyId: null });
    await expectAudit("vocationalSchool.create", zhou, { type: "VocationalSchool", id: v.id }, { name });
    await saveVocationalSchool(zhou, { id: v.id, name, fullName: `${name}新全称`, countyId: p.countyB.id });
    await expectAudit("vocationalSchool.update", zhou, { type: "VocationalSchool", id: v.id }, { before: { fullName: `${name}全称`, countyId: null }, after: { fullName: `${name}新全称`, countyId: p.countyB.id } });
    await setVocationalSchoolActive(zhou, { id: v.id, active: false });
    await expectAudit("vocationalSchool.deactivate", zhou, { type: "VocationalSchool", id: v.id }, { name });
    await setVocationalSchoolActive(zhou, { id: v.id, active: true });
    await expectAudit("vocationalSchool.activate", zhou, { type: "VocationalSchool", id: v.id }, { name });

    await saveMiddleSchool(county, { id: p.schoolA.id, countyId: p.countyA.id, name: `${p.schoolA.name}改`, prefectureOwned: false });
    await expectAudit("middleSchool.update", county, { type: "MiddleSchool", id: p.schoolA.id }, {});
    const row = await testDb().auditLog.findFirstOrThrow({ where: { action: "middleSchool.update", entityId: p.schoolA.id }, orderBy: { id: "desc" } });
    expect(JSON.stringify(row.summary)).toContain(`${p.schoolA.name}改`);
    await saveMiddleSchool(county, { id: p.schoolA.id, countyId: p.countyA.id, name: p.schoolA.name, prefectureOwned: false });
    await setMiddleSchoolActive(county, { id: p.schoolA.id, active: false });
    await expectAudit("middleSchool.deactivate", county, { type: "MiddleSchool", id: p.schoolA.id }, { name: p.schoolA.name });
    await setMiddleSchoolActive(county, { id: p.schoolA.id, active: true });
    await expectAudit("middleSchool.activate", county, { type: "MiddleSchool", id: p.schoolA.id }, { name: p.schoolA.name });
  });
});

describe("the plan's life cycle", () => {
  const YEAR = 2038;
  const counties = (sA: number) => [
    { countyId: p.countyA.id, cohortBase: 100, sendOffCap: sA, shanghaiTask: 0 },
    { countyId: p.countyB.id, cohortBase: 100, sendOffCap: 30, shanghaiTask: 0 },
  ];
  test("created, saved, issued, amended, discarded, exported", async () => {
    // Other tests may have added active schools to this prefecture: the plan must cover all of them.
    const vocs = await testDb().vocationalSchool.findMany({ where: { prefectureId: p.prefecture.id, active: true } });
    const r = (sA: number) => ({ counties: counties(sA), vocationalSchools: vocs.map((v) => ({ vocationalSchoolId: v.id, enrolCap: 50, shanghaiTask: 0 })) });
    const v1 = await saveDraft(zhou, { year: YEAR, ...r(20) }, NOW);
    await expectAudit("plan.create", zhou, { type: "PlanVersion", id: v1.versionId }, { year: YEAR, version: 1 });
    await saveDraft(zhou, { year: YEAR, versionId: v1.versionId, ...r(25) }, NOW);
    await expectAudit("plan.saveDraft", zhou, { type: "PlanVersion", id: v1.versionId }, { year: YEAR, version: 1 });
    await issueVersion(zhou, { versionId: v1.versionId }, NOW);
    await expectAudit("plan.issue", zhou, { type: "PlanVersion", id: v1.versionId }, { year: YEAR, version: 1, supersedes: null });
    const v2 = await saveDraft(zhou, { year: YEAR, amendReason: "审计调整", ...r(26) }, NOW);
    await expectAudit("plan.amend", zhou, { type: "PlanVersion", id: v2.versionId }, { year: YEAR, version: 2, reason: "审计调整" });
    await discardDraft(zhou, { versionId: v2.versionId }, NOW);
    await expectAudit("plan.discard", zhou, { type: "PlanVersion", id: v2.versionId }, { year: YEAR, version: 2 });
    await exportAnnex2(county, { year: YEAR });
    await expectAudit("export.annex2", county, { type: "PlanVersion", id: v1.versionId }, { year: YEAR, version: 1, state: "ISSUED" });
  });
});

describe("the 附件3 workflow and its documents", () => {
  test("template, entry, edit, signatures with the scan, review, print, reveal, withdrawal", async () => {
    await applicationTemplate(school);
    const t = await testDb().auditLog.findFirstOrThrow({ where: { action: "export.applicationTemplate", actorId: school.userId }, orderBy: { id: "desc" } });
    expect(t).toMatchObject({ actorRole: "MIDDLE_SCHOOL", orgLabel: school.orgName });
    expect(JSON.stringify(t.summary)).toContain(p.schoolA.name);

    const raw = applicationInput(p.vocA.id);
    const masked = maskIdNumber(raw.idNumber);
    const a = await createApplication(school, raw, NOW);
    await expectAudit("application.create", school, { type: "Application", id: a.id }, { studentName: raw.studentName, idNumber: masked, year: 2020, vocationalSchool: p.vocA.name });
    await updateApplication(school, a.id, { ...raw, studentName: "审计改名" }, NOW);
    await expectAudit("application.update", school, { type: "Application", id: a.id }, { changed: ["studentName"] });
    await recordConsent(school, { id: a.id, studentSigned: true, guardianSigned: true, file: PNG }, NOW);
    const consent = await expectAudit("application.consent", school, { type: "Application", id: a.id }, { studentSigned: true, guardianSigned: true, newDocument: true, status: "SIGNED" });
    const documentId = (consent.summary as { documentId: string }).documentId;
    await expectAudit("document.upload", school, { type: "Document", id: documentId }, { kind: "CONSENT_SCAN", mimeType: "image/png", size: PNG.bytes.length });
    await reviewApplication(school, { id: a.id, decision: "APPROVE", reviewDate: "2020-05-08" }, NOW);
    await expectAudit("application.review", school, { type: "Application", id: a.id }, { decision: "同意", reviewDate: "2020-05-08" });
    await getApplication(school, a.id, "print");
    await expectAudit("application.print", school, { type: "Application", id: a.id }, { purpose: "print", idNumber: masked });
    await getApplication(county, a.id, "page");
    await expectAudit("application.reveal", county, { type: "Application", id: a.id }, { purpose: "page", idNumber: masked });
    await withdrawApplication(school, { id: a.id, reason: "家长决定不再送读" }, NOW);
    await expectAudit("application.withdraw", school, { type: "Application", id: a.id }, { previousStatus: "APPROVED", reason: "家长决定不再送读" });
  });
});
