import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { enrolmentScope } from "@/server/send-off/scope";
import { CONTINUATION_LABELS, graduateGaps, isMissing, type MissingKind } from "@/lib/graduation";
import { REGISTRATION_LABELS } from "@/lib/student-status";

/** Graduates (status GRADUATED, decision 024) of a year in the actor's scope, with their files and certificates. */
export async function graduates(actor: Actor, year: number) {
  assertCan(actor, "graduation.read");
  const rows = await db().enrolment.findMany({
    where: { AND: [enrolmentScope(actor), { year, status: "GRADUATED" }] },
    include: {
      application: { select: { studentName: true, sex: true, className: true } },
      county: { select: { name: true, sortOrder: true } },
      middleSchool: { select: { name: true } },
      vocationalSchool: { select: { id: true, name: true, sortOrder: true } },
      class: { select: { name: true } },
      events: {
        where: { type: { in: ["GRADES_SENT", "COMPULSORY_CERTIFICATE", "SKILL_CERTIFICATE"] }, revokedAt: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, type: true, occurredOn: true, certificateNo: true, certificateName: true, certificateLevel: true, receivedOn: true },
      },
    },
    orderBy: [{ vocationalSchool: { sortOrder: "asc" } }, { county: { sortOrder: "asc" } }, { middleSchool: { name: "asc" } }, { application: { studentName: "asc" } }],
  });
  return rows.map((e) => {
    const grades = e.events.find((ev) => ev.type === "GRADES_SENT") ?? null;
    const compulsory = e.events.find((ev) => ev.type === "COMPULSORY_CERTIFICATE") ?? null;
    const skills = e.events.filter((ev) => ev.type === "SKILL_CERTIFICATE");
    const records = { compulsoryCertificate: !!compulsory, skillCertificates: skills.length, gradesSent: !!grades, gradesReceived: !!grades?.receivedOn };
    return {
      id: e.id, studentName: e.application.studentName, sex: e.application.sex === "MALE" ? "男" : "女",
      countyName: e.county.name, middleSchoolName: e.middleSchool.name, middleSchoolClass: e.application.className,
      vocationalSchoolId: e.vocationalSchool.id, vocationalSchoolName: e.vocationalSchool.name, className: e.class?.name ?? "", studentNo: e.studentNo ?? "",
      graduatedOn: e.graduatedOn,
      path: e.continuationPath ? CONTINUATION_LABELS[e.continuationPath] + (e.continuationNote ? `（${e.continuationNote}）` : "") : null,
      registration: e.registrationDecision ? REGISTRATION_LABELS[e.registrationDecision] : null,
      grades: grades && { eventId: grades.id, sentOn: grades.occurredOn, receivedOn: grades.receivedOn },
      compulsory: compulsory && { number: compulsory.certificateNo ?? "", issuedOn: compulsory.occurredOn },
      skills: skills.map((s) => ({ name: s.certificateName ?? "", level: s.certificateLevel ?? "", number: s.certificateNo ?? "", issuedOn: s.occurredOn })),
      records, gaps: graduateGaps(records),
    };
  });
}

export type Graduate = Awaited<ReturnType<typeof graduates>>[number];

/**
 * The graduation page: per vocational school the number of graduates and of those still missing each
 * certificate (lists per school), and the graduates filtered by school and by what they lack.
 */
export async function graduationBoard(actor: Actor, year: number, filter: { schoolId?: string; missing?: MissingKind }) {
  const all = await graduates(actor, year);
  const bySchool = new Map<string, { schoolId: string; schoolName: string; graduates: number; missingCompulsory: number; missingSkill: number; missingAny: number; filesPending: number }>();
  for (const g of all) {
    const s = bySchool.get(g.vocationalSchoolId) ?? { schoolId: g.vocationalSchoolId, schoolName: g.vocationalSchoolName, graduates: 0, missingCompulsory: 0, missingSkill: 0, missingAny: 0, filesPending: 0 };
    s.graduates++;
    if (isMissing(g.records, "COMPULSORY")) s.missingCompulsory++;
    if (isMissing(g.records, "SKILL")) s.missingSkill++;
    if (isMissing(g.records, "ANY")) s.missingAny++;
    if (isMissing(g.records, "FILES")) s.filesPending++;
    bySchool.set(g.vocationalSchoolId, s);
  }
  const rows = all.filter((g) => (!filter.schoolId || g.vocationalSchoolId === filter.schoolId) && (!filter.missing || isMissing(g.records, filter.missing)));
  return { schools: [...bySchool.values()], rows, total: all.length };
}

/** Students of the vocational school still 在读 in a year: the ones it may record as 完成义务教育. */
export async function completionCandidates(caller: Actor, year: number) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "graduation.vocational");
  const rows = await db().enrolment.findMany({
    where: { vocationalSchoolId: actor.vocationalSchoolId, year, arrivalStatus: "ARRIVED", status: "ENROLLED" },
    include: { application: { select: { studentName: true } }, class: { select: { name: true } }, county: { select: { name: true } }, middleSchool: { select: { name: true } } },
    orderBy: [{ class: { name: "asc" } }, { studentNo: "asc" }],
  });
  return rows.map((e) => ({ id: e.id, studentName: e.application.studentName, className: e.class?.name ?? "", studentNo: e.studentNo ?? "", countyName: e.county.name, middleSchoolName: e.middleSchool.name }));
}

/**
 * Years the graduation page offers: the programme year and every year with graduates in scope. Default: the
 * programme year once it has arrived students in scope (graduation is recorded during it), else the latest
 * year with graduates.
 */
export async function graduationYears(actor: Actor, current: number) {
  assertCan(actor, "graduation.read");
  const [withGraduates, currentStudents] = await Promise.all([
    db().enrolment.findMany({ where: { AND: [enrolmentScope(actor), { status: "GRADUATED" }] }, distinct: ["year"], select: { year: true }, orderBy: { year: "desc" } }),
    db().enrolment.count({ where: { AND: [enrolmentScope(actor), { year: current, arrivalStatus: "ARRIVED" }] } }),
  ]);
  const years = [...new Set([current, ...withGraduates.map((y) => y.year)])].sort((a, b) => b - a);
  return { years, defaultYear: currentStudents > 0 ? current : (withGraduates[0]?.year ?? current) };
}
