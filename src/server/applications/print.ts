import "server-only";

/**
 * 附件3 printing: the fields of one printed form, and the batch of a school's (or one class's)
 * approved forms printed as one job for the signatures session (issue 16, item 3).
 *
 * The printed form carries the full ID number, phones and address: the batch reads only what the
 * actor may see in full (`applicationContactScope`) and writes one audit row naming every student.
 */
import { db } from "@/server/db";
import { audit } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { assertCan } from "@/server/auth/permissions";
import type { Actor } from "@/server/auth/load-actor";
import { applicationContactScope } from "./scope";
import { listVocationalSchoolChoices } from "./read";
import { schoolLabel } from "./rules";
import { guardianRelationFromCode, type GuardianRelation, type Sex } from "@/lib/schemas/application-fields";
import { maskIdNumber } from "@/lib/validators/id-number";
import { compareClassThenName } from "@/lib/roster-order";
import type { Application } from "@/generated/prisma/client";

export type Annex3PrintForm = {
  id: string;
  middleSchoolLabel: string;
  className: string;
  headTeacherName: string;
  headTeacherPhone: string;
  studentName: string;
  sex: Sex;
  studentPhone: string;
  address: { county: string; township: string; village: string; street: string };
  studentNumber: string;
  idNumber: string;
  guardianName: string;
  guardianRelation: GuardianRelation;
  guardianPhone: string;
  reason: string | null;
  vocationalSchoolId: string;
  major: string | null;
  reviewDecision: boolean | null;
  /** "YYYY-MM-DD" */
  reviewDate: string | null;
};

export type PrintSchoolChoice = { id: string; name: string; fullName: string };

/** The 报名就读 list of the form: the prefecture's schools, plus any chosen school no longer active. */
export async function printSchoolChoices(actor: Actor, chosen: PrintSchoolChoice[]): Promise<PrintSchoolChoice[]> {
  const schools = await listVocationalSchoolChoices(actor);
  for (const c of chosen) if (!schools.some((s) => s.id === c.id)) schools.push(c);
  return schools;
}

/** The printed form's fields of an application row (also the 附件3 汇总表's, ./export.ts). */
export function printFormOf(a: Application, middleSchoolLabel: string): Annex3PrintForm {
  return {
    id: a.id,
    middleSchoolLabel,
    className: a.className,
    headTeacherName: a.headTeacherName,
    headTeacherPhone: a.headTeacherPhone,
    studentName: a.studentName,
    sex: a.sex,
    studentPhone: a.studentPhone,
    address: { county: a.addressCounty, township: a.addressTownship, village: a.addressVillage, street: a.addressStreet },
    studentNumber: a.studentNumber,
    idNumber: a.idNumber,
    guardianName: a.guardianName,
    guardianRelation: guardianRelationFromCode(a.guardianRelation),
    guardianPhone: a.guardianPhone,
    reason: a.reason,
    vocationalSchoolId: a.vocationalSchoolId,
    major: a.major,
    reviewDecision: a.reviewDecision,
    reviewDate: a.reviewDate,
  };
}


/**
 * The approved forms (同意; also those already sent off) of one middle school and year, or of one
 * class of it, sorted by class ("九年级（2）班" before "九年级（10）班") and name. A middle school prints
 * its own; a county, the prefecture or a vocational school names the school (`middleSchoolId`), and
 * sees only what its scope allows. One audit row `application.print.batch` lists the students.
 */
export async function approvedFormsForPrint(
  actor: Actor,
  input: { year: number; middleSchoolId?: string; className?: string },
): Promise<{ forms: Annex3PrintForm[]; schools: PrintSchoolChoice[]; middleSchoolLabel: string | null }> {
  assertCan(actor, "application.read");
  const middleSchoolId = actor.role === "MIDDLE_SCHOOL" ? actor.middleSchoolId : input.middleSchoolId;
  if (!middleSchoolId) {
    throw new AppError("VALIDATION", "请先在“初中学校”中选择一所学校，再批量打印该校（或该校一个班级）已审核同意的申请表。");
  }
  if (actor.role === "MIDDLE_SCHOOL" && input.middleSchoolId && input.middleSchoolId !== actor.middleSchoolId) throw notFound("初中学校");
  const className = input.className?.trim() || undefined;

  const result = await db().$transaction(async (tx) => {
    const rows = await tx.application.findMany({
      where: {
        AND: [
          applicationContactScope(actor),
          { year: input.year, middleSchoolId, status: { in: ["APPROVED", "SENT_OFF"] }, reviewDecision: true },
          className ? { className } : {},
        ],
      },
      include: {
        middleSchool: { select: { name: true, county: { select: { name: true } } } },
        vocationalSchool: { select: { id: true, name: true, fullName: true } },
      },
    });
    rows.sort(compareClassThenName);
    if (rows.length > 0) {
      await audit(tx, actor, "application.print.batch", { type: "MiddleSchool", id: middleSchoolId }, {
        year: input.year,
        className: className ?? null,
        count: rows.length,
        students: rows.map((r) => `${r.studentName} ${maskIdNumber(r.idNumber)}`),
      });
    }
    return rows;
  });

  const forms = result.map((a) => printFormOf(a, schoolLabel(a.middleSchool.county.name, a.middleSchool.name)));
  const chosen = [...new Map(result.map((a) => [a.vocationalSchool.id, a.vocationalSchool])).values()];
  return {
    forms,
    schools: await printSchoolChoices(actor, chosen),
    middleSchoolLabel: forms[0]?.middleSchoolLabel ?? null,
  };
}
