// The inbox's and the dashboards' reads on the driver (decision 106) answer what their Prisma forms answered, for
// every account of a whole prefecture (prisma/factories/full-year.ts at 900 applications), on a database of the
// test's own: the review scope of filings, the overdue arrivals' counts, a filer's standing per kind.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/server/db";
import { createDb, db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { loadActor } from "@/server/auth/load-actor";
import { can } from "@/server/auth/permissions";
import { sql } from "@/server/sql";
import { filingReviewScope, filingReviewScopeSql } from "@/server/filings/rules";
import { myFilingStandings, myFilings } from "@/server/filings/read";
import { listOverdueArrivals, overdueArrivalCounts } from "@/server/reception/reception";
import { buildFullYear, type FullYearFixture } from "../../prisma/factories/full-year";
import { dropDatabase, migratedDatabase } from "../../scripts/lib/db.mjs";

const server = process.env.TEST_DATABASE_URL;
const name = `zjb_df_${process.pid}_${Date.now().toString(36)}`;
const appDb = globalThis as unknown as { __zjbDb?: Db };
const original = appDb.__zjbDb;
let client: Db | undefined;
let f: FullYearFixture;

const suite = server ? describe : describe.skip;
if (!server) console.warn("[skipped] driver-forms: needs TEST_DATABASE_URL");

async function actorOf(username: string): Promise<Actor> {
  const u = await db().user.findUniqueOrThrow({ where: { username } });
  const actor = await loadActor(u.id, u.sessionVersion);
  if (!actor) throw new Error(`no actor for ${username}`);
  return actor;
}

suite("the driver's statements answer as their Prisma forms, for every account of a prefecture", () => {
  beforeAll(async () => {
    await migratedDatabase(server!, name);
    const u = new URL(server!);
    u.pathname = `/${name}`;
    client = createDb(u.toString(), 4);
    appDb.__zjbDb = client;
    f = await buildFullYear(client, { applications: 900, seed: 11 });
    // Filings beyond the fixture's approved 实施方案: county schools' 附件5 with their county (one returned with a
    // comment, then filed again), a county's September report with the prefecture, a draft.
    const admin = f.users.find((x) => x.role === "PREFECTURE")!;
    const adminId = (await db().user.findUniqueOrThrow({ where: { username: admin.username } })).id;
    const countySchools = await db().vocationalSchool.findMany({ where: { id: { in: f.vocationalSchoolIds }, countyId: { not: null } }, orderBy: { sortOrder: "asc" }, take: 3 });
    const base = { year: f.year, content: {}, createdById: adminId };
    for (const [i, v] of countySchools.entries()) {
      const filer = { filerKey: `voc:${v.id}`, vocationalSchoolId: v.id, reviewerCountyId: v.countyId, kind: "TEACHING_PLAN" as const };
      const returned = { status: "RETURNED" as const, submittedOn: `${f.year}-04-0${i + 1}`, submittedById: adminId, reviewedById: adminId, reviewComment: `请补充第 ${i + 1} 项` };
      await db().filing.create({ data: { ...base, ...filer, version: 1, ...(i === 2 ? { status: "DRAFT" } : returned) } });
      if (i < 2) await db().filing.create({ data: { ...base, ...filer, version: 2, ...(i === 0 ? { status: "SUBMITTED", submittedOn: `${f.year}-04-09`, submittedById: adminId } : { status: "DRAFT" }) } });
    }
    await db().filing.create({ data: { ...base, kind: "ANNUAL_REPORT", filerKey: `county:${f.countyIds[1]}`, countyId: f.countyIds[1], version: 1, status: "SUBMITTED", submittedOn: `${f.year}-09-10`, submittedById: adminId } });
    // A student who never arrived and has left: no longer followed up as an overdue arrival.
    const gone = await db().enrolment.findFirstOrThrow({ where: { arrivalStatus: "NOT_ARRIVED", status: "ENROLLED" }, orderBy: { id: "asc" } });
    await db().enrolment.update({ where: { id: gone.id }, data: { status: "LEFT" } });
  }, 120_000);

  afterAll(async () => {
    appDb.__zjbDb = original;
    await client?.$disconnect();
    if (server) await dropDatabase(server, name).catch(() => {});
  });

  test("filingReviewScopeSql selects exactly the filings filingReviewScope selects", async () => {
    const nonEmpty = new Set<string>();
    for (const u of f.users) {
      const actor = await actorOf(u.username);
      const viaPrisma = (await db().filing.findMany({ where: filingReviewScope(actor), select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await sql.$queryRaw<{ id: string }[]>`SELECT f.id FROM "Filing" f WHERE ${filingReviewScopeSql(actor)}`).map((r) => r.id).sort();
      expect(viaSql, `${u.username} (${u.role})`).toEqual(viaPrisma);
      if (viaPrisma.length) nonEmpty.add(u.role);
    }
    expect([...nonEmpty].sort()).toEqual(["COUNTY", "PREFECTURE"]);
  });

  test("a filer's standing per kind (the inbox's read) is the one its filings page shows", async () => {
    let withVersions = 0;
    for (const u of f.users.filter((x) => x.role === "COUNTY" || x.role === "VOCATIONAL_SCHOOL")) {
      const actor = await actorOf(u.username);
      for (const on of [`${f.year}-03-25`, `${f.year}-04-05`, `${f.year}-10-20`]) {
        const now = new Date(`${on}T10:00:00+08:00`);
        const cards = await myFilings(actor, f.year, now);
        const standings = await myFilingStandings(actor, f.year, now);
        expect(standings, `${u.username} on ${on}`).toEqual(cards.map((c) => ({
          kind: c.kind, due: c.due, status: c.status, statusLabel: c.statusLabel, deadline: c.deadline, reviewComment: c.latest?.reviewComment ?? null,
        })));
        withVersions += cards.filter((c) => c.versions.length > 1).length;
      }
    }
    expect(withVersions).toBeGreaterThan(0); // a returned filing filed again was compared
  });

  test("the overdue arrivals' counts are the list's, for every account that follows them", async () => {
    let overdue = 0, pending = 0;
    for (const u of f.users) {
      const actor = await actorOf(u.username);
      if (!can(actor.role, "sendOff.read")) continue;
      for (const on of [f.trainingDate, `${f.year}-05-31`, `${f.year}-07-15`]) {
        const now = new Date(`${on}T23:30:00+08:00`);
        const list = await listOverdueArrivals(actor, now);
        const counts = await overdueArrivalCounts(actor, now);
        expect(counts, `${u.username} on ${on}`).toEqual({ overdue: list.length, pending: list.filter((r) => r.arrivalStatus === "PENDING").length });
        overdue += counts.overdue;
        pending += counts.pending;
      }
    }
    expect(overdue).toBeGreaterThan(pending);
    expect(pending).toBeGreaterThan(0);
  });
});
