// Issue 15 item 3: each role's home-page figures equal an independent recount in SQL (not the same reads).
import { beforeAll, describe, expect, test } from "vitest";
import { actorFor, testDb } from "../../support/db";
import { createMiddleSchool, createMiniPrefecture } from "../../../prisma/factories";
import { allocate, createIssuedPlan } from "../../../prisma/factories/plan";
import { createApplications } from "../../../prisma/factories/applications";
import { getDashboard, type Dashboard, type ProgressRow } from "@/server/dashboard/read";
import { dashboardCharts } from "@/app/(console)/_dashboard/specs";

// A year no other test file uses: the plan and the figures are this file's alone.
const Y = 2033;
let p: Awaited<ReturnType<typeof createMiniPrefecture>>;
let schoolA2: { id: string };

type Arrival = "ARRIVED" | "PENDING" | "NOT_ARRIVED";
async function enrol(middleSchoolId: string, vocationalSchoolId: string, arrivals: Arrival[], opts: { shanghai?: number; left?: "exempt" | "dropout" } = {}) {
  const db = testDb();
  const ms = await db.middleSchool.findUniqueOrThrow({ where: { id: middleSchoolId } });
  const ids = await createApplications(db, { count: arrivals.length, year: Y, middleSchoolId, vocationalSchoolId, enteredById: p.users.schoolA.id });
  const out: string[] = [];
  for (const [i, appId] of ids.entries()) {
    const shanghai = i < (opts.shanghai ?? 0);
    await db.application.update({ where: { id: appId }, data: { status: "SENT_OFF", shanghaiFlag: shanghai } });
    const e = await db.enrolment.create({
      data: {
        applicationId: appId, year: Y, countyId: ms.countyId, middleSchoolId, vocationalSchoolId, shanghaiFlag: shanghai,
        sentOffAt: new Date(`${Y}-05-08T02:00:00Z`), sentOffById: p.users.schoolA.id, arrivalStatus: arrivals[i],
        arrivedOn: arrivals[i] === "ARRIVED" ? `${Y}-05-09` : null, status: opts.left ? "LEFT" : "ENROLLED",
      },
    });
    if (opts.left) {
      await db.statusEvent.create({ data: { enrolmentId: e.id, recordedById: p.users.vocA.id, occurredOn: `${Y}-06-20`, type: opts.left === "exempt" ? "LEFT_RETURN_MIDDLE_SCHOOL" : "LEFT_DROPOUT", exempt: opts.left === "exempt" } });
    }
    out.push(e.id);
  }
  return out;
}

async function submission(vocationalSchoolId: string, version: number, enrolmentIds: string[], checks: ("CONFIRMED" | "DISCREPANCY" | "RESOLVED" | null)[], superseded = false) {
  const db = testDb();
  const found = await db.enrolment.findMany({ where: { id: { in: enrolmentIds } }, include: { county: true, application: true } });
  const rows = enrolmentIds.map((id) => found.find((e) => e.id === id)!);
  const sub = await db.rosterSubmission.create({
    data: {
      vocationalSchoolId, year: Y, version, rowCount: rows.length, submittedById: p.users.vocA.id, supersededAt: superseded ? new Date() : null,
      rows: rows.map((e) => ({ enrolmentId: e.id, countyId: e.countyId, countyName: e.county.name, countyOrder: e.county.sortOrder, studentName: e.application.studentName })) as never,
    },
  });
  for (const [i, e] of rows.entries()) {
    const status = checks[i];
    if (status) await db.rosterCheck.create({ data: { submissionId: sub.id, enrolmentId: e.id, countyId: e.countyId, status, checkedById: p.users.countyA.id, comment: status === "CONFIRMED" ? null : "不符" } });
  }
}

beforeAll(async () => {
  const db = testDb();
  p = await createMiniPrefecture(db);
  schoolA2 = await createMiddleSchool(db, p.countyA.id);
  await createIssuedPlan(db, {
    year: Y, createdById: p.users.prefecture.id,
    counties: [{ countyId: p.countyA.id, sendOffCap: 20, shanghaiTask: 3 }, { countyId: p.countyB.id, sendOffCap: 10 }],
    vocational: [{ vocationalSchoolId: p.vocA.id, enrolCap: 15 }, { vocationalSchoolId: p.vocP.id, enrolCap: 25, shanghaiTask: 2 }],
  });
  await allocate(db, Y, p.schoolA.id, 12);
  await allocate(db, Y, schoolA2.id, 8);
  await allocate(db, Y, p.schoolB.id, 10);
  const a = await enrol(p.schoolA.id, p.vocA.id, ["ARRIVED", "ARRIVED", "ARRIVED", "PENDING"], { shanghai: 1 });
  const a2 = await enrol(schoolA2.id, p.vocP.id, ["ARRIVED", "ARRIVED", "NOT_ARRIVED"], { shanghai: 2 });
  const b = await enrol(p.schoolB.id, p.vocP.id, ["ARRIVED", "ARRIVED"]);
  const bLeft = await enrol(p.schoolB.id, p.vocA.id, ["ARRIVED"], { left: "dropout" });
  const aLeft = await enrol(p.schoolA.id, p.vocA.id, ["ARRIVED"], { left: "exempt" });
  // vocA: version 1 (superseded, every row confirmed: must not count), version 2 live: 2 confirmed, 1 discrepancy, 2 unchecked.
  await submission(p.vocA.id, 1, [...a.slice(0, 3), ...bLeft, ...aLeft], ["CONFIRMED", "CONFIRMED", "CONFIRMED", "CONFIRMED", "CONFIRMED"], true);
  await submission(p.vocA.id, 2, [...a.slice(0, 3), ...bLeft, ...aLeft], ["CONFIRMED", "DISCREPANCY", null, "CONFIRMED", null]);
  await submission(p.vocP.id, 1, [...a2.slice(0, 2), ...b], ["CONFIRMED", "RESOLVED", "CONFIRMED", "CONFIRMED"]);
  // Applications of every state at school A (besides its 5 sent off).
  for (const [status, count] of [["DRAFT", 2], ["SIGNED", 1], ["APPROVED", 3], ["REJECTED", 1]] as const) {
    await createApplications(db, { count, year: Y, middleSchoolId: p.schoolA.id, vocationalSchoolId: p.vocA.id, enteredById: p.users.schoolA.id, status });
  }
  const cls = await db.vocationalClass.create({ data: { vocationalSchoolId: p.vocA.id, year: Y, name: "测试1班", code: "1", major: "电子", sizeLimit: 30, headTeacherName: "钱老师", headTeacherPhone: "13912345678" } });
  await db.enrolment.updateMany({ where: { id: { in: a.slice(0, 2) } }, data: { classId: cls.id } });
});

type Recount = { id: string; sent: number; arrived: number; shanghai: number; confirmed: number };
/** Enrolment counts per organisation, straight from the tables. */
async function recount(column: "countyId" | "middleSchoolId" | "vocationalSchoolId", ids: string[]): Promise<Map<string, Recount>> {
  const rows = await testDb().$queryRawUnsafe<Recount[]>(`
    SELECT e."${column}" AS id, count(*)::int AS sent,
           count(*) FILTER (WHERE e."arrivalStatus" = 'ARRIVED')::int AS arrived,
           count(*) FILTER (WHERE e."shanghaiFlag")::int AS shanghai,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "RosterCheck" k JOIN "RosterSubmission" s ON s.id = k."submissionId"
                                           WHERE k."enrolmentId" = e.id AND k.status = 'CONFIRMED' AND s."supersededAt" IS NULL AND s.year = $1))::int AS confirmed
      FROM "Enrolment" e WHERE e.year = $1 AND e."${column}" = ANY($2::text[]) GROUP BY 1`, Y, ids);
  return new Map(rows.map((r) => [r.id, r]));
}

async function planned(kind: "county" | "voc" | "school"): Promise<Map<string, { plan: number; task: number }>> {
  const db = testDb();
  const rows = kind === "county"
    ? await db.$queryRaw<{ id: string; plan: number; task: number }[]>`SELECT q."countyId" AS id, q."sendOffCap" AS plan, q."shanghaiTask" AS task FROM "CountyQuota" q JOIN "PlanVersion" v ON v.id = q."versionId" JOIN "QuotaPlan" pl ON pl.id = v."planId" WHERE pl.year = ${Y} AND v.status = 'ISSUED'`
    : kind === "voc"
      ? await db.$queryRaw<{ id: string; plan: number; task: number }[]>`SELECT q."vocationalSchoolId" AS id, q."enrolCap" AS plan, q."shanghaiTask" AS task FROM "VocationalQuota" q JOIN "PlanVersion" v ON v.id = q."versionId" JOIN "QuotaPlan" pl ON pl.id = v."planId" WHERE pl.year = ${Y} AND v.status = 'ISSUED'`
      : await db.$queryRaw<{ id: string; plan: number; task: number }[]>`SELECT a."middleSchoolId" AS id, a.allocation AS plan, 0 AS task FROM "MiddleSchoolAllocation" a JOIN "QuotaPlan" pl ON pl.id = a."planId" WHERE pl.year = ${Y}`;
  return new Map(rows.map((r) => [r.id, { plan: Number(r.plan), task: Number(r.task) }]));
}

function expectRows(rows: ProgressRow[], counts: Map<string, Recount>, plans: Map<string, { plan: number; task: number }>, withTask = true) {
  for (const r of rows) {
    const c = counts.get(r.id) ?? { sent: 0, arrived: 0, shanghai: 0, confirmed: 0 };
    const q = plans.get(r.id) ?? { plan: 0, task: 0 };
    expect({ plan: r.plan, sent: r.sent, arrived: r.arrived, confirmed: r.confirmed, shanghai: r.shanghai, ...(withTask ? { task: r.shanghaiTask } : {}) }, r.name)
      .toEqual({ plan: q.plan, sent: c.sent, arrived: c.arrived, confirmed: c.confirmed, shanghai: c.shanghai, ...(withTask ? { task: q.task } : {}) });
  }
}

/** Retention per school from the live 附件4 and the enrolments, as the policy defines it. */
async function retentionRecount(schoolId: string) {
  const [r] = await testDb().$queryRaw<{ confirmed: number; exempt: number; lost: number }[]>`
    WITH r AS (SELECT (x->>'enrolmentId') AS id FROM "RosterSubmission" s, jsonb_array_elements(s.rows) x
                WHERE s."vocationalSchoolId" = ${schoolId} AND s.year = ${Y} AND s."supersededAt" IS NULL)
    SELECT count(*)::int AS confirmed,
           count(*) FILTER (WHERE e.status = 'LEFT' AND EXISTS (SELECT 1 FROM "StatusEvent" v WHERE v."enrolmentId" = e.id AND v."revokedAt" IS NULL AND v.exempt))::int AS exempt,
           count(*) FILTER (WHERE e.status = 'LEFT' AND NOT EXISTS (SELECT 1 FROM "StatusEvent" v WHERE v."enrolmentId" = e.id AND v."revokedAt" IS NULL AND v.exempt))::int AS lost
      FROM r JOIN "Enrolment" e ON e.id = r.id`;
  return { numerator: r.confirmed - r.exempt - r.lost, denominator: r.confirmed - r.exempt };
}

const as = <R extends Dashboard["role"]>(d: Dashboard, role: R) => {
  if (d.role !== role) throw new Error(`expected ${role}, got ${d.role}`);
  return d as Extract<Dashboard, { role: R }>;
};

describe("dashboard figures equal an independent count from the database", () => {
  test("prefecture: per county S / sent / arrived / confirmed / ※, per school E / enrolled, retention by school", async () => {
    const d = as(await getDashboard(await actorFor(p.users.prefecture), Y), "PREFECTURE");
    expect(d.counties.map((c) => c.id)).toEqual([p.countyA.id, p.countyB.id]);
    expectRows(d.counties, await recount("countyId", [p.countyA.id, p.countyB.id]), await planned("county"));
    expectRows(d.vocationalSchools, await recount("vocationalSchoolId", [p.vocA.id, p.vocP.id]), await planned("voc"));
    // Not vacuous: the superseded version's confirmations are not counted, nor RESOLVED discrepancies
    // (county A: 1 confirmed on vocA's live version + 1 on vocP's).
    expect(d.counties.find((c) => c.id === p.countyA.id)).toMatchObject({ plan: 20, sent: 8, arrived: 6, confirmed: 2, shanghai: 3, shanghaiTask: 3 });
    for (const r of d.retention) {
      const want = await retentionRecount(r.schoolId);
      expect({ n: r.numerator, d: r.denominator }, r.schoolName).toEqual({ n: want.numerator, d: want.denominator });
    }
    expect(d.retention.find((r) => r.schoolId === p.vocA.id)).toMatchObject({ numerator: 3, denominator: 4, meetsTarget: false });
  });

  test("county: its own county and its middle schools, its schools' retention only", async () => {
    const d = as(await getDashboard(await actorFor(p.users.countyA), Y), "COUNTY");
    expectRows([d.county!], await recount("countyId", [p.countyA.id]), await planned("county"));
    expect(d.middleSchools.map((m) => m.id).sort()).toEqual([p.schoolA.id, schoolA2.id].sort());
    expectRows(d.middleSchools, await recount("middleSchoolId", [p.schoolA.id, schoolA2.id]), await planned("school"), false);
    expect(d.retention.map((r) => r.schoolId)).toEqual([p.vocA.id]);
  });

  test("middle school: its applications by state and its allocation used", async () => {
    const d = as(await getDashboard(await actorFor(p.users.schoolA), Y), "MIDDLE_SCHOOL");
    const rows = await testDb().$queryRaw<{ status: string; n: number }[]>`SELECT status::text, count(*)::int AS n FROM "Application" WHERE "middleSchoolId" = ${p.schoolA.id} AND year = ${Y} GROUP BY 1`;
    for (const [status, n] of Object.entries(d.applications)) expect(n, status).toBe(rows.find((r) => r.status === status)?.n ?? 0);
    expect(d.applications).toMatchObject({ DRAFT: 2, SIGNED: 1, APPROVED: 3, REJECTED: 1, SENT_OFF: 5 });
    expectRows([d.school!], await recount("middleSchoolId", [p.schoolA.id]), await planned("school"), false);
  });

  test("vocational school: arrivals, classes, leavers and retention", async () => {
    const d = as(await getDashboard(await actorFor(p.users.vocA), Y), "VOCATIONAL_SCHOOL");
    const [arr] = await testDb().$queryRaw<{ sent: number; arrived: number; pending: number; not: number }[]>`
      SELECT count(*)::int AS sent, count(*) FILTER (WHERE "arrivalStatus" = 'ARRIVED')::int AS arrived,
             count(*) FILTER (WHERE "arrivalStatus" = 'PENDING')::int AS pending, count(*) FILTER (WHERE "arrivalStatus" = 'NOT_ARRIVED')::int AS not
        FROM "Enrolment" WHERE "vocationalSchoolId" = ${p.vocA.id} AND year = ${Y}`;
    expect(d.arrivals).toEqual({ sent: arr.sent, arrived: arr.arrived, pending: arr.pending, notArrived: arr.not });
    const classes = await testDb().$queryRaw<{ name: string; size: number; limit: number }[]>`
      SELECT c.name, (SELECT count(*)::int FROM "Enrolment" e WHERE e."classId" = c.id) AS size, c."sizeLimit" AS limit FROM "VocationalClass" c WHERE c."vocationalSchoolId" = ${p.vocA.id} AND c.year = ${Y}`;
    expect(d.classes).toEqual(classes.map((c) => ({ name: c.name, size: c.size, sizeLimit: c.limit })));
    const leavers = await testDb().$queryRaw<{ type: string; exempt: boolean; n: number }[]>`
      SELECT v.type::text, v.exempt, count(*)::int AS n FROM "Enrolment" e JOIN "StatusEvent" v ON v."enrolmentId" = e.id AND v."revokedAt" IS NULL
       WHERE e."vocationalSchoolId" = ${p.vocA.id} AND e.year = ${Y} AND e.status = 'LEFT' GROUP BY 1, 2`;
    for (const l of d.leavers) {
      expect(l.exempt, l.label).toBe(leavers.find((x) => x.type === l.type && x.exempt)?.n ?? 0);
      expect(l.counted, l.label).toBe(leavers.find((x) => x.type === l.type && !x.exempt)?.n ?? 0);
    }
    expect(d.leavers.reduce((n, l) => n + l.exempt + l.counted, 0)).toBe(2);
    const want = await retentionRecount(p.vocA.id);
    expect({ n: d.retention?.numerator, d: d.retention?.denominator }).toEqual({ n: want.numerator, d: want.denominator });
    expectRows([d.school!], await recount("vocationalSchoolId", [p.vocA.id]), await planned("voc"));
  });

  test("leavers: each counted by its latest leave event not revoked; a leaver without one counts as 其他", async () => {
    const count = async () => Object.fromEntries(as(await getDashboard(await actorFor(p.users.vocA), Y), "VOCATIONAL_SCHOOL").leavers.map((l) => [l.type, { exempt: l.exempt, counted: l.counted }]));
    const before = await count();
    const [a, b] = await testDb().enrolment.findMany({ where: { vocationalSchoolId: p.vocA.id, year: Y, status: { not: "LEFT" } }, orderBy: { id: "asc" }, take: 2 });
    const prior = { a: a.status, b: b.status };
    try {
      await testDb().enrolment.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { status: "LEFT" } });
      // a: dropped out (counted), then a later exempt return to the middle school, revoked: the dropout decides.
      await testDb().statusEvent.createMany({ data: [
        { enrolmentId: a.id, type: "LEFT_DROPOUT", occurredOn: `${Y}-05-10`, exempt: false, recordedById: p.users.vocA.id },
        { enrolmentId: a.id, type: "LEFT_RETURN_MIDDLE_SCHOOL", occurredOn: `${Y}-05-20`, exempt: true, recordedById: p.users.vocA.id, revokedAt: new Date(), revokedById: p.users.vocA.id },
      ] });
      const after = await count();
      expect(after.LEFT_DROPOUT).toEqual({ ...before.LEFT_DROPOUT, counted: before.LEFT_DROPOUT.counted + 1 });
      expect(after.LEFT_RETURN_MIDDLE_SCHOOL).toEqual(before.LEFT_RETURN_MIDDLE_SCHOOL);
      expect(after.LEFT_OTHER).toEqual({ ...before.LEFT_OTHER, counted: before.LEFT_OTHER.counted + 1 }); // b: no event
      expect(after.LEFT_OTHER_HIGH_SCHOOL).toEqual(before.LEFT_OTHER_HIGH_SCHOOL);
    } finally {
      await testDb().statusEvent.deleteMany({ where: { enrolmentId: { in: [a.id, b.id] }, occurredOn: { in: [`${Y}-05-10`, `${Y}-05-20`] } } });
      await testDb().enrolment.update({ where: { id: a.id }, data: { status: prior.a } });
      await testDb().enrolment.update({ where: { id: b.id }, data: { status: prior.b } });
    }
  });

  test("every chart's table carries the dashboard's numbers (one spec feeds both)", async () => {
    const d = as(await getDashboard(await actorFor(p.users.prefecture), Y), "PREFECTURE");
    const [counties, shanghai, , retention] = dashboardCharts(d);
    expect(counties.series.map((s) => s.values[0])).toEqual([20, 8, 6, 2]);
    expect(shanghai.categories).toEqual([p.countyA.name]);
    expect(retention.target?.value).toBe(95);
    expect(retention.series[0].values[retention.categories.indexOf(p.vocA.name)]).toBe(75);
  });
});
