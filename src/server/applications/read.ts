import "server-only";
import { cache } from "react";
import { Prisma } from "@/generated/prisma/client";
import { sql } from "@/server/sql";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan } from "@/server/auth/permissions";
import { db } from "@/server/db";
import { audit } from "@/server/audit";
import { notFound } from "@/server/errors";
import { phaseStatus, programmeYear } from "@/server/calendar/calendar";
import { pageArgs, toPage } from "@/server/pagination";
import { idNumberSearch } from "@/server/id-search";
import { APPLICATION_ENTRY_WINDOW } from "@/lib/calendar-settings";
import { formatChineseRange } from "@/lib/china-date";
import { maskIdNumber } from "@/lib/validators/id-number";
import { guardianRelationFromCode, type GuardianRelation } from "@/lib/schemas/application-fields";
import { EDITABLE_STATUSES, type ApplicationListQuery, type ApplicationStatus } from "@/lib/schemas/application-workflow";
import { applicationScope, applicationScopeSql, contactVisible, limitedView } from "./scope";
import { APPLICATION_INCLUDE, applicationPageRead, applicationTrail, type ApplicationRow } from "./page-read";
import { auditSummary, ownMiddleSchool, schoolLabel } from "./rules";

/** The application entry window of the current year, for the pages (the guard itself is assertInPhase). */
export async function entryWindowInfo(now: Date): Promise<{ open: boolean; text: string }> {
  const status = await phaseStatus({ now, phase: APPLICATION_ENTRY_WINDOW, verb: "录入报名" });
  return status.open ? { open: true, text: `${status.label}：${formatChineseRange(status.range)}` } : { open: false, text: status.message };
}

/**
 * Number of applications per status (in scope, one year), for the list header, the middle school's dashboard and its
 * inbox: one statement on the driver (decision 106), scoped as `applicationScope` (applicationScopeSql, tested equal).
 */
export async function statusCounts(actor: Actor, year: number): Promise<Partial<Record<ApplicationStatus, number>>> {
  const rows = await sql.$queryRaw<{ status: ApplicationStatus; n: number }[]>`
    SELECT a.status::text AS status, count(*)::int AS n FROM "Application" a WHERE ${applicationScopeSql(actor)} AND a.year = ${year} GROUP BY a.status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * `statusCounts` once per request for the same actor and year: the middle school's home page shows them in its
 * dashboard and its inbox (the layout's badge) counts from them too. React's `cache` holds them for one render only.
 */
export const requestStatusCounts = cache(statusCounts);

/** Vocational schools in the order of the paper form: prefecture-level schools first, then by official order. */
export async function listVocationalSchoolChoices(actor: Actor) {
  const rows = await db().vocationalSchool.findMany({
    where: { prefectureId: actor.prefectureId, active: true },
    select: { id: true, name: true, fullName: true, countyId: true, sortOrder: true },
    orderBy: { sortOrder: "asc" },
  });
  return [...rows.filter((r) => r.countyId === null), ...rows.filter((r) => r.countyId !== null)].map(
    ({ id, name, fullName }) => ({ id, name, fullName }),
  );
}

/** The preset "初中学校名" of a middle-school actor. */
export async function ownSchoolLabel(actor: Actor): Promise<string> {
  const school = await ownMiddleSchool(db(), actor);
  return schoolLabel(school.county.name, school.name);
}

export type ApplicationListItem = {
  id: string;
  studentName: string;
  sex: "MALE" | "FEMALE";
  idNumberMasked: string;
  className: string;
  middleSchoolLabel: string;
  vocationalSchoolName: string;
  status: ApplicationStatus;
  shanghaiFlag: boolean;
  createdAt: Date;
};

/** What a search box's text searches for: full-width forms folded, spaces dropped ("" = no search). */
const searchText = (q: string) => q.normalize("NFKC").replace(/\s+/g, "");

function searchFilter(q: string): Prisma.ApplicationWhereInput {
  const t = searchText(q);
  if (!t) return {};
  const byId = idNumberSearch(t);
  if (byId === "none") return { id: "__no_match__" };
  if (byId) return byId;
  return { studentName: { contains: t } };
}

/**
 * One page of applications in scope, filtered; ID numbers masked (SPEC §10). With `counts` (the page's counts per
 * state, `statusCounts` of `query.year`) and no filter but the state, the total is their sum (decision 102):
 * counting the scope's applications a second time was the list's costliest statement at a prefecture's scale.
 */
export async function listApplications(actor: Actor, query: ApplicationListQuery, now: Date, counts?: Promise<Partial<Record<ApplicationStatus, number>>>) {
  assertCan(actor, "application.read");
  const year = query.year ?? programmeYear(now);
  const where: Prisma.ApplicationWhereInput = {
    AND: [
      applicationScope(actor),
      { year },
      searchFilter(query.q),
      query.status ? { status: query.status } : {},
      query.className ? { className: query.className } : {},
      query.vocationalSchoolId ? { vocationalSchoolId: query.vocationalSchoolId } : {},
      query.middleSchoolId ? { middleSchoolId: query.middleSchoolId } : {},
    ],
  };
  // The schools' names come from one small statement read side by side with the page, not through the page's
  // relations: Prisma loads each level of relations after the level above (application → middle school → county:
  // three waits one after the other, decision 104). Every school of the tables is named (a few hundred at most), so
  // whatever rows the page holds are found.
  const [rows, total, names] = await Promise.all([
    db().application.findMany({
      where,
      select: {
        id: true, studentName: true, sex: true, idNumber: true, className: true, status: true, shanghaiFlag: true, createdAt: true, vocationalSchoolId: true,
        middleSchoolId: true,
      },
      orderBy: [{ className: "asc" }, { createdAt: "desc" }, { id: "asc" }],
      ...pageArgs(query.page),
    }),
    counts && !searchText(query.q) && !query.className && !query.vocationalSchoolId && !query.middleSchoolId && query.year !== undefined
      ? counts.then((c) => (query.status ? c[query.status] ?? 0 : Object.values(c).reduce((n, k) => n + (k ?? 0), 0)))
      : db().application.count({ where }),
    schoolNames(),
  ]);
  const items: ApplicationListItem[] = rows.map((r) => ({
    id: r.id,
    studentName: r.studentName,
    sex: r.sex,
    // A vocational school plans classes before send-off without the ID number or the 建档立卡 flag.
    idNumberMasked: limitedView(actor, r) ? "（送读后可见）" : maskIdNumber(r.idNumber),
    className: r.className,
    middleSchoolLabel: names.middleSchools[r.middleSchoolId],
    vocationalSchoolName: names.vocationalSchools[r.vocationalSchoolId],
    status: r.status,
    shanghaiFlag: limitedView(actor, r) ? false : r.shanghaiFlag,
    createdAt: r.createdAt,
  }));
  return { ...toPage(items, total, query.page), year };
}

/** Every middle school's label (county and name, as `schoolLabel`) and every vocational school's name, by id. */
async function schoolNames(): Promise<{ middleSchools: Record<string, string>; vocationalSchools: Record<string, string> }> {
  const [r] = await sql.$queryRaw<{ ms: Record<string, [string, string]> | null; vs: Record<string, string> | null }[]>`
    SELECT (SELECT json_object_agg(m.id, json_build_array(c.name, m.name)) FROM "MiddleSchool" m JOIN "County" c ON c.id = m."countyId") AS ms,
           (SELECT json_object_agg(v.id, v.name) FROM "VocationalSchool" v) AS vs`;
  const middleSchools: Record<string, string> = {};
  for (const [id, [county, name]] of Object.entries(r.ms ?? {})) middleSchools[id] = schoolLabel(county, name);
  return { middleSchools, vocationalSchools: r.vs ?? {} };
}

/**
 * Options for the list filters, all within the actor's scope: the classes and (for a county, the prefecture or a
 * vocational school) the middle schools that have applications of the year, from one grouping of the scope's
 * applications in one statement on the driver (decision 102; two scans of them through Prisma before).
 */
export async function listFilterOptions(actor: Actor, year: number) {
  const withSchools = actor.role === "COUNTY" || actor.role === "PREFECTURE" || actor.role === "VOCATIONAL_SCHOOL";
  const [[found], schools] = await Promise.all([
    sql.$queryRaw<{ classNames: string[] | null; middleSchools: { id: string; name: string; countyName: string }[] | null }[]>`
      WITH g AS MATERIALIZED (
        SELECT a."className", a."middleSchoolId" FROM "Application" a WHERE ${applicationScopeSql(actor)} AND a.year = ${year} GROUP BY 1, 2)
      SELECT (SELECT array_agg(DISTINCT "className" ORDER BY "className") FROM g) AS "classNames",
             ${withSchools ? Prisma.sql`(SELECT json_agg(json_build_object('id', m.id, 'name', m.name, 'countyName', c.name) ORDER BY c."sortOrder", m.name)
                FROM "MiddleSchool" m JOIN "County" c ON c.id = m."countyId" WHERE m.id IN (SELECT "middleSchoolId" FROM g))` : Prisma.sql`NULL::json`} AS "middleSchools"`,
    listVocationalSchoolChoices(actor),
  ]);
  return {
    classNames: found.classNames ?? [],
    vocationalSchools: schools,
    middleSchools: (found.middleSchools ?? []).map((m) => ({ id: m.id, label: schoolLabel(m.countyName, m.name) })),
  };
}

export type ApplicationView = {
  id: string;
  year: number;
  status: ApplicationStatus;
  middleSchoolId: string;
  middleSchoolLabel: string;
  countyName: string;
  className: string;
  headTeacherName: string;
  studentName: string;
  sex: "MALE" | "FEMALE";
  studentNumber: string;
  idNumber: string;
  idNumberMasked: string;
  birthDate: string;
  guardianName: string;
  guardianRelation: GuardianRelation;
  /** null when the actor may not see contact details (vocational school before send-off) */
  contact: {
    headTeacherPhone: string;
    studentPhone: string;
    guardianPhone: string;
    address: { county: string; township: string; village: string; street: string };
  } | null;
  reason: string | null;
  vocationalSchoolId: string;
  vocationalSchoolName: string;
  vocationalSchoolFullName: string;
  major: string | null;
  eligibilityGround: "LEARNING_DIFFICULTY" | "RETURNED_DROPOUT";
  shanghaiFlag: boolean;
  /** a vocational school before send-off: only name, sex, middle school, class and major are filled */
  limited: boolean;
  studentSigned: boolean;
  guardianSigned: boolean;
  consentDocument: { id: string; fileName: string; mimeType: string; size: number; createdAt: Date } | null;
  reviewDecision: boolean | null;
  reviewDate: string | null;
  reviewComment: string | null;
  reviewedByName: string | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  enteredByName: string;
  imported: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * One application for its own page, the edit form or the printout. The page ("page") gets the ID
 * number masked only: the full number comes from the "显示完整身份证号" click (reveal.ts, audited as
 * `idNumber.reveal`), never with the page. The printout and the edit form need the full number:
 * "print" / "edit" write `application.print` / `application.reveal` in the same transaction (SPEC §10).
 */
export async function getApplication(actor: Actor, id: string, purpose: "page" | "print" | "edit"): Promise<ApplicationView> {
  assertCan(actor, "application.read");
  // The page reads only (masked), on the driver in one statement (applicationPageRead).
  if (purpose === "page") return (await pageRead(actor, id)).view;
  // The printout and the edit form show the full ID number: their audit row is written in the read's transaction.
  return db().$transaction(async (tx) => {
    const a = await tx.application.findFirst({ where: { AND: [applicationScope(actor), { id }] }, include: APPLICATION_INCLUDE });
    if (!a) throw notFound("报名申请");
    if (purpose === "print" && !contactVisible(actor, a)) throw notFound("报名申请");
    if (purpose === "edit" && (actor.role !== "MIDDLE_SCHOOL" || !(EDITABLE_STATUSES as readonly string[]).includes(a.status))) {
      throw notFound("可修改的报名申请");
    }
    const userIds = [a.enteredById, a.reviewedById].filter((x): x is string => !!x);
    const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
    const nameOf = (uid: string | null) => (uid ? (users.find((u) => u.id === uid)?.displayName ?? null) : null);
    if (contactVisible(actor, a)) await audit(tx, actor, purpose === "print" ? "application.print" : "application.reveal", { type: "Application", id: a.id }, auditSummary(a, { purpose }));
    return applicationView(actor, a, { enteredByName: nameOf(a.enteredById), reviewedByName: nameOf(a.reviewedById) }, purpose);
  });
}

/**
 * The application's page: the application (masked), its trail and, once sent off, the id of the student's page, in
 * two statements side by side on the driver (decision 107): on a busy server each statement waited for in turn is a
 * wait behind the other requests, and Prisma's form took ten in five waits. The trail is read unscoped and shown only
 * when the application was found in the actor's scope and the actor may see its steps.
 */
export async function getApplicationPage(actor: Actor, id: string): Promise<{ view: ApplicationView; enrolmentId: string | null; history: Awaited<ReturnType<typeof applicationTrail>> }> {
  assertCan(actor, "application.read");
  const [{ view, enrolmentId }, trail] = await Promise.all([pageRead(actor, id), applicationTrail(id)]);
  // the middle school's steps are not the vocational school's business before send-off
  return { view, enrolmentId, history: view.limited ? [] : trail };
}

/** One application in the actor's scope as its page shows it, and its enrolment's id in the actor's scope. */
async function pageRead(actor: Actor, id: string): Promise<{ view: ApplicationView; enrolmentId: string | null }> {
  const found = await applicationPageRead(actor, id);
  if (!found) throw notFound("报名申请");
  return { view: applicationView(actor, found.a, found, "page"), enrolmentId: found.enrolmentId };
}

/** What the page, the printout and the edit form show of a read application: the actor's view of it. */
function applicationView(actor: Actor, a: ApplicationRow, names: { enteredByName: string | null; reviewedByName: string | null }, purpose: "page" | "print" | "edit"): ApplicationView {
  const showContact = contactVisible(actor, a);
  const limited = limitedView(actor, a);
  const hide = <T,>(v: T, blank: T): T => (limited ? blank : v);
  const full = showContact && purpose !== "page";
  return {
    id: a.id,
    year: a.year,
    status: a.status,
    middleSchoolId: a.middleSchoolId,
    middleSchoolLabel: schoolLabel(a.middleSchool.county.name, a.middleSchool.name),
    countyName: a.middleSchool.county.name,
    className: a.className,
    headTeacherName: hide(a.headTeacherName, ""),
    studentName: a.studentName,
    sex: a.sex,
    studentNumber: hide(a.studentNumber, ""),
    // The full ID number (and birth date) only for the printout and the edit form; a vocational school only of students sent off to it.
    idNumber: full ? a.idNumber : "",
    idNumberMasked: hide(maskIdNumber(a.idNumber), ""),
    birthDate: full ? a.birthDate : "",
    guardianName: hide(a.guardianName, ""),
    guardianRelation: guardianRelationFromCode(a.guardianRelation),
    contact: showContact
      ? {
          headTeacherPhone: a.headTeacherPhone,
          studentPhone: a.studentPhone,
          guardianPhone: a.guardianPhone,
          address: { county: a.addressCounty, township: a.addressTownship, village: a.addressVillage, street: a.addressStreet },
        }
      : null,
    reason: hide(a.reason, null),
    vocationalSchoolId: a.vocationalSchoolId,
    vocationalSchoolName: a.vocationalSchool.name,
    vocationalSchoolFullName: a.vocationalSchool.fullName,
    major: a.major,
    eligibilityGround: a.eligibilityGround,
    shanghaiFlag: hide(a.shanghaiFlag, false),
    limited,
    studentSigned: a.studentSigned,
    guardianSigned: a.guardianSigned,
    // the signed paper holds phones and address: same visibility as the contact details
    consentDocument: showContact ? a.consentDocument : null,
    reviewDecision: a.reviewDecision,
    reviewDate: a.reviewDate,
    reviewComment: hide(a.reviewComment, null),
    reviewedByName: a.reviewedById ? (names.reviewedByName ?? "（未知）") : null,
    withdrawnAt: a.withdrawnAt,
    withdrawReason: hide(a.withdrawReason, null),
    enteredByName: names.enteredByName ?? "（未知）",
    imported: a.importBatchId !== null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

