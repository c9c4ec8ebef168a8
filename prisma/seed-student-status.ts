// Demo data for issue 13: a completed past year (2019) after send-off — 报到, classes, 附件4 submitted and
// confirmed, leavers of every type (with and without proof, one wrong record corrected), a provincial-exam
// return, the middle school's confirmed returner, autumn registration done and 附件6 submitted and received.
// Plain Prisma (runs under tsx); rows are written directly with the dates they had in 2019.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../src/generated/prisma/client";
import { createYearCalendar } from "./factories/calendar";
import { createApplicationRow, tinyPdf, tinyPng, validIdNumber } from "./factories/applications";
import { annex6LossColumns, isExempt, type LeaveType } from "../src/lib/student-status";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);

type Fate =
  | { kind: "registered" }
  | { kind: "notContinuing" }
  | { kind: "exam"; registered: true }
  | { kind: "leave"; type: LeaveType; on: string; proof?: "png" | "pdf"; otherSchoolName?: string; comment?: string; confirmed?: boolean }
  | { kind: "corrected"; registered: true };

type Student = { name: string; sex: "MALE" | "FEMALE"; school: string; county: string; className: string; fate: Fate };

const VOC = "楚雄市职中";
const STUDENTS: Student[] = [
  { name: "李春华", sex: "MALE", school: "楚雄市第一中学", county: "楚雄市", className: "九年级（2）班", fate: { kind: "leave", type: "LEFT_RETURN_MIDDLE_SCHOOL", on: "2019-06-10", proof: "png", confirmed: true } },
  { name: "杨丽芬", sex: "FEMALE", school: "楚雄市第一中学", county: "楚雄市", className: "九年级（2）班", fate: { kind: "registered" } },
  { name: "张文斌", sex: "MALE", school: "楚雄市第一中学", county: "楚雄市", className: "九年级（3）班", fate: { kind: "exam", registered: true } },
  { name: "罗金凤", sex: "FEMALE", school: "楚雄市鹿城中学", county: "楚雄市", className: "九年级（1）班", fate: { kind: "leave", type: "LEFT_OTHER_HIGH_SCHOOL", on: "2019-07-02", proof: "pdf", otherSchoolName: "楚雄州民族中学" } },
  { name: "普永福", sex: "MALE", school: "楚雄市鹿城中学", county: "楚雄市", className: "九年级（1）班", fate: { kind: "leave", type: "LEFT_DROPOUT", on: "2019-06-24", comment: "外出务工" } },
  { name: "赵明亮", sex: "MALE", school: "楚雄市鹿城中学", county: "楚雄市", className: "九年级（4）班", fate: { kind: "corrected", registered: true } },
  { name: "者秀兰", sex: "FEMALE", school: "双柏县第一中学", county: "双柏县", className: "九年级（1）班", fate: { kind: "leave", type: "LEFT_RETURN_MIDDLE_SCHOOL", on: "2019-08-26" } },
  { name: "鲁建军", sex: "MALE", school: "双柏县第一中学", county: "双柏县", className: "九年级（1）班", fate: { kind: "leave", type: "LEFT_OTHER", on: "2019-07-15", comment: "随父母迁往外省" } },
  { name: "起海燕", sex: "FEMALE", school: "双柏县第一中学", county: "双柏县", className: "九年级（3）班", fate: { kind: "notContinuing" } },
  { name: "王志刚", sex: "MALE", school: "双柏县第一中学", county: "双柏县", className: "九年级（3）班", fate: { kind: "registered" } },
  { name: "陈玉梅", sex: "FEMALE", school: "楚雄市东瓜中学", county: "楚雄市", className: "九年级（5）班", fate: { kind: "registered" } },
  { name: "苏国强", sex: "MALE", school: "楚雄市东瓜中学", county: "楚雄市", className: "九年级（5）班", fate: { kind: "leave", type: "LEFT_OTHER_HIGH_SCHOOL", on: "2019-09-03", otherSchoolName: "楚雄东兴中学" } },
];

async function proofDocument(db: Db, kind: "png" | "pdf", owner: { countyId: string; middleSchoolId: string; vocationalSchoolId: string }, uploadedById: string, name: string) {
  const bytes = kind === "png" ? tinyPng(16, 16) : tinyPdf();
  return db.document.create({
    data: {
      kind: "LEAVE_PROOF", fileName: name, mimeType: kind === "png" ? "image/png" : "application/pdf", size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"), ...owner, uploadedById, createdAt: at("2019-07-05"),
      blob: { create: { bytes: new Uint8Array(bytes) } },
    },
  });
}

export async function seedStudentStatusDemo(db: Db) {
  const bureau = await db.user.findUniqueOrThrow({ where: { username: "zhou" } });
  const voc = await db.vocationalSchool.findFirst({ where: { name: VOC } });
  const vocUser = await db.user.findUnique({ where: { username: "chuxiong-zz" } });
  if (!voc || !vocUser) return 0;
  // 2019: holiday May 1–4 → 送读期 2019-05-06 … 2019-05-14; autumn registration completed 2019-09-16.
  await createYearCalendar(db, { year: 2019, mayDayHolidayEnd: "2019-05-04", autumnRegistrationDate: "2019-09-16", makeUpWorkingDays: ["2019-04-28", "2019-05-05"], updatedById: bureau.id });
  const cls = await db.vocationalClass.create({
    data: { vocationalSchoolId: voc.id, year: 2019, name: "2019级职教1班", code: "91", major: "汽车运用与维修", sizeLimit: 40, headTeacherName: "周红梅", headTeacherPhone: "13887812345" },
  });
  const snapshot: Record<string, unknown>[] = [];
  const annex6: Record<string, unknown>[] = [];
  let n = 0;
  for (const s of STUDENTS) {
    n++;
    const ms = await db.middleSchool.findFirst({ where: { name: s.school, county: { name: s.county } }, include: { county: true } });
    const msUser = ms && (await db.user.findFirst({ where: { middleSchoolId: ms.id }, orderBy: { username: "asc" } }));
    if (!ms || !msUser) continue;
    const region = s.county === "双柏县" ? "532322" : "532301";
    const idNumber = validIdNumber({ region, birthDate: `2004-${String(1 + (n % 12)).padStart(2, "0")}-${String(3 + n).padStart(2, "0")}`, sex: s.sex, seq: 40 + n });
    const app = await createApplicationRow(db, {
      year: 2019, middleSchoolId: ms.id, vocationalSchoolId: voc.id, enteredById: msUser.id, status: "APPROVED", reviewDate: "2019-05-06",
      input: {
        studentName: s.name, sex: s.sex, className: s.className, idNumber, studentNumber: `0${region}2016${String(100 + n).padStart(3, "0")}`,
        guardianName: `${s.name.slice(0, 1)}家长`, guardianRelation: s.sex === "FEMALE" ? "母女" : "父子", major: "汽车运用与维修",
        address: { county: s.county, township: "鹿城镇", village: "东兴社区居委会", street: "东兴村" },
      },
    });
    await db.application.update({ where: { id: app.id }, data: { status: "SENT_OFF", createdAt: at("2019-04-25") } });
    const owner = { countyId: ms.countyId, middleSchoolId: ms.id, vocationalSchoolId: voc.id };
    const graduated = s.fate.kind !== "leave";
    const registered = s.fate.kind === "registered" || s.fate.kind === "exam" || s.fate.kind === "corrected";
    const e = await db.enrolment.create({
      data: {
        applicationId: app.id, year: 2019, ...owner, sentOffAt: at("2019-05-08", "09:30"), sentOffById: msUser.id,
        arrivalStatus: "ARRIVED", arrivedOn: "2019-05-09", classId: cls.id, studentNo: `201991${String(n).padStart(3, "0")}`,
        status: graduated ? "GRADUATED" : "LEFT", autumnRegistered: registered,
        registrationDecision: graduated ? (registered ? "REGISTERED" : "NOT_CONTINUING") : null,
        registrationDecidedAt: graduated ? at("2019-09-06") : null, registrationDecidedById: graduated ? vocUser.id : null,
      },
    });
    const base = {
      studentName: s.name, sex: s.sex === "MALE" ? "男" : "女", idNumber, countyName: ms.county.name, countyOrder: ms.county.sortOrder,
      middleSchoolName: ms.name, middleSchoolClass: s.className, studentNumber: app.studentNumber, vocationalClass: cls.name, vocationalStudentNo: e.studentNo!,
    };
    snapshot.push({ ...base, enrolmentId: e.id, countyId: ms.countyId });
    const event = (data: Record<string, unknown>) => db.statusEvent.create({ data: { enrolmentId: e.id, recordedById: vocUser.id, ...data } as never });
    let loss = { lossReason: "", lossProof: "" };
    const f = s.fate;
    if (f.kind === "leave") {
      const doc = f.proof ? await proofDocument(db, f.proof, owner, f.type === "LEFT_RETURN_MIDDLE_SCHOOL" ? msUser.id : vocUser.id, f.proof === "png" ? "回校就读证明.png" : "在读证明.pdf") : null;
      const confirmedBy = f.type === "LEFT_RETURN_MIDDLE_SCHOOL" && f.confirmed ? msUser.id : null;
      await event({
        type: f.type, occurredOn: f.on, exempt: isExempt(f.type, !!doc), proofDocumentId: doc?.id ?? null, otherSchoolName: f.otherSchoolName ?? null,
        comment: f.comment ?? null, createdAt: at(f.on, "15:00"), returnConfirmedAt: confirmedBy ? at(f.on, "17:00") : null, returnConfirmedById: confirmedBy,
      });
      loss = annex6LossColumns({ type: f.type, otherSchoolName: f.otherSchoolName, comment: f.comment, hasProof: !!doc });
    }
    if (f.kind === "exam") {
      await event({ type: "EXAM_RETURN", occurredOn: "2019-06-17", examUntil: "2019-06-20", examBackOn: "2019-06-23", comment: "回原初中参加全省初中学业水平考试", createdAt: at("2019-06-17") });
    }
    if (f.kind === "corrected") {
      const wrong = await event({ type: "LEFT_DROPOUT", occurredOn: "2019-06-28", createdAt: at("2019-06-28"), revokedAt: at("2019-07-01"), revokedById: vocUser.id });
      await event({ type: "CORRECTION", occurredOn: "2019-07-01", correctsEventId: (wrong as { id: string }).id, comment: "误登记：该生请假回家，已按时返校", createdAt: at("2019-07-01") });
    }
    if (graduated) await event({ type: registered ? "AUTUMN_REGISTERED" : "NOT_CONTINUING", occurredOn: "2019-09-06", createdAt: at("2019-09-06") });
    annex6.push({ ...base, enrolmentId: e.id, countyId: ms.countyId, registration: graduated ? (registered ? "注册中职学籍" : "不继续（报考其他学校）") : "", ...loss });
  }
  // 附件4 submitted in 确认期 2019 and confirmed; 附件6 submitted after registration and received.
  const roster = await db.rosterSubmission.create({
    data: { vocationalSchoolId: voc.id, year: 2019, version: 1, rows: snapshot as never, rowCount: snapshot.length, submittedById: vocUser.id, submittedAt: at("2019-06-10"), receivedById: bureau.id, receivedAt: at("2019-06-11") },
  });
  const counties = [...new Set(snapshot.map((r) => r.countyId as string))];
  await db.rosterRelease.createMany({ data: counties.map((countyId) => ({ submissionId: roster.id, countyId, releasedById: bureau.id, releasedAt: at("2019-06-11") })) });
  for (const r of snapshot) {
    const countyUser = await db.user.findFirst({ where: { countyId: r.countyId as string } });
    await db.rosterCheck.create({ data: { submissionId: roster.id, enrolmentId: r.enrolmentId as string, countyId: r.countyId as string, status: "CONFIRMED", checkedById: countyUser?.id ?? bureau.id, checkedAt: at("2019-06-12") } });
  }
  await db.annex6Submission.create({
    data: { vocationalSchoolId: voc.id, year: 2019, version: 1, rows: annex6 as never, rowCount: annex6.length, submittedById: vocUser.id, submittedAt: at("2019-09-17"), receivedById: bureau.id, receivedAt: at("2019-09-18") },
  });
  return annex6.length;
}
