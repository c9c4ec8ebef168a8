// The demo seed loads the programme year of the seed-time clock at the phase that date falls in
// (prisma/seed-current-year.ts, docs/decisions/037-current-year-demo.md). The clock is fixed through
// ZJB_TRAINING_DATE, as the server's is, so the test never depends on today's date.
import path from "node:path";
import pg from "pg";
import { afterAll, describe, test } from "vitest";
import { migrate, migratedDatabase, run, startPglite } from "../../scripts/lib/db.mjs";
import { idCheckDigit } from "../../src/lib/validators/id-number";

const root = path.resolve(import.meta.dirname, "../..");
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => { for (const c of cleanups) await c(); });

let databases = 0;
async function freshDatabase(): Promise<string> {
  const server = process.env.TEST_DATABASE_URL;
  let url: string;
  if (server) {
    const name = `zjb_seedyear_${process.pid}_${Date.now().toString(36)}_${++databases}`; // unique: the tests run at once
    const made = await migratedDatabase(server, name); // a copy of the run's migrated template
    url = made.url;
    cleanups.push(made.drop);
  } else {
    const pglite = await startPglite(null);
    url = pglite.url;
    cleanups.push(() => pglite.close());
    await migrate(url);
  }
  return url;
}

const seed = (url: string, date: string) =>
  run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "prisma/seed.ts")], {
    env: { ...process.env, DATABASE_URL: url, ZJB_DEMO: "1", ZJB_TRAINING_DATE: date } as NodeJS.ProcessEnv,
    quiet: true,
  });

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}
const count = async (url: string, sql: string, params: unknown[] = []) => Number((await query<{ n: string }>(url, sql, params))[0].n);

// Each test seeds a database of its own in a child process: on PostgreSQL the three run side by side
// (decision 097); on the embedded PGlite one after another (three WASM databases in one worker are heavy).
const suite = process.env.TEST_DATABASE_URL ? describe.concurrent : describe;

suite("the demo's current programme year", () => {
  test("seeded on 2024-10-20 (after 巩固期): calendar from the published schedule, plan, every application state, send-off in all ten counties, 附件4 confirmed, registration, 附件6; a second start adds nothing", async ({ expect }) => {
    const url = await freshDatabase();
    const out = await seed(url, "2024-10-20");
    expect(out).toContain("2024年演示数据");

    const [cal] = await query<{ mayDayHolidayEnd: string; makeUpWorkingDays: string[] }>(url, `SELECT "mayDayHolidayEnd", "makeUpWorkingDays" FROM "YearCalendar" WHERE year = 2024`);
    // 国务院办公厅 2024: 劳动节 5月1日至5日放假调休，4月28日（星期日）、5月11日（星期六）上班.
    expect(cal).toEqual({ mayDayHolidayEnd: "2024-05-05", makeUpWorkingDays: ["2024-04-28", "2024-05-11"] });
    expect(await count(url, `SELECT count(*) n FROM "PlanVersion" v JOIN "QuotaPlan" p ON p.id = v."planId" WHERE p.year = 2024 AND v.status = 'ISSUED'`)).toBe(1);
    expect(await count(url, `SELECT count(*) n FROM "MiddleSchoolAllocation" m JOIN "QuotaPlan" p ON p.id = m."planId" WHERE p.year = 2024 AND m.allocation > 0`)).toBeGreaterThan(30);

    const states = await query<{ status: string; n: string }>(url, `SELECT status::text, count(*) n FROM "Application" WHERE year = 2024 GROUP BY 1`);
    expect(states.map((s) => s.status).sort()).toEqual(["APPROVED", "DRAFT", "REJECTED", "SENT_OFF", "SIGNED", "WITHDRAWN"]);
    const total = states.reduce((a, s) => a + Number(s.n), 0);
    expect(total).toBeGreaterThan(300);
    expect(await count(url, `SELECT count(*) n FROM "Application" WHERE year = 2024 AND reason <> '演示数据'`)).toBe(0);
    const ids = await query<{ idNumber: string }>(url, `SELECT "idNumber" FROM "Application" WHERE year = 2024`);
    expect(ids.every((r) => idCheckDigit(r.idNumber.slice(0, 17)) === r.idNumber[17])).toBe(true);
    expect(new Set(ids.map((r) => r.idNumber)).size).toBe(ids.length);

    expect(await count(url, `SELECT count(DISTINCT "countyId") n FROM "Enrolment" WHERE year = 2024`)).toBe(10);
    const arrived = await count(url, `SELECT count(*) n FROM "Enrolment" WHERE year = 2024 AND "arrivalStatus" = 'ARRIVED'`);
    expect(arrived).toBeGreaterThan(200);
    expect(await count(url, `SELECT count(*) n FROM "Enrolment" WHERE year = 2024 AND "arrivalStatus" = 'ARRIVED' AND ("classId" IS NULL OR "studentNo" IS NULL)`)).toBe(0);
    expect(await count(url, `SELECT count(*) n FROM "Enrolment" WHERE year = 2024 AND status = 'LEFT'`)).toBeGreaterThan(0);
    // 附件4: submitted, received and every row confirmed by its county (确认期 is over).
    const rosterRows = await count(url, `SELECT COALESCE(sum("rowCount"), 0) n FROM "RosterSubmission" WHERE year = 2024 AND "receivedAt" IS NOT NULL`);
    expect(rosterRows).toBeGreaterThan(200);
    expect(await count(url, `SELECT count(*) n FROM "RosterCheck" k JOIN "RosterSubmission" s ON s.id = k."submissionId" WHERE s.year = 2024 AND k.status = 'CONFIRMED'`)).toBe(rosterRows);
    // Autumn registration done for everyone still enrolled; 附件6 received.
    expect(await count(url, `SELECT count(*) n FROM "Enrolment" WHERE year = 2024 AND "arrivalStatus" = 'ARRIVED' AND status = 'ENROLLED'`)).toBe(0);
    expect(await count(url, `SELECT count(*) n FROM "Annex6Submission" WHERE year = 2024 AND "receivedAt" IS NOT NULL`)).toBeGreaterThan(0);

    const again = await seed(url, "2024-10-20");
    expect(again).toContain("跳过演示数据");
    expect(await count(url, `SELECT count(*) n FROM "Application" WHERE year = 2024`)).toBe(total);
  }, 240_000);

  test("seeded on 2025-05-26 (稳定期): send-off done and arrivals in classes, but no 附件4 (确认期 not reached) and no registration", async ({ expect }) => {
    const url = await freshDatabase();
    await seed(url, "2025-05-26");
    // 送读期 2025-05-06 … 2025-05-14 (holiday May 1–5): every send-off lies inside it.
    const sent = await count(url, `SELECT count(*) n FROM "Enrolment" WHERE year = 2025`);
    expect(sent).toBeGreaterThan(200);
    expect(await count(url, `SELECT count(*) n FROM "Enrolment" WHERE year = 2025 AND ("sentOffAt" < '2025-05-05T16:00:00Z' OR "sentOffAt" > '2025-05-14T16:00:00Z')`)).toBe(0);
    expect(await count(url, `SELECT count(*) n FROM "Enrolment" WHERE year = 2025 AND "arrivalStatus" = 'ARRIVED' AND "classId" IS NOT NULL`)).toBeGreaterThan(200);
    expect(await count(url, `SELECT count(*) n FROM "RosterSubmission" WHERE year = 2025`)).toBe(0);
    expect(await count(url, `SELECT count(*) n FROM "Enrolment" WHERE year = 2025 AND "registrationDecision" IS NOT NULL`)).toBe(0);
    // Leavers dated up to today only (稳定期 ones), none in 巩固期 yet.
    expect(await count(url, `SELECT count(*) n FROM "StatusEvent" s JOIN "Enrolment" e ON e.id = s."enrolmentId" WHERE e.year = 2025 AND s."occurredOn" > '2025-05-26'`)).toBe(0);
  }, 240_000);

  test("seeded on a date in the demo's own 2020 year: nothing more is added", async ({ expect }) => {
    const url = await freshDatabase();
    const out = await seed(url, "2020-05-08");
    expect(out).not.toContain("年演示数据（");
    expect(await count(url, `SELECT count(*) n FROM "Application" WHERE year NOT IN (2019, 2020)`)).toBe(0);
  }, 240_000);
});
