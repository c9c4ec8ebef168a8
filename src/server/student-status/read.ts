import "server-only";
import { db } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { assertCan, actorAs } from "@/server/auth/permissions";
import { userLabels } from "@/server/user-labels";
import { notFound } from "@/server/errors";
import { enrolmentScope } from "@/server/send-off/scope";
import { pageArgs, toPage } from "@/server/pagination";
import { chinaDateOf } from "@/lib/china-date";
import { maskIdNumber } from "@/lib/validators/id-number";
import {
  LEAVE_TYPES, exemptionExplanation, isExempt, isLeaveType, REGISTRATION_LABELS, type LeaveType,
} from "@/lib/student-status";
import { CONTINUATION_LABELS } from "@/lib/graduation";
import type { Prisma } from "@/generated/prisma/client";

export type StudentQuery = {
  q: string;
  page: number;
  /** "" all · ENROLLED · LEFT · GRADUATED · RETURNERS (回原初中, for the middle school: 已回校) · EXAM (考试返校) */
  view: "" | "ENROLLED" | "LEFT" | "GRADUATED" | "RETURNERS" | "EXAM";
};

const PAGE = 30;

/** Students after send-off that the actor may see (a vocational school its own, a middle school its own, a county its county). */
export async function listStudents(actor: Actor, query: StudentQuery, year: number) {
  assertCan(actor, "student.read");
  const where: Prisma.EnrolmentWhereInput = {
    AND: [
      enrolmentScope(actor),
      { year },
      query.q ? { OR: [{ application: { studentName: { contains: query.q } } }, { studentNo: { contains: query.q } }] } : {},
      query.view === "ENROLLED" || query.view === "LEFT" || query.view === "GRADUATED" ? { status: query.view } : {},
      query.view === "RETURNERS" ? { events: { some: { type: "LEFT_RETURN_MIDDLE_SCHOOL", revokedAt: null } } } : {},
      query.view === "EXAM" ? { events: { some: { type: "EXAM_RETURN", revokedAt: null } } } : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db().enrolment.findMany({
      where,
      include: {
        application: { select: { studentName: true, sex: true, idNumber: true, className: true } },
        county: { select: { name: true } },
        middleSchool: { select: { name: true } },
        vocationalSchool: { select: { name: true } },
        class: { select: { name: true } },
        events: {
          where: { type: { in: [...LEAVE_TYPES, "EXAM_RETURN"] }, revokedAt: null },
          orderBy: { createdAt: "desc" },
          select: { id: true, type: true, occurredOn: true, proofDocumentId: true, otherSchoolName: true, returnConfirmedAt: true, examBackOn: true },
        },
      },
      orderBy: [{ county: { sortOrder: "asc" } }, { middleSchool: { name: "asc" } }, { application: { studentName: "asc" } }],
      ...pageArgs(query.page, PAGE),
    }),
    db().enrolment.count({ where }),
  ]);
  return toPage(
    rows.map((e) => {
      const leave = e.events.find((ev) => isLeaveType(ev.type));
      const exam = e.events.find((ev) => ev.type === "EXAM_RETURN");
      return {
        id: e.id, studentName: e.application.studentName, sex: e.application.sex === "MALE" ? "男" : "女",
        idMasked: maskIdNumber(e.application.idNumber), countyName: e.county.name, middleSchoolName: e.middleSchool.name,
        middleSchoolClass: e.application.className, vocationalSchoolName: e.vocationalSchool.name,
        className: e.class?.name ?? null, studentNo: e.studentNo, arrivalStatus: e.arrivalStatus, status: e.status,
        registration: e.registrationDecision ? REGISTRATION_LABELS[e.registrationDecision] : null,
        leave: leave && {
          eventId: leave.id, type: leave.type as LeaveType, occurredOn: leave.occurredOn, hasProof: !!leave.proofDocumentId,
          exempt: isExempt(leave.type as LeaveType, !!leave.proofDocumentId), otherSchoolName: leave.otherSchoolName,
          returnConfirmedAt: leave.returnConfirmedAt,
        },
        exam: exam && { occurredOn: exam.occurredOn, examBackOn: exam.examBackOn },
      };
    }),
    total, query.page, PAGE,
  );
}

/**
 * Everything about one student (one enrolment) for a role that may see them. The ID number is masked:
 * the full number comes only from the "显示完整身份证号" click (applications/reveal.ts, audited).
 */
export async function getStudent(actor: Actor, enrolmentId: string) {
  assertCan(actor, "student.read");
  return db().$transaction(async (tx) => {
    const e = await tx.enrolment.findFirst({
      where: { AND: [enrolmentScope(actor), { id: enrolmentId }] },
      include: {
        application: {
          select: {
            id: true, year: true, studentName: true, sex: true, idNumber: true, className: true, studentNumber: true, headTeacherName: true,
            major: true, eligibilityGround: true, shanghaiFlag: true, reviewDate: true, status: true, createdAt: true,
          },
        },
        county: { select: { name: true } },
        middleSchool: { select: { name: true } },
        vocationalSchool: { select: { name: true, fullName: true } },
        class: { select: { name: true, major: true, headTeacherName: true } },
        rosterChecks: { include: { submission: { select: { version: true, supersededAt: true } } }, orderBy: { checkedAt: "desc" } },
        events: {
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          include: { proofDocument: { select: { id: true, fileName: true, createdAt: true } } },
        },
      },
    });
    if (!e) throw notFound("学生");
    const who = await userLabels(tx, [e.sentOffById, ...e.events.flatMap((ev) => [ev.recordedById, ev.revokedById, ev.returnConfirmedById, ev.receivedById]), e.registrationDecidedById]);
    const submissions = await tx.rosterSubmission.findMany({
      where: { vocationalSchoolId: e.vocationalSchoolId, year: e.year, supersededAt: null },
      select: { version: true, submittedAt: true, rows: true },
    });
    const inRoster = submissions.find((s) => (s.rows as { enrolmentId: string }[]).some((r) => r.enrolmentId === e.id));
    const liveLeave = e.events.find((ev) => isLeaveType(ev.type) && !ev.revokedAt);
    return {
      id: e.id, year: e.year, status: e.status, arrivalStatus: e.arrivalStatus, arrivedOn: e.arrivedOn,
      graduatedOn: e.graduatedOn, continuationPath: e.continuationPath, continuationNote: e.continuationNote, registrationDecision: e.registrationDecision,
      sentOffOn: chinaDateOf(e.sentOffAt), sentOffBy: who(e.sentOffById), studentNo: e.studentNo,
      middleSchoolId: e.middleSchoolId, vocationalSchoolId: e.vocationalSchoolId,
      // never the full ID number with the page (decision 072)
      application: (({ idNumber, ...rest }) => ({ ...rest, idNumberMasked: maskIdNumber(idNumber) }))(e.application), countyName: e.county.name, middleSchoolName: e.middleSchool.name,
      vocationalSchoolName: e.vocationalSchool.fullName, class: e.class,
      registration: e.registrationDecision ? { label: REGISTRATION_LABELS[e.registrationDecision], at: e.registrationDecidedAt, by: who(e.registrationDecidedById) } : null,
      roster: {
        submittedVersion: inRoster?.version ?? null, submittedAt: inRoster?.submittedAt ?? null,
        check: e.rosterChecks.find((c) => !c.submission.supersededAt) ?? null,
      },
      leave: liveLeave && {
        eventId: liveLeave.id, type: liveLeave.type as LeaveType, hasProof: !!liveLeave.proofDocumentId,
        exempt: isExempt(liveLeave.type as LeaveType, !!liveLeave.proofDocumentId),
        explanation: exemptionExplanation(liveLeave.type as LeaveType, !!liveLeave.proofDocumentId),
      },
      events: e.events.map((ev) => ({
        id: ev.id, type: ev.type, occurredOn: ev.occurredOn, comment: ev.comment, otherSchoolName: ev.otherSchoolName,
        recordedBy: who(ev.recordedById), createdAt: ev.createdAt,
        revokedAt: ev.revokedAt, revokedBy: who(ev.revokedById), correctsEventId: ev.correctsEventId,
        correctedById: e.events.find((c) => c.correctsEventId === ev.id)?.id ?? null,
        proof: ev.proofDocument, examUntil: ev.examUntil, examBackOn: ev.examBackOn,
        returnConfirmedAt: ev.returnConfirmedAt, returnConfirmedBy: who(ev.returnConfirmedById),
        certificateNo: ev.certificateNo, certificateName: ev.certificateName, certificateLevel: ev.certificateLevel,
        receivedOn: ev.receivedOn, receivedBy: who(ev.receivedById),
        exempt: isLeaveType(ev.type) ? isExempt(ev.type, !!ev.proofDocumentId) : null,
      })),
    };
  });
}

export type StudentDetail = Awaited<ReturnType<typeof getStudent>>;

/** The vocational school's students of the year for autumn registration (arrived ones; leavers shown, not selectable). */
export async function registrationList(caller: Actor, year: number) {
  const actor = actorAs(caller, "VOCATIONAL_SCHOOL");
  assertCan(actor, "registration.edit");
  const rows = await db().enrolment.findMany({
    where: { vocationalSchoolId: actor.vocationalSchoolId, year, arrivalStatus: "ARRIVED" },
    include: { application: { select: { studentName: true, sex: true, className: true } }, county: { select: { name: true, sortOrder: true } }, middleSchool: { select: { name: true } }, class: { select: { name: true } } },
    orderBy: [{ class: { name: "asc" } }, { studentNo: "asc" }],
  });
  return rows.map((e) => ({
    id: e.id, studentName: e.application.studentName, sex: e.application.sex === "MALE" ? "男" : "女", countyName: e.county.name,
    middleSchoolName: e.middleSchool.name, className: e.class?.name ?? "", studentNo: e.studentNo ?? "", status: e.status,
    decision: e.registrationDecision, decisionLabel: e.registrationDecision ? REGISTRATION_LABELS[e.registrationDecision] : null,
    pathLabel: e.continuationPath ? CONTINUATION_LABELS[e.continuationPath] : null,
  }));
}

/** The years with sent-off students in the actor's scope, newest first. */
export async function enrolmentYears(actor: Actor): Promise<number[]> {
  const rows = await db().enrolment.findMany({ where: enrolmentScope(actor), distinct: ["year"], select: { year: true }, orderBy: { year: "desc" } });
  return rows.map((r) => r.year);
}

/** The enrolment (送读 record) of an application, when it is in the actor's scope. */
export async function enrolmentIdOfApplication(actor: Actor, applicationId: string): Promise<string | null> {
  const e = await db().enrolment.findFirst({ where: { AND: [enrolmentScope(actor), { applicationId }] }, select: { id: true } });
  return e?.id ?? null;
}
