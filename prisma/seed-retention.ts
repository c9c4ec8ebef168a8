// Demo data for issue 14: the prefecture-level school 楚雄技师学院 completes 2019 with students from four
// counties (附件4 confirmed, two exempt leavers and one dropout, autumn registration done, 附件6 received),
// so its retention (30 ÷ 31, above 95 %) and the credited counts per county show; the prefecture signs
// its assessment in the app. 楚雄市职中 2019 (prisma/seed-student-status.ts) is below 95 %: it has
// recorded its explanation and 楚雄市 has signed its county assessment (未达标).
import { createHash } from "node:crypto";
import type { PrismaClient } from "../src/generated/prisma/client";
import { createApplicationRow, tinyPdf, validIdNumber } from "./factories/applications";
import { annex6LossColumns, type LeaveType } from "../src/lib/student-status";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;
const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);

const VOC = "楚雄技师学院";
const SURNAMES = "李王张刘杨陈赵黄周吴徐孙马朱胡郭何高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董";
const GIVEN = ["春华", "丽芬", "文斌", "金凤", "永福", "明亮", "秀兰", "建军", "海燕", "志刚", "玉梅", "国强", "红英", "德才", "晓燕", "成林"];
// County → [middle school, region code, students]; leavers by position in the whole list.
const COUNTIES: [string, string, string, number][] = [
  ["楚雄市", "楚雄市吕合中学", "532301", 12], ["牟定县", "牟定县第一中学", "532323", 9], ["南华县", "南华县龙川中学", "532324", 7], ["武定县", "武定县第一中学", "532329", 5],
];
const LEAVERS: Record<number, { type: LeaveType; on: string; proof: boolean; otherSchoolName?: string; comment?: string }> = {
  3: { type: "LEFT_RETURN_MIDDLE_SCHOOL", on: "2019-06-05", proof: true },
  14: { type: "LEFT_OTHER_HIGH_SCHOOL", on: "2019-08-28", proof: true, otherSchoolName: "牟定县第一中学（高中部）" },
  24: { type: "LEFT_DROPOUT", on: "2019-07-08", proof: false, comment: "随家人外出务工" },
};

export async function seedRetentionDemo(db: Db) {
  const bureau = await db.user.findUniqueOrThrow({ where: { username: "zhou" } });
  const voc = await db.vocationalSchool.findFirst({ where: { name: VOC, countyId: null } });
  const vocUser = await db.user.findUnique({ where: { username: "jishi" } });
  if (!voc || !vocUser || !(await db.yearCalendar.findFirst({ where: { year: 2019 } }))) return 0;
  const cls = await db.vocationalClass.create({
    data: { vocationalSchoolId: voc.id, year: 2019, name: "2019级职教数控班", code: "19", major: "数控技术应用", sizeLimit: 45, headTeacherName: "李建平", headTeacherPhone: "13908781234" },
  });
  const snapshot: Record<string, unknown>[] = [];
  const annex6: Record<string, unknown>[] = [];
  let n = 0;
  for (const [countyName, schoolName, region, count] of COUNTIES) {
    const ms = await db.middleSchool.findFirst({ where: { name: schoolName, county: { name: countyName } }, include: { county: true } });
    const msUser = ms && (await db.user.findFirst({ where: { middleSchoolId: ms.id }, orderBy: { username: "asc" } }));
    if (!ms || !msUser) continue;
    for (let i = 0; i < count; i++) {
      n++;
      const sex = n % 3 === 0 ? "FEMALE" : "MALE";
      const name = SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length];
      const idNumber = validIdNumber({ region, birthDate: `2004-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 27)).padStart(2, "0")}`, sex, seq: 300 + n });
      const className = `九年级（${1 + (n % 4)}）班`;
      const app = await createApplicationRow(db, {
        year: 2019, middleSchoolId: ms.id, vocationalSchoolId: voc.id, enteredById: msUser.id, status: "APPROVED", reviewDate: "2019-05-06",
        input: {
          studentName: name, sex, className, idNumber, studentNumber: `0${region}2016${String(200 + n).padStart(3, "0")}`,
          guardianName: `${name.slice(0, 1)}家长`, guardianRelation: sex === "FEMALE" ? "父女" : "父子", major: "数控技术应用",
          address: { county: countyName, township: "城关镇", village: "中心社区居委会", street: "中心村" },
        },
      });
      await db.application.update({ where: { id: app.id }, data: { status: "SENT_OFF", createdAt: at("2019-04-26") } });
      const owner = { countyId: ms.countyId, middleSchoolId: ms.id, vocationalSchoolId: voc.id };
      const leave = LEAVERS[n];
      const e = await db.enrolment.create({
        data: {
          applicationId: app.id, year: 2019, ...owner, sentOffAt: at("2019-05-08", "09:30"), sentOffById: msUser.id,
          arrivalStatus: "ARRIVED", arrivedOn: "2019-05-10", classId: cls.id, studentNo: `201919${String(n).padStart(3, "0")}`,
          status: leave ? "LEFT" : "GRADUATED", autumnRegistered: !leave, registrationDecision: leave ? null : "REGISTERED",
          registrationDecidedAt: leave ? null : at("2019-09-09"), registrationDecidedById: leave ? null : vocUser.id,
        },
      });
      const base = {
        studentName: name, sex: sex === "MALE" ? "男" : "女", idNumber, countyName: ms.county.name, countyOrder: ms.county.sortOrder,
        middleSchoolName: ms.name, middleSchoolClass: className, studentNumber: app.studentNumber, vocationalClass: cls.name, vocationalStudentNo: e.studentNo!,
      };
      snapshot.push({ ...base, enrolmentId: e.id, countyId: ms.countyId });
      let loss = { lossReason: "", lossProof: "" };
      if (leave) {
        const bytes = tinyPdf();
        const doc = leave.proof ? await db.document.create({
          data: {
            kind: "LEAVE_PROOF", fileName: leave.type === "LEFT_RETURN_MIDDLE_SCHOOL" ? "回校就读证明.pdf" : "在读证明.pdf", mimeType: "application/pdf", size: bytes.length,
            sha256: createHash("sha256").update(bytes).digest("hex"), ...owner, uploadedById: vocUser.id, createdAt: at(leave.on, "16:00"),
            blob: { create: { bytes: new Uint8Array(bytes) } },
          },
        }) : null;
        await db.statusEvent.create({
          data: {
            enrolmentId: e.id, recordedById: vocUser.id, type: leave.type, occurredOn: leave.on, exempt: !!doc, proofDocumentId: doc?.id ?? null,
            otherSchoolName: leave.otherSchoolName ?? null, comment: leave.comment ?? null, createdAt: at(leave.on, "15:00"),
          },
        });
        loss = annex6LossColumns({ type: leave.type, otherSchoolName: leave.otherSchoolName, comment: leave.comment, hasProof: !!doc });
      } else {
        await db.statusEvent.create({ data: { enrolmentId: e.id, recordedById: vocUser.id, type: "AUTUMN_REGISTERED", occurredOn: "2019-09-09", createdAt: at("2019-09-09") } });
      }
      annex6.push({ ...base, enrolmentId: e.id, countyId: ms.countyId, registration: leave ? "" : "注册中职学籍", ...loss });
    }
  }
  const roster = await db.rosterSubmission.create({
    data: { vocationalSchoolId: voc.id, year: 2019, version: 1, rows: snapshot as never, rowCount: snapshot.length, submittedById: vocUser.id, submittedAt: at("2019-06-11"), receivedById: bureau.id, receivedAt: at("2019-06-12") },
  });
  const counties = [...new Set(snapshot.map((r) => r.countyId as string))];
  await db.rosterRelease.createMany({ data: counties.map((countyId) => ({ submissionId: roster.id, countyId, releasedById: bureau.id, releasedAt: at("2019-06-12") })) });
  for (const r of snapshot) {
    const countyUser = await db.user.findFirst({ where: { countyId: r.countyId as string, role: "COUNTY" } });
    await db.rosterCheck.create({ data: { submissionId: roster.id, enrolmentId: r.enrolmentId as string, countyId: r.countyId as string, status: "CONFIRMED", checkedById: countyUser?.id ?? bureau.id, checkedAt: at("2019-06-13") } });
  }
  await db.annex6Submission.create({
    data: { vocationalSchoolId: voc.id, year: 2019, version: 1, rows: annex6 as never, rowCount: annex6.length, submittedById: vocUser.id, submittedAt: at("2019-09-17"), receivedById: bureau.id, receivedAt: at("2019-09-18") },
  });

  // 楚雄市职中 2019 (below 95 %): its explanation and 楚雄市's county assessment.
  const county = await db.vocationalSchool.findFirst({ where: { name: "楚雄市职中" } });
  const countyVocUser = await db.user.findUnique({ where: { username: "chuxiong-zz" } });
  const countyUser = await db.user.findUnique({ where: { username: "chuxiong" } });
  if (county && countyVocUser && countyUser && (await db.rosterSubmission.count({ where: { vocationalSchoolId: county.id, year: 2019 } }))) {
    await db.retentionExplanation.create({
      data: { vocationalSchoolId: county.id, year: 2019, recordedById: countyVocUser.id, createdAt: at("2019-09-20"),
        text: "2019年职教班流失 4 人：1 人辍学外出务工，1 人随父母迁往外省，2 人回原初中或转学但未及时取得书面证明。学校已对辍学学生多次家访劝返，并补办证明材料。" },
    });
    await db.retentionAssessment.create({
      data: {
        vocationalSchoolId: county.id, year: 2019, version: 1, assessorCountyId: countyUser.countyId, result: "FAIL",
        method: "按州局考核标准：巩固率达到 95% 以上为达标；结合学校家访和劝返工作记录评定。", comment: "巩固率 60.00%，未达标。责成学校限期整改，对班主任约谈。",
        figures: { note: "演示数据：签署时巩固率 6 ÷ 10", retention: { confirmed: 12, exemptLeavers: 2, lostLeavers: 4, numerator: 6, denominator: 10, rate: 0.6, meetsTarget: false } },
        signedById: countyUser.id, signedAt: at("2019-09-25"),
      },
    });
  }
  return snapshot.length;
}
