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
import { APPLICATION_INCLUDE, applicationPageRead } from "@/server/applications/page-read";
import { getApplicationPage } from "@/server/applications/read";
import { annex3Applications } from "@/server/applications/export";
import { applicationScope, limitedView } from "@/server/applications/scope";
import { enrolmentScope } from "@/server/send-off/scope";
import { renderAudit } from "@/lib/audit-render";
import { buildFullYear, type FullYearFixture } from "../../prisma/factories/full-year";
import { dropDatabase, migratedDatabase } from "../../scripts/lib/db.mjs";

const server = process.env.TEST_DATABASE_URL;
const name = `zjb_df_${process.pid}_${Date.now().toString(36)}`;
const appDb = globalThis as unknown as { __zjbDb?: Db };
const original = appDb.__zjbDb;
let client: Db | undefined;
let f: FullYearFixture;
let trailedIds: string[] = [];
let movedId = "";

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
    // Trails of three applications: steps by users and one without a user, two at the same moment, and looks that are
    // not steps (a reveal, a printout).
    const trailed = await db().application.findMany({ where: { status: { in: ["SENT_OFF", "APPROVED", "WITHDRAWN"] } }, distinct: ["status"], orderBy: { id: "asc" } });
    const someone = await db().user.findFirstOrThrow({ where: { role: "MIDDLE_SCHOOL" }, orderBy: { username: "asc" } });
    for (const [i, a] of trailed.entries()) {
      const at = (m: number) => new Date(Date.UTC(f.year, 2, 10 + i, 2, m));
      const step = (action: string, m: number, actorId: string | null, summary: object = {}) =>
        ({ at: at(m), action, actorId, orgLabel: actorId ? "某中学" : null, entityType: "Application", entityId: a.id, summary });
      await db().auditLog.createMany({ data: [
        step("application.create", 0, someone.id, { studentName: a.studentName }), step("application.submit", 5, someone.id),
        step("application.review", 5, adminId, { decision: true }), step("idNumber.reveal", 6, adminId), step("application.print", 7, someone.id),
        step("application.update", 9, null, { fields: ["className"] }),
      ] });
    }
    trailedIds = trailed.map((a) => a.id);
    // A student whose enrolment is at another school than the application's: the school the application names still
    // reads the application, but the student's page is not in its scope.
    const moved = await db().enrolment.findFirstOrThrow({ where: { application: { status: "SENT_OFF" } }, orderBy: { id: "asc" } });
    await db().enrolment.update({ where: { id: moved.id }, data: { vocationalSchoolId: f.vocationalSchoolIds.find((v) => v !== moved.vocationalSchoolId)!, studentNo: `${moved.studentNo}-转` } });
    movedId = moved.applicationId;
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
  // The application's page (decision 107): one statement on the driver for the application, its schools, its document,
  // the names of who entered and reviewed it and its enrolment; one for its trail.
  const pageAccounts = () => [
    ...f.users.filter((u) => u.role !== "MIDDLE_SCHOOL"),
    ...f.users.filter((u) => u.role === "MIDDLE_SCHOOL").slice(0, 15),
  ];

  test("one application as its page reads it is Prisma's read, in and out of every account's scope", async () => {
    const common = (await db().application.findMany({ distinct: ["status", "countyId"], orderBy: { id: "asc" }, select: { id: true } })).map((a) => a.id);
    const seen = { found: 0, missing: 0, enrolment: 0, enrolmentElsewhere: 0, document: 0, reviewed: 0 };
    for (const u of pageAccounts()) {
      const actor = await actorOf(u.username);
      const own = (await db().application.findMany({ where: applicationScope(actor), distinct: ["status"], orderBy: { id: "asc" }, select: { id: true } })).map((a) => a.id);
      for (const id of [...own, ...common.slice(0, 12), ...trailedIds, movedId]) {
        const viaSql = await applicationPageRead(actor, id);
        const a = await db().application.findFirst({ where: { AND: [applicationScope(actor), { id }] }, include: APPLICATION_INCLUDE });
        if (!a) { expect(viaSql, `${u.username} ${id}`).toBeNull(); seen.missing++; continue; }
        const users = await db().user.findMany({ where: { id: { in: [a.enteredById, a.reviewedById].filter((x): x is string => !!x) } } });
        const name = (uid: string | null) => (uid ? users.find((x) => x.id === uid)?.displayName ?? null : null);
        const e = await db().enrolment.findFirst({ where: { AND: [enrolmentScope(actor), { applicationId: id }] }, select: { id: true } });
        expect(viaSql, `${u.username} ${id}`).toEqual({ a, enteredByName: name(a.enteredById), reviewedByName: name(a.reviewedById), enrolmentId: e?.id ?? null });
        seen.found++;
        if (e) seen.enrolment++;
        else if (a.status === "SENT_OFF") seen.enrolmentElsewhere++;
        if (a.consentDocument) seen.document++;
        if (a.reviewedById) seen.reviewed++;
      }
    }
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(0);
  }, 120_000);

  test("an application's trail is Prisma's, shown only to whom may see its steps", async () => {
    let shown = 0, hidden = 0, refused = 0;
    const common = (await db().application.findMany({ distinct: ["countyId"], orderBy: { id: "asc" }, select: { id: true } })).map((a) => a.id);
    for (const u of pageAccounts()) {
      const actor = await actorOf(u.username);
      for (const id of [...trailedIds, ...common.slice(0, 3)]) {
        const a = await db().application.findFirst({ where: { AND: [applicationScope(actor), { id }] }, select: { status: true, vocationalSchoolId: true } });
        if (!a) { await expect(getApplicationPage(actor, id), `${u.username} ${id}`).rejects.toMatchObject({ code: "NOT_FOUND" }); refused++; continue; }
        const rows = await db().auditLog.findMany({
          where: { entityType: "Application", entityId: id, action: { notIn: ["application.reveal", "application.print", "idNumber.reveal"] } },
          orderBy: [{ at: "asc" }, { id: "asc" }],
        });
        const users = await db().user.findMany({ where: { id: { in: rows.map((r) => r.actorId).filter((x): x is string => !!x) } } });
        const expected = limitedView(actor, a) ? [] : rows.map((r) => {
          const actorName = users.find((x) => x.id === r.actorId)?.displayName ?? null;
          return { id: String(r.id), at: r.at, action: r.action, actorName, text: renderAudit({ action: r.action, orgLabel: r.orgLabel, actorName, entityLabel: null, summary: r.summary }) };
        });
        const trail = (await getApplicationPage(actor, id)).history;
        expect(trail, `${u.username} ${id}`).toEqual(expected);
        if (trail.length) shown++;
        else if (trailedIds.includes(id)) hidden++;
      }
    }
    expect(shown).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0); // a vocational school before send-off
    expect(refused).toBeGreaterThan(0);
  }, 120_000);

  test("a middle school's applications as 附件3 reads them are Prisma's read, for every account and school", async () => {
    // Every account's own school or schools of its scope, schools of other counties, and the middle school of the
    // application made at another school's place (movedId): the same rows, with the vocational school's name.
    const schools = (await db().middleSchool.findMany({ orderBy: { id: "asc" }, select: { id: true, countyId: true } }));
    const sample = [...new Map(schools.map((m) => [m.countyId, m.id])).values()];
    const moved = (await db().application.findUniqueOrThrow({ where: { id: movedId } })).middleSchoolId;
    let rows = 0, empty = 0;
    for (const u of pageAccounts()) {
      const actor = await actorOf(u.username);
      for (const id of [...new Set([...(actor.middleSchoolId ? [actor.middleSchoolId] : []), ...sample, moved])]) {
        const viaSql = (await annex3Applications(actor, f.year, id)).sort((a, b) => a.id.localeCompare(b.id));
        const viaPrisma = await db().application.findMany({
          where: { AND: [applicationScope(actor), { year: f.year, middleSchoolId: id }] },
          include: { vocationalSchool: { select: { name: true } } },
          orderBy: { id: "asc" },
        });
        expect(viaSql, `${u.username} ${id}`).toEqual(viaPrisma.sort((a, b) => a.id.localeCompare(b.id)));
        if (viaPrisma.length) rows += viaPrisma.length; else empty++;
      }
    }
    expect(rows).toBeGreaterThan(500);
    expect(empty).toBeGreaterThan(0); // schools outside an account's scope
  }, 120_000);
});
