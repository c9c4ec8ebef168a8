import "server-only";
import { db } from "@/server/db";
import { sql } from "@/server/sql";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { notFound } from "@/server/errors";
import { requestCalendarSettings } from "@/server/calendar/calendar";
import { deadlineDate, deadlineState, type DeadlineState } from "@/lib/calendar";
import { chinaDateOf } from "@/lib/china-date";
import { FILING_DEADLINE, filingStatusLabel, type FilingKind, type FilingStatus } from "@/lib/schemas/filings";
import { Prisma } from "@/generated/prisma/client";
import { actorKinds, filerOf, filingReadScope, filingReviewScope, filerKey, isOwnFiling, kindsFiledBy } from "./rules";
import { reportFigures } from "./figures";

/** The due date of a kind in a year (the bureau's calendar setting, else the policy's date); null = none. */
export async function dueDate(kind: FilingKind, year: number): Promise<string | null> {
  const key = FILING_DEADLINE[kind];
  if (!key) return null;
  // What a page shows: the request's calendar read, shared with the other panels (decision 100).
  const settings = await requestCalendarSettings(year);
  return deadlineDate(settings ?? { year }, key);
}

/** Where a filer stands on a kind: due date, countdown / 逾期 on `now`'s China date (the training clock in 演练模式). */
function stateOf(due: string | null, now: Date, firstSubmittedOn: string | null): DeadlineState | null {
  return due ? deadlineState(due, chinaDateOf(now), firstSubmittedOn) : null;
}

const versionSelect = {
  id: true, version: true, status: true, submittedOn: true, submittedAt: true, reviewedAt: true, reviewComment: true, createdAt: true, updatedAt: true,
  document: { select: { id: true, fileName: true, size: true } },
} as const;

/** The filer key of the actor's own organisation (a county bureau or a vocational school). */
function ownFilerKey(actor: Actor): string {
  return actor.role === "COUNTY" ? filerKey.county(actor.countyId) : filerKey.voc(actor.vocationalSchoolId ?? "");
}

/** The actor's own filings of a year, one card per kind it files, with every version (newest first). */
export async function myFilings(actor: Actor, year: number, now: Date) {
  assertCan(actor, "filing.read");
  const kinds = actorKinds(actor);
  const key = ownFilerKey(actor);
  // The versions and the due dates side by side (the inbox computes this on every page: decision 101).
  const [rows, dues] = await Promise.all([
    db().filing.findMany({
      where: { AND: [filingReadScope(actor), { year, filerKey: key }] },
      select: { ...versionSelect, kind: true, content: true, documentId: true },
      orderBy: { version: "desc" },
    }),
    Promise.all(kinds.map((kind) => dueDate(kind, year))),
  ]);
  return kinds.map((kind, i) => {
    const versions = rows.filter((r) => r.kind === kind);
    const firstSubmitted = versions.filter((v) => v.submittedOn).map((v) => v.submittedOn!).sort()[0] ?? null;
    const latest = versions[0] ?? null;
    return { ...standing(kind, dues[i], (latest?.status ?? null) as FilingStatus | null, firstSubmitted, now), latest, versions };
  });
}

/** Where the filer stands on a kind: its due date, its latest version's status, the deadline on `now`. */
function standing(kind: FilingKind, due: string | null, status: FilingStatus | null, firstSubmittedOn: string | null, now: Date) {
  return { kind, due, status, statusLabel: filingStatusLabel(kind, status), deadline: stateOf(due, now, firstSubmittedOn) };
}

/**
 * What the inbox needs of `myFilings` (it asks on every page): per kind the standing and the latest version's review
 * comment, from one statement on the driver that reads no content, no document and no older version (decision 106).
 */
export async function myFilingStandings(actor: Actor, year: number, now: Date) {
  assertCan(actor, "filing.read");
  const kinds = actorKinds(actor);
  if (!kinds.length) return [];
  // Its own filer key, within its read scope as `myFilings` reads them (filingReadScope).
  const readable = actor.role === "COUNTY"
    ? Prisma.sql`(f."countyId" = ${actor.countyId} OR f."reviewerCountyId" = ${actor.countyId})`
    : Prisma.sql`f."vocationalSchoolId" = ${actor.vocationalSchoolId}`;
  const own = Prisma.sql`f."filerKey" = ${ownFilerKey(actor)} AND ${readable}`;
  const [rows, dues] = await Promise.all([
    sql.$queryRaw<{ kind: FilingKind; status: FilingStatus; reviewComment: string | null; firstSubmittedOn: string | null }[]>`
      SELECT f.kind::text AS kind, (array_agg(f.status::text ORDER BY f.version DESC))[1] AS status,
             (array_agg(f."reviewComment" ORDER BY f.version DESC))[1] AS "reviewComment", min(f."submittedOn") AS "firstSubmittedOn"
        FROM "Filing" f WHERE f.year = ${year} AND ${own}
       GROUP BY f.kind`,
    Promise.all(kinds.map((kind) => dueDate(kind, year))),
  ]);
  return kinds.map((kind, i) => {
    const r = rows.find((x) => x.kind === kind);
    return { ...standing(kind, dues[i], r?.status ?? null, r?.firstSubmittedOn ?? null, now), reviewComment: r?.reviewComment ?? null };
  });
}

/** One version, in the actor's read scope (another organisation's is "not found"). */
export async function getFiling(actor: Actor, id: string) {
  assertCan(actor, "filing.read");
  const f = await db().filing.findFirst({
    where: { AND: [filingReadScope(actor), { id }] },
    include: {
      county: { select: { name: true, bureauName: true } },
      vocationalSchool: { select: { name: true, fullName: true } },
      document: { select: { id: true, fileName: true, size: true, mimeType: true } },
    },
  });
  if (!f) throw notFound("报送材料");
  const [others, people] = await Promise.all([
    db().filing.findMany({ where: { kind: f.kind, year: f.year, filerKey: f.filerKey }, select: versionSelect, orderBy: { version: "desc" } }),
    db().user.findMany({ where: { id: { in: [f.submittedById, f.reviewedById].filter((x): x is string => !!x) } }, select: { id: true, displayName: true } }),
  ]);
  const name = (uid: string | null) => people.find((p) => p.id === uid)?.displayName ?? "";
  const reviewable = f.status === "SUBMITTED" && !isOwnFiling(actor, f)
    && (await db().filing.count({ where: { AND: [filingReviewScope(actor), { id }] } })) > 0;
  return {
    ...f,
    kind: f.kind as FilingKind,
    filerName: f.county?.bureauName ?? f.vocationalSchool?.fullName ?? "",
    submittedByName: name(f.submittedById),
    reviewedByName: name(f.reviewedById),
    versions: others,
    isLatest: others[0]?.id === f.id,
    reviewable,
  };
}

export type BoardRow = {
  filerKey: string; name: string; prefectureLevel: boolean; latestId: string | null; version: number | null;
  status: FilingStatus | null; statusLabel: string; deadline: DeadlineState | null; waiver: { reason: string; createdAt: Date } | null;
};

/**
 * The reviewer's board for a kind and year: every organisation that must file it with this reviewer
 * (the prefecture: counties and prefecture-level schools, or all schools for 上报计划数; a county bureau:
 * its county's vocational schools' 附件5), with where each stands, so the reviewer sees who has not filed.
 */
export async function reviewBoard(caller: Actor, kind: FilingKind, year: number, now: Date): Promise<BoardRow[]> {
  assertCan(caller, "filing.review");
  const actor = actorAs(caller, "PREFECTURE", "COUNTY");
  const [counties, schools] = await Promise.all([
    actor.role === "PREFECTURE"
      ? db().county.findMany({ where: { prefectureId: actor.prefectureId, active: true }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true, bureauName: true } })
      : Promise.resolve([]),
    db().vocationalSchool.findMany({
      where: actor.role === "PREFECTURE" ? { prefectureId: actor.prefectureId, active: true } : { countyId: actor.countyId, active: true },
      orderBy: { sortOrder: "asc" }, select: { id: true, fullName: true, countyId: true },
    }),
  ]);
  const filers = [
    ...counties.filter(() => kindsFiledBy({ type: "county" }).includes(kind)).map((c) => ({ key: filerKey.county(c.id), name: c.bureauName, prefectureLevel: false })),
    ...schools
      .filter((s) => kindsFiledBy({ type: "voc", prefectureLevel: s.countyId === null }).includes(kind))
      // The prefecture reviews a county school's 附件5 only through its county bureau.
      .filter((s) => !(kind === "TEACHING_PLAN" && actor.role === "PREFECTURE" && s.countyId !== null))
      .map((s) => ({ key: filerKey.voc(s.id), name: s.fullName, prefectureLevel: s.countyId === null })),
  ];
  const keys = filers.map((f) => f.key);
  const [rows, waivers, due] = await Promise.all([
    db().filing.findMany({
      where: { AND: [filingReviewScope(actor), { kind, year, filerKey: { in: keys } }] },
      select: { id: true, filerKey: true, version: true, status: true, submittedOn: true }, orderBy: { version: "desc" },
    }),
    kind === "IMPLEMENTATION_PLAN"
      ? db().filingWaiver.findMany({ where: { year, filerKey: { in: keys }, revokedAt: null }, select: { filerKey: true, reason: true, createdAt: true } })
      : Promise.resolve([]),
    dueDate(kind, year),
  ]);
  return filers.map((f) => {
    const mine = rows.filter((r) => r.filerKey === f.key);
    const latest = mine[0] ?? null;
    const firstSubmitted = mine.filter((r) => r.submittedOn).map((r) => r.submittedOn!).sort()[0] ?? null;
    const status = (latest?.status ?? null) as FilingStatus | null;
    const w = waivers.find((x) => x.filerKey === f.key);
    return {
      filerKey: f.key, name: f.name, prefectureLevel: f.prefectureLevel, latestId: latest?.id ?? null, version: latest?.version ?? null,
      status, statusLabel: filingStatusLabel(kind, status), deadline: stateOf(due, now, firstSubmitted),
      waiver: w ? { reason: w.reason, createdAt: w.createdAt } : null,
    };
  });
}

/** Kinds the actor reviews (the prefecture all four; a county bureau its schools' 附件5). */
export function reviewKinds(actor: Actor): FilingKind[] {
  if (actor.role === "PREFECTURE") return ["IMPLEMENTATION_PLAN", "TEACHING_PLAN", "ANNUAL_REPORT", "PLANNED_FIGURES"];
  if (actor.role === "COUNTY") return ["TEACHING_PLAN"];
  return [];
}

/** The latest submitted planned figures of a year (附件2 备注3), for the prefecture's plan editor. */
export async function plannedFigureProposals(actor: Actor, year: number) {
  assertCan(actor, "filing.review");
  const rows = await db().filing.findMany({
    where: { AND: [filingReviewScope(actor), { kind: "PLANNED_FIGURES", year, status: { in: ["SUBMITTED", "APPROVED"] } }] },
    orderBy: { version: "desc" },
    select: { filerKey: true, version: true, content: true, submittedOn: true, county: { select: { name: true, sortOrder: true } }, vocationalSchool: { select: { name: true, sortOrder: true } } },
  });
  const seen = new Set<string>();
  return rows
    .filter((r) => (seen.has(r.filerKey) ? false : (seen.add(r.filerKey), true)))
    .map((r) => {
      const c = r.content as { figure?: number; note?: string };
      return {
        type: r.county ? ("county" as const) : ("voc" as const), name: r.county?.name ?? r.vocationalSchool?.name ?? "",
        order: r.county?.sortOrder ?? 1000 + (r.vocationalSchool?.sortOrder ?? 0),
        figure: c.figure ?? 0, note: c.note ?? "", submittedOn: r.submittedOn, version: r.version,
      };
    })
    .sort((a, b) => a.order - b.order);
}

/** Send-off readiness of the actor's county for the year: approved, waived, or the filing's status. */
export async function sendOffGateStatus(actor: Actor, year: number) {
  if (!actor.countyId || (actor.role !== "COUNTY" && actor.role !== "MIDDLE_SCHOOL")) return null;
  const key = filerKey.county(actor.countyId);
  const [approved, waiver, latest] = await Promise.all([
    db().filing.count({ where: { kind: "IMPLEMENTATION_PLAN", year, filerKey: key, status: "APPROVED" } }),
    db().filingWaiver.findFirst({ where: { year, filerKey: key, revokedAt: null }, select: { reason: true } }),
    db().filing.findFirst({ where: { kind: "IMPLEMENTATION_PLAN", year, filerKey: key }, orderBy: { version: "desc" }, select: { status: true } }),
  ]);
  return {
    ok: approved > 0 || waiver !== null, waived: approved === 0 && waiver !== null, waiverReason: waiver?.reason ?? null,
    statusLabel: filingStatusLabel("IMPLEMENTATION_PLAN", (latest?.status ?? null) as FilingStatus | null),
  };
}

/** The September report's figures as the data stands now, for the filer's own draft. */
export async function liveReportFigures(actor: Actor, year: number) {
  assertCan(actor, "filing.submit");
  return reportFigures(db(), year, filerOf(actor, "ANNUAL_REPORT"));
}
