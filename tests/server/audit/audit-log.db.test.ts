// Issue 15 items 5 and 6: the 操作日志 a bureau can read — its scope per role, its filters (Beijing
// dates), the failed sign-ins with the username tried, the audited export — and the explicit reveal
// of an ID number (one audit row per click, none on page load).
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture, createUser } from "../../../prisma/factories";
import { uniq } from "../../../prisma/factories/ids";
import { createApplicationRow } from "../../../prisma/factories/applications";
import { listAudit } from "@/server/audit-read";
import { exportAuditLog } from "@/server/exports/audit-log";
import { verifyCredentials, MAX_FAILED_LOGINS } from "@/server/auth/sign-in";
import { revealIdNumber } from "@/server/applications/reveal";
import { getApplication } from "@/server/applications/read";
import { getStudent } from "@/server/student-status/read";
import { previewAnnex2Import } from "@/server/plan/import";
import { auditFilterSchema } from "@/lib/schemas/audit";
import type { Actor } from "@/server/auth/load-actor";

type Mini = Awaited<ReturnType<typeof createMiniPrefecture>>;
let p: Mini, q: Mini;
let zhou: Actor, countyA: Actor, countyB: Actor, schoolA: Actor, vocA: Actor, vocP: Actor;
const filter = (f: Record<string, string | number> = {}) => auditFilterSchema.parse(f);
const FULL_ID = /\d{17}[\dX]/;

beforeAll(async () => {
  p = await createMiniPrefecture(testDb());
  q = await createMiniPrefecture(testDb());
  const vocPUser = await createUser(testDb(), { role: "VOCATIONAL_SCHOOL", orgId: p.vocP.id });
  [zhou, countyA, countyB, schoolA, vocA, vocP] = await Promise.all(
    [p.users.prefecture, p.users.countyA, p.users.countyB, p.users.schoolA, p.users.vocA, vocPUser].map(actorFor),
  );
});

const row = (action: string, actor: Actor | null, extra: { entityType?: string; entityId?: string; at?: Date; summary?: object } = {}) =>
  testDb().auditLog.create({
    data: {
      action, actorId: actor?.userId ?? null, actorRole: actor?.role ?? null, orgLabel: actor?.orgName ?? null,
      entityType: extra.entityType ?? null, entityId: extra.entityId ?? null, summary: extra.summary ?? { name: action }, ...(extra.at ? { at: extra.at } : {}),
    },
  });
const ids = async (actor: Actor, f: Record<string, string>) => (await listAudit(actor, filter(f))).items.map((i) => i.id).sort();

describe("who sees which rows", () => {
  const action = `test.scope${uniq()}`;
  const made: Record<string, string> = {};
  beforeAll(async () => {
    const add = async (k: string, actor: Actor | null, extra = {}) => { made[k] = (await row(action, actor, extra)).id.toString(); };
    await add("countyA", countyA, { entityType: "MiddleSchool", entityId: p.schoolA.id });
    await add("schoolA", schoolA);
    await add("vocA", vocA); // 县市职中 of county A
    await add("countyB", countyB);
    await add("prefecture", zhou);
    await add("vocP", vocP); // a prefecture-level school: no county's
    await add("signInOfSchoolA", null, { entityType: "User", entityId: p.users.schoolA.id });
    await add("unknownUsername", null);
  });
  const expected = (...keys: string[]) => keys.map((k) => made[k]).sort();

  test("the prefecture sees every row, also the sign-in attempts with an unknown username", async () => {
    expect(await ids(zhou, { action })).toEqual(expected("countyA", "schoolA", "vocA", "countyB", "prefecture", "vocP", "signInOfSchoolA", "unknownUsername"));
  });

  test("a county sees its own bureau's rows, its schools' rows and its accounts' sign-in attempts; nothing of another county", async () => {
    expect(await ids(countyA, { action })).toEqual(expected("countyA", "schoolA", "vocA", "signInOfSchoolA"));
    expect(await ids(countyB, { action })).toEqual(expected("countyB"));
  });

  test("schools may not read the log (the permission table)", async () => {
    for (const a of [schoolA, vocA]) await expect(listAudit(a, filter({ action }))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("the organisation filter narrows within the scope; an organisation outside it is 'not found'", async () => {
    expect(await ids(countyA, { action, org: `middle:${p.schoolA.id}` })).toEqual(expected("schoolA", "signInOfSchoolA"));
    expect(await ids(zhou, { action, org: `voc:${p.vocP.id}` })).toEqual(expected("vocP"));
    expect(await ids(zhou, { action, org: `county:${p.countyA.id}` })).toEqual(expected("countyA"));
    await expect(listAudit(countyA, filter({ action, org: `middle:${p.schoolB.id}` }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listAudit(countyA, filter({ action, org: `voc:${p.vocP.id}` }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listAudit(zhou, filter({ action, org: `middle:${q.schoolA.id}` }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("the entity filter", async () => {
    expect(await ids(zhou, { action, entity: "User" })).toEqual(expected("signInOfSchoolA"));
    expect(await ids(zhou, { action, entity: "MiddleSchool" })).toEqual(expected("countyA"));
  });
});

describe("dates are Beijing dates", () => {
  test("a row at 01:30 Beijing time on 8 May (17:30 UTC on 7 May) belongs to 8 May", async () => {
    const action = `test.date${uniq()}`;
    const late = await row(action, countyA, { at: new Date("2020-05-07T17:30:00Z") }); // 2020-05-08 01:30 北京时间
    const evening = await row(action, countyA, { at: new Date("2020-05-07T15:00:00Z") }); // 2020-05-07 23:00 北京时间
    expect(await ids(countyA, { action, from: "2020-05-08", to: "2020-05-08" })).toEqual([late.id.toString()]);
    expect(await ids(countyA, { action, from: "2020-05-07", to: "2020-05-07" })).toEqual([evening.id.toString()]);
    expect(await ids(countyA, { action, to: "2020-05-08" })).toEqual([late.id.toString(), evening.id.toString()].sort());
  });

  test("pages of 50, newest first", async () => {
    const action = `test.page${uniq()}`;
    for (let i = 0; i < 53; i++) await row(action, countyA);
    const first = await listAudit(countyA, filter({ action }));
    const second = await listAudit(countyA, filter({ action, page: 2 }));
    expect([first.total, first.items.length, second.items.length, first.pageCount]).toEqual([53, 50, 3, 2]);
    expect(BigInt(first.items[0].id) > BigInt(first.items[49].id)).toBe(true);
  });
});

describe("sign-in attempts are logged with the username tried", () => {
  test("an unknown username is logged (no account) and answered exactly like a wrong password", async () => {
    const tried = `nobody-${uniq()}`;
    const u = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: p.schoolA.id, password: "right1234" });
    const unknown = await verifyCredentials(tried, "guess1234");
    const wrong = await verifyCredentials(u.username, "guess1234");
    expect(unknown).toEqual(wrong);
    const a = await testDb().auditLog.findFirstOrThrow({ where: { action: "auth.signInFailed", summary: { path: ["username"], equals: tried } } });
    expect(a).toMatchObject({ actorId: null, entityType: null, entityId: null, summary: { username: tried } });
    const b = await testDb().auditLog.findFirstOrThrow({ where: { action: "auth.signInFailed", entityId: u.id } });
    expect(b).toMatchObject({ actorId: null, entityType: "User", summary: { username: u.username } });
    expect(JSON.stringify([a.summary, b.summary])).not.toContain("guess1234");
    // the county of the account sees its failed sign-in; another county does not; nobody's county sees the unknown one
    const seen = (await listAudit(countyA, filter({ action: "auth.signInFailed" }))).items;
    expect(seen.map((i) => i.id)).toContain(b.id.toString());
    expect(seen.map((i) => i.id)).not.toContain(a.id.toString());
    expect((await listAudit(countyB, filter({ action: "auth.signInFailed" }))).items.map((i) => i.id)).not.toContain(b.id.toString());
    expect((await listAudit(zhou, filter({ action: "auth.signInFailed" }))).items.find((i) => i.id === a.id.toString())?.text).toBe(`有人以用户名“${tried}”登录失败（用户名或密码错误）`);
  });

  test("the lockout and the attempts while locked are logged; a successful sign-in has the account as its actor", async () => {
    const u = await createUser(testDb(), { role: "MIDDLE_SCHOOL", orgId: p.schoolA.id, password: "right1234" });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await verifyCredentials(u.username, "bad");
    await verifyCredentials(u.username, "right1234");
    const rows = await testDb().auditLog.findMany({ where: { entityId: u.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual([...Array(MAX_FAILED_LOGINS).fill("auth.signInFailed"), "auth.lock", "auth.signInFailed"]);
    expect(rows.at(-1)!.summary).toEqual({ username: u.username, locked: true });
    await verifyCredentials(u.username, "right1234", new Date(Date.now() + 16 * 60_000));
    const ok = await testDb().auditLog.findFirstOrThrow({ where: { action: "auth.signIn", entityId: u.id } });
    expect(ok).toMatchObject({ actorId: u.id, actorRole: "MIDDLE_SCHOOL", orgLabel: schoolA.orgName });
  });
});

describe("refused imports", () => {
  test("a 附件2 file that cannot be read is refused and logged: who tried which file, and why", async () => {
    const fileName = `附件2-${uniq()}.xls`;
    await expect(previewAnnex2Import(zhou, { fileName, bytes: Buffer.from("not a workbook") })).rejects.toMatchObject({ code: "VALIDATION" });
    const a = await testDb().auditLog.findFirstOrThrow({ where: { action: "plan.importRefused", summary: { path: ["fileName"], equals: fileName } } });
    expect(a).toMatchObject({ actorId: zhou.userId, orgLabel: zhou.orgName, summary: { message: expect.stringContaining("不是 .xlsx 文件") } });
    const line = (await listAudit(zhou, filter({ action: "plan.importRefused" }))).items.find((i) => i.id === a.id.toString())!;
    expect(line.text).toMatch(new RegExp(`^${zhou.orgName} 导入附件2 文件“${fileName}”被拒绝：`));
  });
});

describe("export of the filtered log", () => {
  test("writes the same sentences as the page, in the reader's scope, and is itself audited", async () => {
    const action = `test.export${uniq()}`;
    await row(action, countyA);
    await row(action, schoolA);
    await row(action, countyB);
    const { bytes, fileName } = await exportAuditLog(countyA, filter({ action }), new Date("2020-05-08T02:00:00Z"));
    expect(fileName).toMatch(/^操作日志_.*_2020-05-08\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("操作日志")!;
    const body = ws.getSheetValues().slice(4).map((r) => (r as unknown[]).slice(1).map(String));
    expect(body).toHaveLength(2);
    expect(body.map((r) => r[2]).sort()).toEqual([countyA.orgName, schoolA.orgName].sort());
    expect(body.map((r) => r[5]).join()).not.toMatch(/[{}"]/);
    const a = await testDb().auditLog.findFirstOrThrow({ where: { action: "audit.export", actorId: countyA.userId }, orderBy: { id: "desc" } });
    expect(a).toMatchObject({ orgLabel: countyA.orgName, summary: { rows: 2, filters: `操作 ${action}` } });
  });
});

describe("the full ID number only after a click (显示完整身份证号)", () => {
  let appId: string, enrolmentId: string, idNumber: string, studentName: string, approvedId: string;
  beforeAll(async () => {
    const a = await createApplicationRow(testDb(), { middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, status: "APPROVED" });
    await testDb().application.update({ where: { id: a.id }, data: { status: "SENT_OFF" } });
    const e = await testDb().enrolment.create({
      data: { applicationId: a.id, year: 2020, countyId: a.countyId, middleSchoolId: a.middleSchoolId, vocationalSchoolId: p.vocA.id, sentOffAt: new Date("2020-05-06T02:00:00Z"), sentOffById: p.users.schoolA.id },
    });
    [appId, enrolmentId, idNumber, studentName] = [a.id, e.id, a.idNumber, a.studentName];
    approvedId = (await createApplicationRow(testDb(), { middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, status: "APPROVED" })).id;
  });
  const reveals = () => testDb().auditLog.count({ where: { entityId: { in: [appId, enrolmentId] }, action: { in: ["idNumber.reveal", "student.reveal", "application.reveal"] } } });

  test("the student page and the application page load with the number masked and write no reveal", async () => {
    const student = await getStudent(vocA, enrolmentId);
    const application = await getApplication(schoolA, appId, "page");
    expect(student.application.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(JSON.stringify([student, application])).not.toContain(idNumber);
    expect(JSON.stringify([student, application])).not.toMatch(FULL_ID);
    expect(await reveals()).toBe(0);
  });

  test("each click returns the number and writes exactly one row: who revealed whose number, the number itself never logged", async () => {
    expect(await revealIdNumber(vocA, { applicationId: appId, page: "student" })).toEqual({ idNumber, birthDate: expect.any(String) });
    expect(await reveals()).toBe(1);
    await revealIdNumber(countyA, { applicationId: appId, page: "application" });
    expect(await reveals()).toBe(2);
    const rows = await testDb().auditLog.findMany({ where: { action: "idNumber.reveal", entityId: appId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.actorId, r.entityType, r.summary])).toEqual([
      [vocA.userId, "Application", { studentName, page: "学生页面" }],
      [countyA.userId, "Application", { studentName, page: "报名申请页面" }],
    ]);
    const log = await listAudit(countyA, filter({ action: "idNumber.reveal" }));
    const line = log.items.find((i) => i.id === rows[1].id.toString())!;
    expect(line.text).toBe(`${countyA.orgName} 查看了 ${studentName} 的完整身份证号码（报名申请页面）`);
    expect(JSON.stringify(log)).not.toMatch(FULL_ID);
  });

  test("out of scope is 'not found' and writes nothing: another school's student, or one not yet sent off to the school", async () => {
    const before = await testDb().auditLog.count({ where: { action: "idNumber.reveal" } });
    await expect(revealIdNumber(vocP, { applicationId: appId, page: "student" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revealIdNumber(vocA, { applicationId: approvedId, page: "application" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revealIdNumber(countyB, { applicationId: appId, page: "application" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await testDb().auditLog.count({ where: { action: "idNumber.reveal" } })).toBe(before);
  });
});
