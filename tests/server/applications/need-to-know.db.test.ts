// Issue 10 §3 (need to know for vocational schools) and §4 (no ID recovery by search).
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { createApplicationRow, nextIdNumber } from "../../../prisma/factories/applications";
import { getApplication, getApplicationPage, listApplications, statusCounts } from "@/server/applications/read";
import { revealIdNumber } from "@/server/applications/reveal";
import { listSendable } from "@/server/send-off/send-off";
import { applicationListQuerySchema } from "@/lib/schemas/application-workflow";
import type { Actor } from "@/server/auth/load-actor";

const NOW = new Date("2020-05-08T02:00:00Z");
const query = (o: Record<string, string> = {}) => applicationListQuerySchema.parse({ year: "2020", ...o });
let m: Awaited<ReturnType<typeof createMiniPrefecture>>;
let vocA: Actor, schoolA: Actor, countyA: Actor;
const rows: Record<string, { id: string; idNumber: string; studentNumber: string }> = {};

beforeAll(async () => {
  m = await createMiniPrefecture(testDb());
  vocA = await actorFor(m.users.vocA);
  schoolA = await actorFor(m.users.schoolA);
  countyA = await actorFor(m.users.countyA);
  for (const status of ["DRAFT", "SIGNED", "APPROVED", "REJECTED", "WITHDRAWN", "SENT_OFF"] as const) {
    const r = await createApplicationRow(testDb(), {
      middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id,
      status: status === "SENT_OFF" || status === "WITHDRAWN" ? "APPROVED" : status,
      input: { studentName: `知情${status}`, idNumber: nextIdNumber(), reason: "家庭困难，学习基础薄弱", shanghaiFlag: true },
    });
    if (status === "SENT_OFF" || status === "WITHDRAWN") await testDb().application.update({ where: { id: r.id }, data: { status } });
    rows[status] = r;
  }
});

describe("a vocational school before send-off sees only what it needs to plan classes", () => {
  test("only approved and sent-off applications that chose it; never drafts, unreviewed, rejected or withdrawn", async () => {
    const list = await listApplications(vocA, query(), NOW);
    const names = list.items.map((i) => i.studentName).sort();
    expect(names).toEqual(["知情APPROVED", "知情SENT_OFF"]);
    for (const s of ["DRAFT", "SIGNED", "REJECTED", "WITHDRAWN"]) {
      await expect(getApplication(vocA, rows[s].id, "page")).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const counts = await statusCounts(vocA, 2020);
    expect(Object.keys(counts).sort()).toEqual(["APPROVED", "SENT_OFF"]);
  });

  test("an approved application shows name, sex, middle school, class and major — no 学籍号, ID, guardian, 建档立卡 or reasons", async () => {
    const v = await getApplication(vocA, rows.APPROVED.id, "page");
    expect(v).toMatchObject({ limited: true, studentName: "知情APPROVED", idNumber: "", idNumberMasked: "", studentNumber: "", guardianName: "", reason: null, shanghaiFlag: false, contact: null });
    expect(v.className).toBeTruthy();
    expect(v.middleSchoolLabel).toBeTruthy();
    const json = JSON.stringify(v);
    expect(json).not.toContain(rows.APPROVED.idNumber.slice(-4));
    expect(json).not.toContain(rows.APPROVED.studentNumber);
    expect(json).not.toContain("家庭困难");
    expect((await getApplicationPage(vocA, rows.APPROVED.id)).history).toEqual([]);
    const listed = (await listApplications(vocA, query(), NOW)).items.find((i) => i.id === rows.APPROVED.id)!;
    expect(listed.idNumberMasked).not.toContain(rows.APPROVED.idNumber.slice(-4));
    expect(listed.shanghaiFlag).toBe(false);
  });

  test("a student sent off to it shows everything", async () => {
    const v = await getApplication(vocA, rows.SENT_OFF.id, "page");
    expect(v.limited).toBe(false);
    expect(v.idNumber).toBe(""); // masked on the page; the full number only on the 显示完整身份证号 click (decision 072)
    expect(v.idNumberMasked.slice(-4)).toBe(rows.SENT_OFF.idNumber.slice(-4));
    expect((await revealIdNumber(vocA, { applicationId: rows.SENT_OFF.id, page: "application" })).idNumber).toBe(rows.SENT_OFF.idNumber);
    expect(v.studentNumber).toBe(rows.SENT_OFF.studentNumber);
    expect(v.reason).toContain("家庭困难");
    expect(v.shanghaiFlag).toBe(true);
  });

  test("the middle school and its county still see every field", async () => {
    for (const actor of [schoolA, countyA]) {
      const v = await getApplication(actor, rows.APPROVED.id, "page");
      expect(v.limited).toBe(false);
      expect(v.studentNumber).toBe(rows.APPROVED.studentNumber);
    }
  });
});

describe("search by ID number recovers no hidden digits", () => {
  test("a partial ID (beyond the visible last 4) matches nothing; the full ID and the last 4 match", async () => {
    const id = rows.APPROVED.idNumber;
    for (const partial of [id.slice(0, 10), id.slice(6, 14), id.slice(-8), id.slice(0, 17)]) {
      expect((await listApplications(countyA, query({ q: partial }), NOW)).total, partial).toBe(0);
    }
    expect((await listApplications(countyA, query({ q: id }), NOW)).items.map((i) => i.id)).toEqual([rows.APPROVED.id]);
    expect((await listApplications(countyA, query({ q: id.slice(-4) }), NOW)).items.map((i) => i.id)).toContain(rows.APPROVED.id);
  });

  test("a full-ID match in a masked list shows the row masked", async () => {
    const id = rows.APPROVED.idNumber;
    const hit = await listApplications(countyA, query({ q: id }), NOW);
    expect(JSON.stringify(hit)).not.toContain(id);
    expect(hit.items[0].idNumberMasked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
  });

  test("the send-off list searches the same way", async () => {
    const id = rows.APPROVED.idNumber;
    expect((await listSendable(schoolA, 2020, { q: id.slice(0, 12), page: 1, middleSchoolId: "" })).total).toBe(0);
    expect((await listSendable(schoolA, 2020, { q: id, page: 1, middleSchoolId: "" })).items.map((i: { id: string }) => i.id)).toEqual([rows.APPROVED.id]);
  });
});
