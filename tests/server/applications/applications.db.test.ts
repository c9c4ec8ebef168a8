import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, dbKind, testDb, waitForLockWait, raceTest } from "../../support/db";
import { createMiddleSchool, createMiniPrefecture, createUser } from "../../../prisma/factories";
import { createYearCalendar } from "../../../prisma/factories/calendar";
import { applicationInput, createApplicationRow, fakeExe, nextIdNumber, tinyPdf, tinyPng } from "../../../prisma/factories/applications";
import { createApplication, recordConsent, reviewApplication, updateApplication, withdrawApplication } from "@/server/applications/write";
import { getApplication, listApplications } from "@/server/applications/read";
import { revealIdNumber } from "@/server/applications/reveal";
import { getDocumentForDownload } from "@/server/documents/documents";
import { applicationListQuerySchema } from "@/lib/schemas/application-workflow";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/auth/load-actor";

// 2020-05-08 10:00 China time: inside the 2020 送读期 (holiday end 2020-05-05), so inside the entry window.
const NOW = new Date("2020-05-08T02:00:00Z");
const AFTER_WINDOW = new Date("2020-06-30T02:00:00Z");

type Mini = Awaited<ReturnType<typeof createMiniPrefecture>>;
let m: Mini;
let schoolA: Actor, schoolB: Actor, countyA: Actor, countyB: Actor, vocA: Actor, prefecture: Actor, schoolA2: Actor;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const query = (over: Record<string, unknown> = {}) => applicationListQuerySchema.parse(over);

beforeAll(async () => {
  const db = testDb();
  m = await createMiniPrefecture(db);
  await createYearCalendar(db, { year: 2020, mayDayHolidayEnd: "2020-05-05", updatedById: m.users.prefecture.id });
  schoolA = await actorFor(m.users.schoolA);
  schoolB = await actorFor(m.users.schoolB);
  countyA = await actorFor(m.users.countyA);
  countyB = await actorFor(m.users.countyB);
  vocA = await actorFor(m.users.vocA);
  prefecture = await actorFor(m.users.prefecture);
  schoolA2 = await actorFor(await createUser(db, { role: "MIDDLE_SCHOOL", orgId: m.schoolA.id }));
});

describe("entry (录入报名)", () => {
  test("a valid application is stored as 草稿 with who entered it, audited", async () => {
    const raw = applicationInput(m.vocA.id);
    const a = await createApplication(schoolA, raw, NOW);
    const row = await testDb().application.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({
      status: "DRAFT", year: 2020, middleSchoolId: m.schoolA.id, countyId: m.countyA.id, enteredById: m.users.schoolA.id,
      idNumber: raw.idNumber, addressVillage: "东瓜村委会", guardianRelation: "FATHER_SON",
    });
    expect(row.birthDate).toBe(`${raw.idNumber.slice(6, 10)}-${raw.idNumber.slice(10, 12)}-${raw.idNumber.slice(12, 14)}`);
    const log = await testDb().auditLog.findFirstOrThrow({ where: { action: "application.create", entityId: a.id } });
    expect(log.actorId).toBe(m.users.schoolA.id);
    expect(JSON.stringify(log.summary)).not.toContain(raw.idNumber); // the audit log holds the masked number only
  });

  test("one wrong ID digit is refused on the server with the field named", async () => {
    const raw = applicationInput(m.vocA.id);
    const last = raw.idNumber[17];
    const wrong = raw.idNumber.slice(0, 17) + (last === "0" ? "1" : "0");
    const err = await rejection(createApplication(schoolA, { ...raw, idNumber: wrong }, NOW));
    expect(err.code).toBe("VALIDATION");
    expect(err.fieldErrors.idNumber).toContain("身份证号码");
    expect(err.fieldErrors.idNumber).toContain("校验位");
  });

  test("sex from the 17th digit must match, and 父女 needs a female student", async () => {
    const raw = applicationInput(m.vocA.id, { sex: "MALE" });
    const err = await rejection(createApplication(schoolA, { ...raw, sex: "FEMALE", guardianRelation: "其他" }, NOW));
    expect(err.fieldErrors.sex).toContain("第17位");
    const err2 = await rejection(createApplication(schoolA, { ...raw, guardianRelation: "父女" }, NOW));
    expect(err2.fieldErrors.guardianRelation).toContain("父女");
  });

  test("only a middle school may enter, and only inside the entry window", async () => {
    expect((await rejection(createApplication(countyA, applicationInput(m.vocA.id), NOW))).code).toBe("FORBIDDEN");
    const err = await rejection(createApplication(schoolA, applicationInput(m.vocA.id), AFTER_WINDOW));
    expect(err.code).toBe("OUT_OF_WINDOW");
    expect(err.message).toContain("报名录入期为 2020年4月21日至2020年5月14日");
  });

  test("an unknown vocational school is refused", async () => {
    const err = await rejection(createApplication(schoolA, applicationInput("no-such-school"), NOW));
    expect(err.fieldErrors.vocationalSchoolId).toBeTruthy();
  });
});

describe("one live application per ID number and year", () => {
  test("a second live application for the same ID this year is refused, naming the other school with the ID masked", async () => {
    const raw = applicationInput(m.vocA.id);
    await createApplication(schoolA, raw, NOW);
    const again = await rejection(createApplication(schoolA2, applicationInput(m.vocA.id, { idNumber: raw.idNumber }), NOW));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toContain("本校已录入");

    const other = await rejection(createApplication(schoolB, applicationInput(m.vocP.id, { idNumber: raw.idNumber }), NOW));
    expect(other.code).toBe("CONFLICT");
    expect(other.message).toContain(m.schoolA.name);
    expect(other.message).toContain(`${raw.idNumber.slice(0, 6)}********${raw.idNumber.slice(14)}`);
    expect(other.message).not.toContain(raw.idNumber);
    expect(await testDb().application.count({ where: { idNumber: raw.idNumber } })).toBe(1);
  });

  raceTest("the database index refuses it too, even when two schools race past the check", async () => {
    const raw = applicationInput(m.vocA.id);
    const results = await Promise.allSettled([
      createApplication(schoolA, raw, NOW),
      createApplication(schoolB, applicationInput(m.vocA.id, { idNumber: raw.idNumber }), NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).code).toBe("CONFLICT");
    expect(await testDb().application.count({ where: { idNumber: raw.idNumber } })).toBe(1);
  });

  raceTest("an entry that loses the race on the unique index gets the same message", async () => {
    const raw = applicationInput(m.vocP.id);
    let pending: Promise<unknown> | undefined;
    await testDb().$transaction(async (tx) => {
      await createApplicationRow(tx as unknown as Parameters<typeof createApplicationRow>[0], {
        middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, input: { idNumber: raw.idNumber },
      });
      pending = createApplication(schoolB, raw, NOW).then(() => null, (e: unknown) => e);
      // The competing insert has reached the unique index and waits for this transaction (no sleep).
      expect(await waitForLockWait('%INSERT INTO%"Application"%', pending)).toBe(true);
    });
    const err = (await pending) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toContain(m.schoolA.name);
    expect(err.fieldErrors.idNumber).toBe(err.message);
  });

  test("after withdrawal the student may apply again (another school), the withdrawn one is kept", async () => {
    const raw = applicationInput(m.vocA.id);
    const first = await createApplication(schoolA, raw, NOW);
    await withdrawApplication(schoolA, { id: first.id, reason: "学生及监护人自愿撤回" }, NOW);
    const second = await createApplication(schoolB, applicationInput(m.vocP.id, { idNumber: raw.idNumber }), NOW);
    const rows = await testDb().application.findMany({ where: { idNumber: raw.idNumber }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.id, r.status])).toEqual([[first.id, "WITHDRAWN"], [second.id, "DRAFT"]]);
  });
});

describe("consent, review and withdrawal", () => {
  test("review requires both signatures AND the scan", async () => {
    const a = await createApplication(schoolA, applicationInput(m.vocA.id), NOW);
    const review = () => reviewApplication(schoolA, { id: a.id, decision: "APPROVE", reviewDate: "2020-05-08" }, NOW);

    let err = await rejection(review());
    expect(err.code).toBe("INVALID_STATE");
    expect(err.message).toContain("学生本人签字");

    // both signatures, no scan yet → still 草稿
    let r = await recordConsent(schoolA, { id: a.id, studentSigned: true, guardianSigned: true }, NOW);
    expect(r.status).toBe("DRAFT");
    expect(r.missing).toEqual(["签字后申请表的扫描件或照片"]);
    err = await rejection(review());
    expect(err.message).toContain("扫描件");

    // scan + student only → still 草稿
    r = await recordConsent(schoolA, { id: a.id, studentSigned: true, guardianSigned: false, file: { name: "签字表.png", bytes: tinyPng() } }, NOW);
    expect(r.status).toBe("DRAFT");
    err = await rejection(review());
    expect(err.message).toContain("法定监护人签字");

    // all three → 已签字 → 同意
    r = await recordConsent(schoolA, { id: a.id, studentSigned: true, guardianSigned: true }, NOW);
    expect(r.status).toBe("SIGNED");
    expect(await review()).toEqual({ status: "APPROVED" });
    const row = await testDb().application.findUniqueOrThrow({ where: { id: a.id } });
    expect(row).toMatchObject({ status: "APPROVED", reviewDecision: true, reviewDate: "2020-05-08", reviewedById: m.users.schoolA.id });
    expect(row.consentDocumentId).toBeTruthy();
    // reviewed once: no second review
    expect((await rejection(review())).code).toBe("INVALID_STATE");
  });

  test("the database itself refuses 同意 without signatures and scan", async () => {
    const a = await createApplication(schoolA, applicationInput(m.vocA.id), NOW);
    await expect(
      testDb().application.update({ where: { id: a.id }, data: { status: "APPROVED", reviewDecision: true } }),
    ).rejects.toThrow();
    // Embedded PGlite's socket server drops its one connection after a constraint error: let the pool
    // notice (the next query fails once) before the following tests run. No effect on PostgreSQL.
    if (dbKind() === "pglite") await testDb().$queryRaw`select 1`.catch(() => {});
    expect((await testDb().application.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("DRAFT");
  });

  test("不同意 is recorded with its date; a seal date in the future is refused", async () => {
    const a = await createApplicationRow(testDb(), { middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status: "SIGNED" });
    const err = await rejection(reviewApplication(schoolA, { id: a.id, decision: "REJECT", reviewDate: "2020-05-09" }, NOW));
    expect(err.fieldErrors.reviewDate).toContain("不能晚于今天");
    await reviewApplication(schoolA, { id: a.id, decision: "REJECT", reviewDate: "2020-05-07", comment: "监护人未到场" }, NOW);
    expect(await testDb().application.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "REJECTED", reviewDecision: false, reviewDate: "2020-05-07" });
  });

  test("another school, the county and the vocational school cannot review", async () => {
    const a = await createApplicationRow(testDb(), { middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status: "SIGNED" });
    const input = { id: a.id, decision: "APPROVE" as const, reviewDate: "2020-05-08" };
    expect((await rejection(reviewApplication(schoolB, input, NOW))).code).toBe("NOT_FOUND");
    expect((await rejection(reviewApplication(countyA, input, NOW))).code).toBe("FORBIDDEN");
    expect((await rejection(reviewApplication(vocA, input, NOW))).code).toBe("FORBIDDEN");
  });

  test("editing a signed application sends it back to 草稿 (the paper must be signed again)", async () => {
    const a = await createApplication(schoolA, applicationInput(m.vocA.id), NOW);
    await recordConsent(schoolA, { id: a.id, studentSigned: true, guardianSigned: true, file: { name: "a.pdf", bytes: tinyPdf() } }, NOW);
    const row = await testDb().application.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.status).toBe("SIGNED");
    const view = await getApplication(schoolA, a.id, "edit");
    const r = await updateApplication(schoolA, a.id, {
      ...applicationInput(m.vocA.id, { idNumber: view.idNumber, studentNumber: view.studentNumber }),
      studentPhone: "13912345678",
    }, NOW);
    expect(r.consentReset).toBe(true);
    expect(await testDb().application.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: "DRAFT", studentSigned: false, guardianSigned: false, consentDocumentId: null, studentPhone: "13912345678",
    });
    // the old scan is not deleted
    expect(await testDb().document.count({ where: { id: row.consentDocumentId! } })).toBe(1);
  });

  test("withdrawal keeps everything; an approved one may be withdrawn, a sent-off one may not", async () => {
    const a = await createApplicationRow(testDb(), { middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status: "APPROVED" });
    await withdrawApplication(schoolA, { id: a.id, reason: "学生及监护人自愿撤回" }, NOW);
    const after = await testDb().application.findUniqueOrThrow({ where: { id: a.id } });
    expect(after).toMatchObject({
      status: "WITHDRAWN", withdrawReason: "学生及监护人自愿撤回", reviewDecision: true, studentName: a.studentName,
      idNumber: a.idNumber, consentDocumentId: a.consentDocumentId,
    });
    expect(after.withdrawnAt?.toISOString()).toBe(NOW.toISOString());
    expect(await testDb().auditLog.count({ where: { action: "application.withdraw", entityId: a.id } })).toBe(1);
    expect((await rejection(withdrawApplication(schoolA, { id: a.id, reason: "再次撤回" }, NOW))).code).toBe("INVALID_STATE");

    const sent = await createApplicationRow(testDb(), { middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status: "APPROVED" });
    await testDb().application.update({ where: { id: sent.id }, data: { status: "SENT_OFF" } });
    const err = await rejection(withdrawApplication(schoolA, { id: sent.id, reason: "自愿撤回" }, NOW));
    expect(err.message).toContain("已送读");
  });
});

describe("uploads", () => {
  test("an .exe renamed to .pdf is refused and nothing is stored", async () => {
    const a = await createApplication(schoolA, applicationInput(m.vocA.id), NOW);
    const before = await testDb().document.count();
    const err = await rejection(recordConsent(schoolA, { id: a.id, studentSigned: true, guardianSigned: true, file: { name: "签字表.pdf", bytes: fakeExe() } }, NOW));
    expect(err.code).toBe("VALIDATION");
    expect(err.message).toContain("签字表.pdf");
    expect(err.fieldErrors.file).toContain("PDF");
    expect(await testDb().document.count()).toBe(before);
    expect((await testDb().application.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("DRAFT");
  });

  test("a file over 10 MB is refused; JPG, PNG and PDF are accepted with type, size and sha256 from the bytes", async () => {
    const a = await createApplication(schoolA, applicationInput(m.vocA.id), NOW);
    const big = Buffer.concat([tinyPng(), Buffer.alloc(10 * 1024 * 1024)]);
    expect((await rejection(recordConsent(schoolA, { id: a.id, studentSigned: true, guardianSigned: true, file: { name: "big.png", bytes: big } }, NOW))).fieldErrors.file).toContain("10 MB");
    const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    // a JPEG named .png: the type comes from the bytes, not the name
    await recordConsent(schoolA, { id: a.id, studentSigned: true, guardianSigned: true, file: { name: "photo.png", bytes: jpg } }, NOW);
    const row = await testDb().application.findUniqueOrThrow({ where: { id: a.id }, include: { consentDocument: true } });
    expect(row.consentDocument).toMatchObject({ mimeType: "image/jpeg", size: jpg.length, kind: "CONSENT_SCAN", middleSchoolId: m.schoolA.id });
    expect(row.consentDocument!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("scoping", () => {
  let draftId: string, signedId: string, docId: string;
  beforeAll(async () => {
    const draft = await createApplicationRow(testDb(), { middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, input: { studentName: "草稿生" } });
    const signed = await createApplicationRow(testDb(), { middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status: "APPROVED", input: { studentName: "同意生" } });
    draftId = draft.id;
    signedId = signed.id;
    docId = signed.consentDocumentId!;
  });

  test("another school's scan is 'not found'; the own school, its county and the prefecture may open it, audited", async () => {
    for (const actor of [schoolB, countyB]) {
      const err = await rejection(getDocumentForDownload(actor, docId));
      expect(err.code).toBe("NOT_FOUND");
    }
    const downloads = () => testDb().auditLog.count({ where: { action: "document.download", entityId: docId } });
    const before = await downloads();
    for (const actor of [schoolA, countyA, prefecture]) {
      const doc = await getDocumentForDownload(actor, docId);
      expect(doc.mimeType).toBe("image/png");
      expect(Buffer.from(doc.bytes).subarray(1, 4).toString("ascii")).toBe("PNG");
    }
    expect(await downloads()).toBe(before + 3); // one row per download; the refused ones wrote none
  });

  test("the vocational school sees the scan only after the student is sent off to it", async () => {
    expect((await rejection(getDocumentForDownload(vocA, docId))).code).toBe("NOT_FOUND");
    const sent = await createApplicationRow(testDb(), { middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status: "APPROVED" });
    await testDb().application.update({ where: { id: sent.id }, data: { status: "SENT_OFF" } });
    expect((await getDocumentForDownload(vocA, sent.consentDocumentId!)).mimeType).toBe("image/png");
    const view = await getApplication(vocA, sent.id, "page");
    expect(view.contact?.studentPhone).toBeTruthy();
  });

  test("another school's application is not found; the county reads its own schools only", async () => {
    expect((await rejection(getApplication(schoolB, signedId, "page"))).code).toBe("NOT_FOUND");
    expect((await rejection(getApplication(countyB, signedId, "page"))).code).toBe("NOT_FOUND");
    expect((await getApplication(countyA, signedId, "page")).studentName).toBe("同意生");
    const listB = await listApplications(countyB, query({ q: "同意生" }), NOW);
    expect(listB.total).toBe(0);
    const listA = await listApplications(countyA, query({ q: "同意生" }), NOW);
    expect(listA.total).toBe(1);
  });

  test("the vocational school sees applications that chose it, without drafts, phones or addresses before send-off", async () => {
    const list = await listApplications(vocA, query(), NOW);
    const ids = list.items.map((i) => i.id);
    expect(ids).toContain(signedId);
    expect(ids).not.toContain(draftId);
    expect((await rejection(getApplication(vocA, draftId, "page"))).code).toBe("NOT_FOUND");
    const view = await getApplication(vocA, signedId, "page");
    expect(view.contact).toBeNull();
    expect(view.consentDocument).toBeNull();
    expect(JSON.stringify(view)).not.toContain("15912345678");
    expect((await rejection(getApplication(vocA, signedId, "print"))).code).toBe("NOT_FOUND");
  });

  test("lists and the page mask ID numbers; the full number only on the 显示完整身份证号 click, which records the reveal", async () => {
    const list = await listApplications(schoolA, query({ q: "同意生" }), NOW);
    expect(list.items).toHaveLength(1);
    expect(list.items[0].idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(JSON.stringify(list)).not.toMatch(/\d{18}|\d{17}X/);
    const reveals = () => testDb().auditLog.count({ where: { action: { in: ["application.reveal", "idNumber.reveal"] }, entityId: signedId } });
    const before = await reveals();
    const view = await getApplication(schoolA, signedId, "page");
    expect(view.idNumber).toBe("");
    expect(await reveals()).toBe(before);
    expect((await revealIdNumber(schoolA, { applicationId: signedId, page: "application" })).idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(await reveals()).toBe(before + 1);
    await getApplication(schoolA, signedId, "print");
    expect(await testDb().auditLog.count({ where: { action: "application.print", entityId: signedId } })).toBe(1);
  });

  test("search by name or by the full ID / its visible last 4, filters by status, class and chosen school, paginated on the server", async () => {
    const db = testDb();
    const ms = await createMiddleSchool(db, m.countyA.id);
    const user = await createUser(db, { role: "MIDDLE_SCHOOL", orgId: ms.id });
    const actor = await actorFor(user);
    const made = [];
    for (let i = 0; i < 25; i++) {
      made.push(await createApplicationRow(db, {
        middleSchoolId: ms.id, vocationalSchoolId: i % 5 === 0 ? m.vocP.id : m.vocA.id, enteredById: user.id,
        status: i % 2 === 0 ? "DRAFT" : "SIGNED", input: { className: i < 10 ? "九年级（1）班" : "九年级（2）班", idNumber: nextIdNumber() },
      }));
    }
    const all = await listApplications(actor, query(), NOW);
    expect(all.total).toBe(25);
    expect(all.items).toHaveLength(20);
    expect(all.pageCount).toBe(2);
    expect((await listApplications(actor, query({ page: "2" }), NOW)).items).toHaveLength(5);
    expect((await listApplications(actor, query({ status: "SIGNED" }), NOW)).total).toBe(12);
    expect((await listApplications(actor, query({ className: "九年级（1）班" }), NOW)).total).toBe(10);
    expect((await listApplications(actor, query({ vocationalSchoolId: m.vocP.id }), NOW)).total).toBe(5);
    const target = made[7];
    const byId = await listApplications(actor, query({ q: target.idNumber.slice(-4) }), NOW);
    expect(byId.items.map((i) => i.id)).toContain(target.id);
    expect((await listApplications(actor, query({ q: target.idNumber }), NOW)).items.map((i) => i.id)).toEqual([target.id]);

    // The page's own counts per state give the total when only the state is filtered (decision 102); any other
    // filter is counted. Counts that disagree with the rows show which path was taken.
    const year = all.year;
    const counts = Promise.resolve({ DRAFT: 100, SIGNED: 7 });
    const withCounts = (q: Record<string, string>) => listApplications(actor, { ...query(q), year }, NOW, counts);
    expect((await withCounts({})).total).toBe(107);
    expect((await withCounts({ status: "SIGNED" })).total).toBe(7);
    expect((await withCounts({ status: "APPROVED" })).total).toBe(0);
    expect((await withCounts({ q: target.idNumber })).total).toBe(1);
    expect((await withCounts({ q: "\u3000 " })).total).toBe(107); // only spaces: no search
    expect((await withCounts({ className: "九年级（1）班" })).total).toBe(10);
    expect((await withCounts({ vocationalSchoolId: m.vocP.id })).total).toBe(5);
    expect((await withCounts({ middleSchoolId: ms.id })).total).toBe(25);
    // The page passes its real counts: the same totals as counting.
    const { statusCounts } = await import("@/server/applications/read");
    for (const status of ["", "SIGNED", "DRAFT", "APPROVED"]) {
      const q = { ...query({ status }), year };
      expect((await listApplications(actor, q, NOW, statusCounts(actor, year))).total, status).toBe((await listApplications(actor, q, NOW)).total);
    }
  });
});
