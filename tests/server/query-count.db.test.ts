// Query discipline (decision 091): each page kind issues the same number of SQL statements whatever the size
// of the year — a whole prefecture at 900 and at 9 000 applications (prisma/factories/full-year.ts) — and no
// more than the bound written below. A per-row query (N+1) makes the 9 000 count differ from the 900 one.
// Statements are counted where they leave for PostgreSQL: pg's Client#query, which the driver adapter calls for
// every statement (BEGIN/COMMIT included). The test loads the pages through the loaders the pages call
// (src/server/pages/*), with the actors of the fixture's accounts, on two databases of its own.
import { writeFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/server/db";
import { createDb, db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { loadActor } from "@/server/auth/load-actor";
import { loadHomePage } from "@/server/pages/home";
import { loadApplicationsPage } from "@/server/pages/applications";
import { loadApplicationPage } from "@/server/pages/application";
import { loadSendOffPage } from "@/server/pages/send-off";
import { loadRosterPage, ROSTER_PAGE_SIZE } from "@/server/pages/roster";
import { loadReceptionPage } from "@/server/pages/reception";
import { loadStudentPage } from "@/server/pages/student";
import { requestInbox } from "@/server/inbox";
import { annex4Sheets, liveRoster, officialCountyNames } from "@/server/roster/roster";
import { sendOff } from "@/server/send-off/send-off";
import { enrolmentScope, enrolmentScopeSql } from "@/server/send-off/scope";
import { sql } from "@/server/sql";
import { Prisma } from "@/generated/prisma/client";
import { applicationScope, applicationScopeSql } from "@/server/applications/scope";
import { listFilterOptions } from "@/server/applications/read";
import { countyReleasedKeysSql, countyReleasedRowsSql, countyUncheckedCountSql } from "@/server/roster/county-check";
import { frozenRowsAt } from "@/server/roster/frozen-rows";
import { annex3ExportRows } from "@/server/applications/export";
import { buildFullYear, type FullYearFixture } from "../../prisma/factories/full-year";
import { dropDatabase, migratedDatabase } from "../../scripts/lib/db.mjs";
import { retentionSchoolScope, retentionSchoolScopeSql } from "@/server/retention/read";

const SIZES = [900, 9000] as const;
type Size = (typeof SIZES)[number];

// Statements per page kind: measured (decision 091) plus a little room for a new feature's query. A query per
// organisation (150 middle schools, 12 vocational schools) does not grow with the applications: the bound catches it.
const BOUNDS: Record<string, number> = {
  "layout inbox PREFECTURE": 8,
  "layout inbox COUNTY": 22,
  "layout inbox MIDDLE_SCHOOL": 17,
  "layout inbox VOCATIONAL_SCHOOL": 24,
  "home PREFECTURE": 30, // 58 before retention was computed for all schools at once (decision 091)
  "home COUNTY": 44,
  "home MIDDLE_SCHOOL": 30,
  "home VOCATIONAL_SCHOOL": 48,
  "applications list COUNTY search+page 2": 16,
  "applications list PREFECTURE page 3": 16,
  "applications list MIDDLE_SCHOOL search": 14,
  "application page COUNTY (sent off)": 4, // 2 on the driver (decision 107); 10 through Prisma before
  "send-off page COUNTY": 27,
  "send-off page PREFECTURE": 20,
  "roster page PREFECTURE": 8,
  "roster page COUNTY": 8,
  "roster page VOCATIONAL_SCHOOL": 9,
  "reception page VOCATIONAL_SCHOOL": 24,
  "student page VOCATIONAL_SCHOOL": 26,
  "annex4 export PREFECTURE (all schools)": 5, // 14 before: one query per school
  "annex3 export COUNTY (one middle school)": 3, // the school (Prisma, 2) beside its applications (driver, 1; decision 108); 4 before
};

// ───── counting at the driver ─────
let counting = false;
let statements: string[] = [];
const clientQuery = pg.Client.prototype.query;
function countQueries() {
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (counting) {
      const q = args[0] as string | { text?: string };
      statements.push((typeof q === "string" ? q : q?.text ?? "").replace(/\s+/g, " ").slice(0, 160));
    }
    return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof clientQuery;
}

async function measure(fn: () => Promise<unknown>) {
  await fn(); // warm: first-use work (connections, caches) is not the page's
  statements = [];
  counting = true;
  try {
    await fn();
  } finally {
    counting = false;
  }
  return statements.slice();
}

// ───── two databases of the test's own ─────
const server = process.env.TEST_DATABASE_URL;
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const names = { template: `zjb_qc_tmpl_${suffix}`, 900: `zjb_qc_900_${suffix}`, 9000: `zjb_qc_9000_${suffix}` };
const appDb = globalThis as unknown as { __zjbDb?: Db };
const original = appDb.__zjbDb;
const clients: Partial<Record<Size, Db>> = {};
const fixtures: Partial<Record<Size, FullYearFixture>> = {};
const counts: Record<string, Partial<Record<Size, number>>> = {};
const samples: Record<string, Partial<Record<Size, string[]>>> = {};
const seconds: Partial<Record<Size, number>> = {};

function switchTo(size: Size) {
  appDb.__zjbDb = clients[size];
}

async function actorOf(username: string): Promise<Actor> {
  const u = await db().user.findUniqueOrThrow({ where: { username } });
  const actor = await loadActor(u.id, u.sessionVersion);
  if (!actor) throw new Error(`no actor for ${username}`);
  return actor;
}

async function measureAll(size: Size) {
  switchTo(size);
  const f = fixtures[size]!;
  const t = new Date(`${f.trainingDate}T10:00:00+08:00`);
  const actors = {
    PREFECTURE: await actorOf("zhou"),
    COUNTY: await actorOf("chuxiong"),
    MIDDLE_SCHOOL: await actorOf("chuxiong-cz1"),
    VOCATIONAL_SCHOOL: await actorOf("jishi"),
  };
  const sentOff = await db().application.findFirstOrThrow({ where: { countyId: actors.COUNTY.countyId!, status: "SENT_OFF" }, orderBy: { id: "asc" }, select: { id: true } });
  const kinds: Record<string, () => Promise<unknown>> = {};
  for (const role of ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"] as const) {
    kinds[`layout inbox ${role}`] = () => requestInbox(actors[role]);
    kinds[`home ${role}`] = () => loadHomePage(actors[role], {}, t);
  }
  kinds["applications list COUNTY search+page 2"] = () => loadApplicationsPage(actors.COUNTY, { q: "李", page: "2" }, t);
  kinds["applications list PREFECTURE page 3"] = () => loadApplicationsPage(actors.PREFECTURE, { page: "3" }, t);
  kinds["applications list MIDDLE_SCHOOL search"] = () => loadApplicationsPage(actors.MIDDLE_SCHOOL, { q: "王" }, t);
  kinds["application page COUNTY (sent off)"] = () => loadApplicationPage(actors.COUNTY, sentOff.id);
  kinds["send-off page COUNTY"] = () => loadSendOffPage(actors.COUNTY, {}, t);
  kinds["send-off page PREFECTURE"] = () => loadSendOffPage(actors.PREFECTURE, {}, t);
  kinds["roster page PREFECTURE"] = () => loadRosterPage(actors.PREFECTURE, {}, t);
  kinds["roster page COUNTY"] = () => loadRosterPage(actors.COUNTY, {}, t);
  kinds["roster page VOCATIONAL_SCHOOL"] = () => loadRosterPage(actors.VOCATIONAL_SCHOOL, {}, t);
  kinds["reception page VOCATIONAL_SCHOOL"] = () => loadReceptionPage(actors.VOCATIONAL_SCHOOL, {}, t);
  const student = await db().enrolment.findFirstOrThrow({ where: { vocationalSchoolId: actors.VOCATIONAL_SCHOOL.vocationalSchoolId!, status: "LEFT" }, orderBy: { id: "asc" }, select: { id: true } });
  kinds["student page VOCATIONAL_SCHOOL"] = () => loadStudentPage(actors.VOCATIONAL_SCHOOL, student.id);
  // What GET /api/exports/annex4 reads before it streams the workbook.
  kinds["annex4 export PREFECTURE (all schools)"] = () => Promise.all([annex4Sheets(actors.PREFECTURE, { year: f.year, source: "submitted" }), officialCountyNames(actors.PREFECTURE)]);
  // What GET /api/exports/annex3 reads before it writes the workbook.
  const middleSchool = await db().middleSchool.findFirstOrThrow({ where: { countyId: actors.COUNTY.countyId! }, orderBy: { id: "asc" }, select: { id: true } });
  kinds["annex3 export COUNTY (one middle school)"] = () => annex3ExportRows(actors.COUNTY, { year: f.year, middleSchoolId: middleSchool.id });
  for (const [kind, fn] of Object.entries(kinds)) {
    const list = await measure(fn);
    (counts[kind] ??= {})[size] = list.length;
    (samples[kind] ??= {})[size] = list;
  }
}

const suite = server ? describe : describe.skip;
if (!server) console.warn("[skipped] query-count: needs TEST_DATABASE_URL (two extra databases of 900 and 9 000 applications)");

suite("query discipline at a whole prefecture's scale", () => {
  beforeAll(async () => {
    countQueries();
    await migratedDatabase(server!, names.template); // a copy of the run's migrated template
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      for (const size of SIZES) await admin.query(`CREATE DATABASE "${names[size]}" TEMPLATE "${names.template}"`);
    } finally {
      await admin.end();
    }
    for (const size of SIZES) {
      const u = new URL(server!);
      u.pathname = `/${names[size]}`;
      clients[size] = createDb(u.toString(), 4);
      const t0 = performance.now();
      fixtures[size] = await buildFullYear(clients[size]!, { applications: size, seed: 7 });
      seconds[size] = Math.round((performance.now() - t0) / 100) / 10;
      await measureAll(size);
    }
    const table = Object.entries(counts).map(([k, v]) => `  ${k.padEnd(44)} ${String(v[900]).padStart(4)} ${String(v[9000]).padStart(5)}   ≤ ${BOUNDS[k]}`);
    // ZJB_QUERY_LOG=file.json writes every counted statement per page kind (to see what a page runs).
    if (process.env.ZJB_QUERY_LOG) writeFileSync(process.env.ZJB_QUERY_LOG, JSON.stringify(samples, null, 1));
    console.log(`[query-count] generated 900 in ${seconds[900]} s, 9000 in ${seconds[9000]} s\n  ${"page kind".padEnd(44)}  900  9000\n${table.join("\n")}`);
  }, 170_000);

  afterAll(async () => {
    pg.Client.prototype.query = clientQuery;
    appDb.__zjbDb = original;
    for (const size of SIZES) await clients[size]?.$disconnect();
    for (const name of [names[900], names[9000], names.template]) await dropDatabase(server!, name).catch(() => {});
  });

  test("the generator builds the year in every state at both sizes", () => {
    for (const size of SIZES) {
      const f = fixtures[size]!;
      expect(f.applications).toBe(size);
      expect(f.users.length).toBeGreaterThanOrEqual(190);
      expect(f.counts.enrolments).toBeGreaterThan(size * 0.6);
      expect(f.counts.rosterSubmissions).toBe(12);
      expect(Object.values(f.sendOffApplicationIds).every((ids) => ids.length > 0)).toBe(true);
    }
  });

  test("an approved application of the fixture can be sent off on the training date", async () => {
    switchTo(900);
    const f = fixtures[900]!;
    const county = f.users.find((u) => u.role === "COUNTY" && u.countyId === f.countyIds[0])!;
    const actor = await actorOf(county.username);
    const ids = f.sendOffApplicationIds[county.countyId!].slice(0, 3);
    const result = await sendOff(actor, { applicationIds: ids }, new Date(`${f.trainingDate}T10:00:00+08:00`));
    expect(result).toBeTruthy();
    expect(await db().enrolment.count({ where: { applicationId: { in: ids } } })).toBe(3);
  });

  test.each(Object.keys(BOUNDS))("%s: same statements at 900 and 9 000, within its bound", (kind) => {
    const c = counts[kind];
    expect(c, `${kind} was not measured`).toBeDefined();
    expect(c[9000], `${kind}: ${c[900]} statements at 900 but ${c[9000]} at 9 000:\n${samples[kind][9000]!.join("\n")}`).toBe(c[900]);
    expect(c[9000]!, `${kind}: ${c[9000]} statements:\n${samples[kind][9000]!.join("\n")}`).toBeLessThanOrEqual(BOUNDS[kind]);
  });

  // The roster pages on a whole prefecture's lists (decision 100): a page of 50, search, the county's filters.
  type RosterView = NonNullable<Awaited<ReturnType<typeof loadRosterPage>>["view"]>;
  /** The roster page of `username` at 9 000 applications on the training day, narrowed to `role`'s view. */
  async function rosterViewAt9000<R extends RosterView["role"]>(username: string, role: R) {
    switchTo(9000);
    const t = new Date(`${fixtures[9000]!.trainingDate}T10:00:00+08:00`);
    const actor = await actorOf(username);
    return async (sp: Record<string, string>) => {
      const v = (await loadRosterPage(actor, sp, t)).view;
      if (v?.role !== role) throw new Error(`not the ${role} view`);
      return v as Extract<RosterView, { role: R }>;
    };
  }
  test("roster page of a vocational school: 50 rows a page, numbered in the whole list, searchable by full ID", async () => {
    const view = await rosterViewAt9000("jishi", "VOCATIONAL_SCHOOL");
    const first = await view({});
    expect(first.total).toBeGreaterThan(ROSTER_PAGE_SIZE);
    expect(first.page.items).toHaveLength(ROSTER_PAGE_SIZE);
    expect(first.page.items.map((r) => r.n)).toEqual(Array.from({ length: ROSTER_PAGE_SIZE }, (_, i) => i + 1));
    const second = await view({ page: "2" });
    expect(second.page.items[0].n).toBe(ROSTER_PAGE_SIZE + 1);
    const last = await view({ page: "999" });
    expect(last.page.page).toBe(Math.ceil(first.total / ROSTER_PAGE_SIZE));
    expect(last.page.items.at(-1)!.n).toBe(first.total);
    const target = second.page.items[3];
    const found = await view({ q: target.idNumber });
    expect(found.page.items.map((r) => r.enrolmentId)).toEqual([target.enrolmentId]);
    expect(found.page.items[0].n).toBe(target.n);
    expect((await view({ q: "查无此人" })).page.total).toBe(0);
    // The page is read in two steps (keys of the whole list, then the page's rows: decision 102): page after page,
    // the same rows in the same order as the whole list the export and the submission read.
    const shown: unknown[] = [];
    for (let p = 1; p <= first.page.pageCount; p++) shown.push(...(await view({ page: String(p) })).page.items.map(({ n, ...r }, i) => (expect(n).toBe(shown.length + i + 1), r)));
    const schoolId = (await actorOf("jishi")).vocationalSchoolId!;
    expect(shown).toEqual(await liveRoster(sql, schoolId, fixtures[9000]!.year));
    // Searched by 学号 and by 所在班级 too (columns read only when a search is typed).
    const withNo = (shown as { vocationalStudentNo: string; vocationalClass: string; enrolmentId: string }[]).find((r) => r.vocationalStudentNo)!;
    expect((await view({ q: withNo.vocationalStudentNo })).page.items.map((r) => r.enrolmentId)).toContain(withNo.enrolmentId);
    const byClass = await view({ q: withNo.vocationalClass });
    expect(byClass.page.total).toBe((shown as { vocationalClass: string; middleSchoolName: string; studentName: string; idNumber: string; vocationalStudentNo: string }[]).filter((r) => [r.vocationalClass, r.middleSchoolName, r.studentName, r.idNumber, r.vocationalStudentNo].some((v) => v.toUpperCase().includes(withNo.vocationalClass.toUpperCase()))).length);
  });

  test("roster page of a county: one school at a time, filtered by its check, counts from all rows", async () => {
    const countyView = await rosterViewAt9000("chuxiong", "COUNTY");
    const view = async (sp: Record<string, string>) => {
      const v = await countyView(sp);
      if (!v.part) throw new Error("the county's view shows no school");
      return v as typeof v & { part: NonNullable<typeof v.part> };
    };
    const all = await view({});
    expect(all.summary.length).toBeGreaterThan(1);
    const big = all.summary.reduce((a, b) => (b.total > a.total ? b : a));
    const part = (await view({ part: big.submissionId })).part!;
    expect(part.submissionId).toBe(big.submissionId);
    expect(part.page.total).toBe(big.total);
    expect(part.page.items.length).toBe(Math.min(ROSTER_PAGE_SIZE, big.total));
    const unchecked = (await view({ part: big.submissionId, check: "UNCHECKED" })).part!.page;
    expect(unchecked.total).toBe(big.unchecked);
    expect(unchecked.items.every((r) => r.check === null)).toBe(true);
    const objected = (await view({ part: big.submissionId, check: "DISCREPANCY" })).part!.page;
    expect(objected.total).toBe(big.discrepancies);
    expect(objected.items.every((r) => r.check && r.check.status !== "CONFIRMED")).toBe(true);
    const confirmed = (await view({ part: big.submissionId, check: "CONFIRMED" })).part!.page;
    expect(confirmed.total + unchecked.total + objected.total).toBe(big.total);
    expect(confirmed.total).toBeGreaterThan(0);
    // Page after page, the school's rows of the county as the definition gives them (every frozen row expanded, with
    // its check), in the frozen order; a search finds what the definition's rows contain (decision 108).
    const countyId = (await actorOf("chuxiong")).countyId!;
    type Frozen = { studentName: string; idNumber: string; vocationalStudentNo: string; vocationalClass: string; middleSchoolName: string };
    const ref = (await sql.$queryRaw<{ row: Frozen; status: string | null; comment: string | null; answer: string | null }[]>(Prisma.sql`
      SELECT row, status, comment, answer FROM (${countyReleasedRowsSql(countyId, fixtures[9000]!.year)}) m WHERE "submissionId" = ${big.submissionId} ORDER BY ord`))
      .map((x) => ({ ...x.row, check: x.status ? { status: x.status, comment: x.comment, answer: x.answer } : null }));
    const pages: unknown[] = [];
    for (let p = 1; p <= part.page.pageCount; p++) pages.push(...(await view({ part: big.submissionId, page: String(p) })).part!.page.items);
    expect(pages).toEqual(ref);
    const word = ref[7].middleSchoolName.slice(1, 4);
    const searched = (await view({ part: big.submissionId, q: word })).part!.page;
    expect(searched.total).toBe(ref.filter((r) => [r.studentName, r.idNumber, r.vocationalStudentNo, r.vocationalClass, r.middleSchoolName].some((v) => v.toUpperCase().includes(word.toUpperCase()))).length);
    expect(searched.items[0]).toEqual(ref.find((r) => r.middleSchoolName.includes(word)));
    const byId = (await view({ part: big.submissionId, q: ref[9].idNumber })).part!.page.items;
    expect(byId).toEqual([ref[9]]);
    // An unknown part falls back to a school of the county's own, never another county's list.
    const other = await view({ part: "not-an-id" });
    expect(all.summary.map((s) => s.submissionId)).toContain(other.part!.submissionId);
  });

  /**
   * A scope's SQL form (statements on the driver) against its Prisma form, for every account of the whole prefecture
   * at 900: both must select the same rows. `also` runs further checks per account. Returns the roles of the accounts
   * whose scope is not empty, one entry per account.
   */
  async function compareScopeForms(
    viaPrisma: (actor: Actor) => PromiseLike<{ id: string }[]>,
    viaSql: (actor: Actor) => PromiseLike<{ id: string }[]>,
    also?: (actor: Actor, u: FullYearFixture["users"][number]) => Promise<void>,
  ): Promise<string[]> {
    switchTo(900);
    const nonEmpty: string[] = [];
    for (const u of fixtures[900]!.users) {
      const actor = await actorOf(u.username);
      const ids = async (rows: PromiseLike<{ id: string }[]>) => (await rows).map((r) => r.id).sort();
      const prismaIds = await ids(viaPrisma(actor));
      expect(await ids(viaSql(actor)), `${u.username} (${u.role})`).toEqual(prismaIds);
      if (prismaIds.length) nonEmpty.push(u.role);
      await also?.(actor, u);
    }
    return nonEmpty;
  }

  test("enrolmentScopeSql (the driver's statements) selects exactly what enrolmentScope selects, for every account", async () => {
    const nonEmpty = await compareScopeForms(
      (actor) => db().enrolment.findMany({ where: enrolmentScope(actor), select: { id: true } }),
      (actor) => sql.$queryRaw<{ id: string }[]>`SELECT e.id FROM "Enrolment" e WHERE ${enrolmentScopeSql(actor)}`,
    );
    expect(nonEmpty.length).toBeGreaterThan(100); // accounts of every role, most of them with students
  });

  test("frozenRowsAt takes exactly the frozen rows at the places asked for, with their places, and nothing for none", async () => {
    switchTo(9000);
    const [s] = await sql.$queryRaw<{ id: string; n: number }[]>`SELECT id, jsonb_array_length(rows)::int AS n FROM "RosterSubmission" ORDER BY "rowCount" DESC LIMIT 1`;
    expect(s.n).toBeGreaterThan(1000);
    const ords = [1, 2, 17, 18, 500, s.n - 1, s.n];
    const picked = await sql.$queryRaw<{ ord: number; row: unknown }[]>(Prisma.sql`
      SELECT f.ord, f.row FROM "RosterSubmission" s, LATERAL (${frozenRowsAt(Prisma.sql`s.rows`, Prisma.sql`${ords}::int[]`)}) f WHERE s.id = ${s.id}`);
    const ref = await sql.$queryRaw<{ ord: number; row: unknown }[]>`
      SELECT x.ord::int AS ord, x.row FROM "RosterSubmission" s, jsonb_array_elements(s.rows) WITH ORDINALITY AS x(row, ord) WHERE s.id = ${s.id} AND x.ord = ANY(${ords}::int[]) ORDER BY x.ord`;
    expect(picked).toEqual(ref);
    expect(picked.map((r) => r.ord)).toEqual(ords);
    for (const none of [Prisma.sql`ARRAY[]::int[]`, Prisma.sql`NULL::int[]`]) {
      expect(await sql.$queryRaw(Prisma.sql`SELECT f.* FROM "RosterSubmission" s, LATERAL (${frozenRowsAt(Prisma.sql`s.rows`, none)}) f WHERE s.id = ${s.id}`)).toEqual([]);
    }
  });

  test("a county's released rows read from the frozen rows' keys (the roster page, the inbox) are the rows themselves, with their checks, for every county", async () => {
    // Compared on the fixture as built (every student of 900 checked), then with some checks taken back (rolled back after).
    type Key = { submissionId: string; ord: string; enrolmentId: string; status: string | null; comment: string | null; answer: string | null };
    const compare = async (tx: Pick<typeof sql, "$queryRaw">, f: FullYearFixture) => {
      let unchecked = 0, rows = 0;
      for (const countyId of f.countyIds) {
        const keys = await tx.$queryRaw<Key[]>(Prisma.sql`SELECT * FROM (${countyReleasedKeysSql(countyId, f.year)}) m ORDER BY "submissionId", ord`);
        const ref = await tx.$queryRaw<Key[]>(Prisma.sql`
          SELECT "submissionId", ord, row->>'enrolmentId' AS "enrolmentId", status, comment, answer FROM (${countyReleasedRowsSql(countyId, f.year)}) m ORDER BY "submissionId", ord`);
        expect(keys, countyId).toEqual(ref);
        const [{ n }] = await tx.$queryRaw<{ n: number }[]>(countyUncheckedCountSql(countyId, f.year));
        expect(n, countyId).toBe(ref.filter((r) => r.status === null).length);
        unchecked += n; rows += ref.length;
      }
      return { unchecked, rows };
    };
    for (const size of SIZES) {
      switchTo(size);
      const f = fixtures[size]!;
      expect((await compare(sql, f)).rows).toBeGreaterThan(0);
      const rollback = new Error("rollback");
      await expect(db().$transaction(async (tx) => {
        await tx.$executeRaw`DELETE FROM "RosterCheck" WHERE ctid IN (SELECT ctid FROM "RosterCheck" ORDER BY id LIMIT 500)`;
        await tx.$executeRaw`UPDATE "RosterCheck" SET status = 'DISCREPANCY', comment = '核对不符' WHERE ctid IN (SELECT ctid FROM "RosterCheck" ORDER BY id DESC LIMIT 20)`;
        const { unchecked, rows } = await compare(tx, f);
        expect(unchecked).toBeGreaterThanOrEqual(500);
        expect(rows).toBeGreaterThan(unchecked);
        throw rollback;
      })).rejects.toBe(rollback);
    }
  });

  test("applicationScopeSql selects exactly what applicationScope selects, and the list's filter options are the scope's, for every account", async () => {
    const year = fixtures[900]!.year;
    const nonEmpty = await compareScopeForms(
      (actor) => db().application.findMany({ where: applicationScope(actor), select: { id: true } }),
      (actor) => sql.$queryRaw<{ id: string }[]>`SELECT a.id FROM "Application" a WHERE ${applicationScopeSql(actor)}`,
      // The filter options (one driver statement) against the same questions asked through Prisma.
      async (actor, u) => {
        const where = { AND: [applicationScope(actor), { year }] };
        const options = await listFilterOptions(actor, year);
        const classes = await db().application.groupBy({ by: ["className"], where, orderBy: { className: "asc" } });
        expect(options.classNames, u.username).toEqual(classes.map((c) => c.className));
        const schools = u.role === "MIDDLE_SCHOOL" ? [] : await db().middleSchool.findMany({
          where: { applications: { some: where } }, select: { id: true }, orderBy: [{ county: { sortOrder: "asc" } }, { name: "asc" }],
        });
        expect(options.middleSchools.map((m) => m.id), u.username).toEqual(schools.map((m) => m.id));
      },
    );
    expect([...new Set(nonEmpty)].sort()).toEqual(["COUNTY", "MIDDLE_SCHOOL", "PREFECTURE", "VOCATIONAL_SCHOOL"]);
  });

  test("retentionSchoolScopeSql selects exactly the schools retentionSchoolScope selects, for every account", async () => {
    const nonEmpty = await compareScopeForms(
      (actor) => db().vocationalSchool.findMany({ where: retentionSchoolScope(actor), select: { id: true } }),
      (actor) => sql.$queryRaw<{ id: string }[]>`SELECT v.id FROM "VocationalSchool" v WHERE ${retentionSchoolScopeSql(actor)}`,
    );
    expect([...new Set(nonEmpty)].sort()).toEqual(["COUNTY", "PREFECTURE", "VOCATIONAL_SCHOOL"]);
  });
});

