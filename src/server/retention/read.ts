import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { AppError } from "@/server/errors";
import { credit, retention, type Credit, type Retention } from "@/lib/retention";
import { LEAVE_TYPES, LEAVE_TYPE_LABELS, type LeaveType } from "@/lib/student-status";

type Client = Tx | ReturnType<typeof db>;

/** Schools whose retention the actor may see: all (prefecture), its own county's (county), its own (school). */
export function retentionSchoolScope(actor: Actor): Prisma.VocationalSchoolWhereInput {
  switch (actor.role) {
    case "PREFECTURE": return { prefectureId: actor.prefectureId };
    case "COUNTY": return { countyId: actor.countyId };
    case "VOCATIONAL_SCHOOL": return { id: actor.vocationalSchoolId };
    case "MIDDLE_SCHOOL": return { id: "-" };
  }
}

/** Schools the actor assesses (policy 六): the prefecture its prefecture-level schools, a county its 县市职中. */
export function assessScope(actor: Actor): Prisma.VocationalSchoolWhereInput {
  if (actor.role === "PREFECTURE") return { prefectureId: actor.prefectureId, countyId: null };
  if (actor.role === "COUNTY") return { countyId: actor.countyId };
  return { id: "-" };
}

export type Leaver = { enrolmentId: string; studentName: string; countyName: string; type: LeaveType; typeLabel: string; occurredOn: string };
export type CountyCredit = Credit & { countyId: string; countyName: string; countyOrder: number };
export type SchoolRetention = {
  schoolId: string; schoolName: string; prefectureLevel: boolean; year: number;
  rosterVersion: number; rosterSubmittedAt: Date;
  retention: Retention;
  final: boolean; // every confirmed student has left or has an autumn registration decision
  exempt: Leaver[]; lost: Leaver[];
  counties: CountyCredit[]; // per source county; credits apply to prefecture-level schools only
};

type RosterRow = { enrolmentId: string; countyId: string; countyName: string; countyOrder?: number; studentName: string };

const LEAVER_SELECT = {
  id: true, status: true, registrationDecision: true,
  events: { where: { revokedAt: null, type: { in: [...LEAVE_TYPES] } }, orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }], take: 1, select: { type: true, exempt: true, occurredOn: true } },
} satisfies Prisma.EnrolmentSelect;

/**
 * One school's retention for a year, computed from the data: the population is the live (confirmed)
 * 附件4 submission; a student is a leaver when the enrolment is LEFT, exempt when its live LEFT_* event
 * is (020). Without a confirmed roster there is no figure: refused with a message.
 */
export async function schoolRetention(client: Client, schoolId: string, year: number): Promise<SchoolRetention> {
  const f = (await schoolRetentions(client, [schoolId], year)).get(schoolId);
  if (!f) throw new AppError("NOT_FOUND", "职业学校不存在。");
  if (f instanceof AppError) throw f;
  return f;
}

/**
 * The retention of several schools (the board, a county's credits) in four queries whatever the number of
 * schools and students (decision 091): their schools, live rosters, the rosters' enrolments and their leave events.
 * A school without a confirmed roster maps to the AppError `schoolRetention` throws for it.
 */
export async function schoolRetentions(client: Client, schoolIds: string[], year: number): Promise<Map<string, SchoolRetention | AppError>> {
  const [schools, rosters] = await Promise.all([
    client.vocationalSchool.findMany({ where: { id: { in: schoolIds } }, select: { id: true, name: true, countyId: true } }),
    client.rosterSubmission.findMany({ where: { vocationalSchoolId: { in: schoolIds }, year, supersededAt: null }, orderBy: { version: "desc" } }),
  ]);
  const live = new Map<string, (typeof rosters)[number]>();
  for (const r of rosters) if (!live.has(r.vocationalSchoolId)) live.set(r.vocationalSchoolId, r);
  const ids = [...live.values()].flatMap((r) => (r.rows as unknown as RosterRow[]).map((x) => x.enrolmentId));
  const enrolments = ids.length ? await client.enrolment.findMany({ where: { id: { in: ids } }, select: LEAVER_SELECT }) : [];
  const byId = new Map(enrolments.map((e) => [e.id, e]));
  const out = new Map<string, SchoolRetention | AppError>();
  for (const school of schools) {
    const roster = live.get(school.id);
    if (!roster) {
      out.set(school.id, new AppError("INVALID_STATE", `${school.name}${year}年没有已确认的在读学生名单（附件4），无法计算巩固率。请先在确认期提交并确认附件4。`));
      continue;
    }
    const rows = roster.rows as unknown as RosterRow[];
    const exempt: Leaver[] = [], lost: Leaver[] = [];
    let undecided = 0;
    for (const r of rows) {
      const e = byId.get(r.enrolmentId);
      if (!e) continue;
      if (e.status === "LEFT") {
        const ev = e.events[0];
        const type = (ev?.type ?? "LEFT_OTHER") as LeaveType;
        const leaver = { enrolmentId: e.id, studentName: r.studentName, countyName: r.countyName, type, typeLabel: LEAVE_TYPE_LABELS[type], occurredOn: ev?.occurredOn ?? "" };
        (ev?.exempt ? exempt : lost).push(leaver);
      } else if (!e.registrationDecision) undecided++;
    }
    const ret = retention({ confirmed: rows.length, exemptLeavers: exempt.length, lostLeavers: lost.length });
    const groups = new Map<string, { countyName: string; countyOrder: number; n: number }>();
    for (const r of rows) {
      const g = groups.get(r.countyId) ?? { countyName: r.countyName, countyOrder: r.countyOrder ?? 0, n: 0 };
      g.n++;
      groups.set(r.countyId, g);
    }
    const counties = [...groups.entries()]
      .map(([countyId, g]) => ({ countyId, countyName: g.countyName, countyOrder: g.countyOrder, ...credit(g.n, ret) }))
      .sort((a, b) => a.countyOrder - b.countyOrder || a.countyName.localeCompare(b.countyName, "zh"));
    out.set(school.id, {
      schoolId: school.id, schoolName: school.name, prefectureLevel: school.countyId === null, year,
      rosterVersion: roster.version, rosterSubmittedAt: roster.submittedAt, retention: ret, final: undecided === 0, exempt, lost, counties,
    });
  }
  return out;
}

const figureOrNull = (f: SchoolRetention | AppError | undefined) => (f && !(f instanceof AppError) ? f : null);

/** The retention board: every school in scope with its figure (or why there is none) and its latest assessment. */
export async function retentionBoard(actor: Actor, year: number) {
  const schools = await db().vocationalSchool.findMany({ where: { ...retentionSchoolScope(actor), active: true }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true, countyId: true, county: { select: { name: true } } } });
  const [assessments, figures] = await Promise.all([
    db().retentionAssessment.findMany({ where: { year, supersededAt: null, vocationalSchoolId: { in: schools.map((s) => s.id) } } }),
    schoolRetentions(db(), schools.map((s) => s.id), year),
  ]);
  return schools.map((s) => ({
    schoolId: s.id, schoolName: s.name, owner: s.county?.name ?? "州属", figure: figureOrNull(figures.get(s.id)), assessment: assessments.find((a) => a.vocationalSchoolId === s.id) ?? null,
  }));
}

/** One school's page: the figure, the explanations and the assessment versions, scoped in the query. */
export async function retentionDetail(actor: Actor, schoolId: string, year: number) {
  const school = await db().vocationalSchool.findFirst({ where: { ...retentionSchoolScope(actor), id: schoolId } });
  if (!school) return null;
  const [figure, explanations, assessments, mayAssess] = await Promise.all([
    schoolRetention(db(), school.id, year).then((f) => ({ ok: true as const, f }), (err) => (err instanceof AppError ? { ok: false as const, message: err.message } : Promise.reject(err))),
    db().retentionExplanation.findMany({ where: { vocationalSchoolId: school.id, year }, orderBy: { createdAt: "desc" }, include: { document: { select: { id: true, fileName: true } } } }),
    db().retentionAssessment.findMany({ where: { vocationalSchoolId: school.id, year }, orderBy: { version: "desc" } }),
    db().vocationalSchool.count({ where: { ...assessScope(actor), id: school.id } }),
  ]);
  const userIds = [...new Set([...explanations.map((e) => e.recordedById), ...assessments.map((a) => a.signedById)])];
  const users = await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
  const who = (id: string) => users.find((u) => u.id === id)?.displayName ?? "";
  return {
    school, figure, mayAssess: mayAssess > 0,
    explanations: explanations.map((e) => ({ ...e, by: who(e.recordedById) })),
    assessments: assessments.map((a) => ({ ...a, by: who(a.signedById) })),
  };
}

/** A county's credited counts from the prefecture-level schools (计入生源地县市中职招生完成数). */
export async function countyCredits(actor: Actor, year: number) {
  if (actor.role !== "COUNTY") return [];
  const schools = await db().vocationalSchool.findMany({ where: { prefectureId: actor.prefectureId, countyId: null, active: true }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
  const figures = await schoolRetentions(db(), schools.map((s) => s.id), year);
  return schools.map((s) => {
    const f = figureOrNull(figures.get(s.id));
    const mine = f?.counties.find((c) => c.countyId === actor.countyId) ?? null;
    return { schoolId: s.id, schoolName: s.name, retention: f?.retention ?? null, final: f?.final ?? false, credit: mine };
  });
}
