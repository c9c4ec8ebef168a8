// Issue 10 §2: spreadsheet uploads are bounded before exceljs parses anything.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiniPrefecture } from "../../../prisma/factories";
import { createYearCalendar } from "../../../prisma/factories/calendar";
import type { Actor } from "@/server/auth/load-actor";
import { IMPORT_COLUMNS } from "@/lib/schemas/application-import";

const current: { actor: Actor | null } = { actor: null };
// In the 2020 entry window, so that the file reaches the parser on any code version.
vi.mock("@/server/clock", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/clock")>()),
  now: () => new Date("2020-05-08T02:00:00Z"),
}));
vi.mock("@/auth", () => ({ auth: async () => null, signIn: async () => {}, signOut: async () => {} }));
vi.mock("@/server/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/auth/actor")>()),
  getActor: async () => current.actor,
}));

const { POST } = await import("@/app/api/applications/import/route");
const { parseAnnex2Workbook } = await import("@/server/imports/annex2");
const { boundedFormData } = await import("@/server/route");

async function xlsx(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet("报名申请"));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function upload(bytes: Buffer, name = "报名.xlsx") {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], name));
  return new Request("http://zjb.test/api/applications/import", { method: "POST", body: form, headers: { origin: "http://zjb.test", host: "zjb.test" } });
}

beforeAll(async () => {
  const p = await createMiniPrefecture(testDb());
  current.actor = await actorFor(p.users.schoolA);
  await createYearCalendar(testDb(), { year: 2020, mayDayHolidayEnd: "2020-05-05", updatedById: p.users.prefecture.id });
});

describe("import bomb", () => {
  test("a one-cell file at A200000 is refused in under 1 s with memory growth under 50 MB", async () => {
    // The template's header row, then one cell at A200000: exceljs' rowCount is 200000.
    const bomb = await xlsx((ws) => {
      ws.getRow(1).values = IMPORT_COLUMNS.map((c) => c.header);
      ws.getCell("A200000").value = "x";
    });
    expect(bomb.length).toBeLessThan(20_000);
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const res = await POST(upload(bomb), undefined);
    const body = await res.text();
    const ms = performance.now() - t0;
    const grown = (process.memoryUsage().rss - rss0) / 1024 / 1024;
    const lines = body.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ type: "error" });
    expect(lines.at(-1).message).toContain("第 200000 行");
    expect(lines.at(-1).message).toContain("5005 行的上限");
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(50);
    // Issue 10 §11: a refused import is audited (who tried which file).
    const trail = await testDb().auditLog.findFirst({ where: { action: "application.importRefused", actorId: current.actor!.userId }, orderBy: { id: "desc" } });
    expect(trail?.summary).toMatchObject({ fileName: "报名.xlsx" });
  });

  test("the same file is refused by the 附件2 import, naming the limit", async () => {
    const bomb = await xlsx((ws) => { ws.getCell("B200000").value = 1; });
    const t0 = performance.now();
    const r = await parseAnnex2Workbook(bomb, { counties: [], schools: [] } as never);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r).toEqual({ fatal: expect.stringContaining("1000 行的上限") });
  });

  test("a zip entry that inflates past its limit is refused before parsing (declared size or real size)", async () => {
    const big = await xlsx((ws) => { for (let r = 1; r <= 2; r++) ws.getCell(`A${r}`).value = `${r}`.padEnd(13_000_000, "a"); });
    expect(big.length).toBeLessThan(2_000_000);
    const res = await POST(upload(big), undefined);
    const last = JSON.parse((await res.text()).trim().split("\n").at(-1)!);
    expect(last.message).toMatch(/解压后超过 (24|64) MB 的上限/);
  });

  test("a request body over the limit is refused with 413 before it is parsed, even without Content-Length", async () => {
    const huge = new Uint8Array(11 * 1024 * 1024);
    const res = await POST(upload(Buffer.from(huge)), undefined);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("10 MB 的上限");
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) { if (sent > 3 * 1024 * 1024) c.close(); else { sent += 65536; c.enqueue(new Uint8Array(65536)); } },
    });
    const chunked = new Request("http://zjb.test/x", { method: "POST", body: stream, duplex: "half", headers: { "content-type": "multipart/form-data; boundary=x" } } as RequestInit);
    await expect(boundedFormData(chunked, 1024 * 1024)).rejects.toMatchObject({ code: "TOO_LARGE" });
  });
});
