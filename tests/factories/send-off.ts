// Factories for send-off tests: an issued plan, allocations, the 2020 calendar and approved applications.
import { nextIdNumber, nextStudentNumber } from "./applications";
import type { PrismaClient } from "../../src/generated/prisma/client";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

export async function ensureCalendar(db: Db, year = 2020, mayDayHolidayEnd = "2020-05-05", updatedById = "seed") {
  return db.yearCalendar.upsert({
    where: { year },
    update: {},
    create: { year, mayDayHolidayEnd, extraNonWorkingDays: [], makeUpWorkingDays: [], makeUpSaturdaysCount: false, autumnRegistrationDate: `${year}-09-15`, updatedById },
  });
}

/** An issued plan version for `year` with the given caps (unspecified counties/schools get 0). */
export async function createIssuedPlan(
  db: Db,
  opts: { year: number; createdById: string; counties: { countyId: string; sendOffCap: number; cohortBase?: number; shanghaiTask?: number }[]; vocational: { vocationalSchoolId: string; enrolCap: number; shanghaiTask?: number }[] },
) {
  const plan = await db.quotaPlan.upsert({ where: { year: opts.year }, update: {}, create: { year: opts.year, cohortBaseYear: opts.year - 3 } });
  const last = await db.planVersion.findFirst({ where: { planId: plan.id }, orderBy: { version: "desc" } });
  // Whatever the latest version is (a discarded draft may follow the issued one), the issued one is superseded.
  await db.planVersion.updateMany({ where: { planId: plan.id, status: "ISSUED" }, data: { status: "SUPERSEDED" } });
  return db.planVersion.create({
    data: {
      planId: plan.id, version: (last?.version ?? 0) + 1, status: "ISSUED", createdById: opts.createdById, issuedById: opts.createdById, issuedAt: new Date(),
      amendReason: last ? "测试调整" : null,
      countyQuotas: { create: opts.counties.map((c) => ({ countyId: c.countyId, sendOffCap: c.sendOffCap, cohortBase: c.cohortBase ?? Math.ceil((c.sendOffCap * 10) / 3), shanghaiTask: c.shanghaiTask ?? 0 })) },
      vocationalQuotas: { create: opts.vocational.map((v) => ({ vocationalSchoolId: v.vocationalSchoolId, enrolCap: v.enrolCap, shanghaiTask: v.shanghaiTask ?? 0 })) },
    },
  });
}

export async function allocate(db: Db, planYear: number, middleSchoolId: string, allocation: number, updatedById = "seed") {
  const plan = await db.quotaPlan.findUniqueOrThrow({ where: { year: planYear } });
  return db.middleSchoolAllocation.upsert({
    where: { planId_middleSchoolId: { planId: plan.id, middleSchoolId } },
    update: { allocation, updatedById },
    create: { planId: plan.id, middleSchoolId, allocation, updatedById },
  });
}

/** `count` applications in the given state (APPROVED by default, with both signatures and a consent scan). */
export async function createApplications(
  db: Db,
  opts: { count: number; year?: number; middleSchoolId: string; vocationalSchoolId: string; enteredById: string; status?: "DRAFT" | "SIGNED" | "APPROVED" | "REJECTED"; shanghaiFlag?: boolean; className?: string },
) {
  const school = await db.middleSchool.findUniqueOrThrow({ where: { id: opts.middleSchoolId } });
  const status = opts.status ?? "APPROVED";
  const signed = status !== "DRAFT";
  const ids: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    let consentDocumentId: string | null = null;
    if (signed) {
      const doc = await db.document.create({
        data: { kind: "CONSENT_SCAN", fileName: "consent.png", mimeType: "image/png", size: 8, sha256: "0".repeat(64), middleSchoolId: school.id, countyId: school.countyId, uploadedById: opts.enteredById, blob: { create: { bytes: Buffer.from("89504e470d0a1a0a", "hex") } } },
      });
      consentDocumentId = doc.id;
    }
    const sex = i % 2 === 0 ? "MALE" : "FEMALE";
    const app = await db.application.create({
      data: {
        year: opts.year ?? 2020, countyId: school.countyId, middleSchoolId: school.id,
        className: opts.className ?? `初三(${1 + (i % 3)})班`, headTeacherName: "李老师", headTeacherPhone: "13800000000",
        studentName: `学生${String(i + 1).padStart(3, "0")}`, sex, studentPhone: "13900000000",
        addressCounty: "楚雄市", addressTownship: "鹿城镇", addressVillage: "北浦社区", addressStreet: "北浦路",
        studentNumber: nextStudentNumber(),
        idNumber: nextIdNumber(sex), birthDate: "2005-03-01",
        guardianName: "王家长", guardianRelation: sex === "MALE" ? "FATHER_SON" : "MOTHER_DAUGHTER", guardianPhone: "13700000000",
        vocationalSchoolId: opts.vocationalSchoolId, eligibilityGround: "LEARNING_DIFFICULTY", shanghaiFlag: opts.shanghaiFlag ?? false,
        studentSigned: signed, guardianSigned: signed, consentDocumentId,
        status, reviewDecision: status === "APPROVED" ? true : status === "REJECTED" ? false : null,
        reviewDate: status === "APPROVED" || status === "REJECTED" ? "2020-04-28" : null,
        enteredById: opts.enteredById,
      },
    });
    ids.push(app.id);
  }
  return ids;
}
