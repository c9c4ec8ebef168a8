// 附件3 汇总表 export through its route (issue 16, item 4): one school's applications, audited before the file leaves.
import { beforeAll, describe, expect, test, vi } from "vitest";
import ExcelJS from "exceljs";
import { actorFor, testDb } from "../../support/db";
import { expectAudit } from "../../support/audit";
import { createMiniPrefecture } from "../../../prisma/factories";
import { createApplicationRow, nextIdNumber } from "../../../prisma/factories/applications";
import type { Actor } from "@/server/auth/load-actor";

const current: { actor: Actor | null } = { actor: null };
vi.mock("@/auth", () => ({ auth: async () => null, signIn: async () => {}, signOut: async () => {}, handlers: {} }));
vi.mock("@/server/auth/actor", () => ({ getActor: async () => current.actor, requireActor: async () => current.actor }));

const { GET } = await import("@/app/api/exports/annex3/route");
const YEAR = 2062;
let m: Awaited<ReturnType<typeof createMiniPrefecture>>;
let schoolA: Actor, countyA: Actor, vocA: Actor;

const get = (actor: Actor, query: string) => {
  current.actor = actor;
  return GET(new Request(`http://zjb.test/api/exports/annex3?${query}`, { headers: { origin: "http://zjb.test", host: "zjb.test" } }), {});
};

beforeAll(async () => {
  m = await createMiniPrefecture(testDb());
  [schoolA, countyA, vocA] = await Promise.all([m.users.schoolA, m.users.countyA, m.users.vocA].map((u) => actorFor(u)));
  for (const [name, className, status] of [["导十班", "九年级（10）班", "APPROVED"], ["导二班", "九年级（2）班", "DRAFT"], ["导撤回", "九年级（2）班", "WITHDRAWN"]] as const) {
    await createApplicationRow(testDb(), {
      year: YEAR, middleSchoolId: m.schoolA.id, vocationalSchoolId: m.vocA.id, enteredById: m.users.schoolA.id, status,
      input: { studentName: name, className, idNumber: nextIdNumber(), studentPhone: "无", guardianPhone: "0878-3123456" },
    });
  }
});

describe("GET /api/exports/annex3", () => {
  test("a middle school exports its applications, every status, by class in natural order; audited", async () => {
    const res = await get(schoolA, `year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("附件3_报名申请_"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ws = wb.worksheets[0];
    const names = [5, 6, 7].map((r) => ws.getRow(r).getCell(6).value);
    expect(names).toEqual(["导撤回", "导二班", "导十班"]);
    expect(ws.getRow(8).getCell(6).value).toBeNull();
    expect(ws.getRow(5).getCell(8).value).toBe("无");
    expect(ws.getRow(5).getCell(17).value).toBe("0878-3123456");
    await expectAudit("export.annex3", schoolA, { type: "MiddleSchool", id: m.schoolA.id }, { year: YEAR, rowCount: 3 });
  });

  test("a county names the school; without one, or with a school out of scope, it is not found", async () => {
    expect((await get(countyA, `year=${YEAR}&school=${m.schoolA.id}`)).status).toBe(200);
    expect((await get(countyA, `year=${YEAR}`)).status).toBe(404);
    expect((await get(countyA, `year=${YEAR}&school=${m.schoolB.id}`)).status).toBe(404);
    expect((await get(schoolA, `year=${YEAR}&school=${m.schoolB.id}`)).status).toBe(404);
  });

  test("a vocational school may not export 附件3 汇总表", async () => {
    expect((await get(vocA, `year=${YEAR}&school=${m.schoolA.id}`)).status).toBe(403);
  });
});
