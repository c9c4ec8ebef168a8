// Demo data for issue 15 item 2: the programme year today falls in, at the phase today falls in
// (docs/decisions/037-current-year-demo.md). Computed from the clock at seed time — never a fixed year:
// calendar (proposed from the State Council schedule, src/lib/holiday-schedule.ts), plan issued and
// split to schools, 实施方案 approved, ~300 applications of every state across the ten counties, and —
// as far as today has reached — send-off, arrivals, classes and 学号, leavers, 附件4 confirmed, autumn
// registration and 附件6. Every name and ID number is generated (valid check digits) and every
// application says 演示数据. Rows are written in bulk (createMany) so the embedded seed stays fast;
// the 附件4 and 附件6 snapshots come from the app's own functions (liveRoster, annex6Rows).
import { createHash, randomUUID } from "node:crypto";
import type { PrismaClient } from "../src/generated/prisma/client";
import type { Db as AppDb } from "../src/server/db";
import { createYearCalendar } from "./factories/calendar";
import { createIssuedPlan, allowServerModules, type Plan2020Data } from "./factories/plan";
import { approveImplementationPlans } from "./factories/filings";
import { tinyPdf, tinyPng, validIdNumber } from "./factories/applications";
import { getPhase, windowRange } from "../src/lib/calendar";
import { AUTUMN_REGISTRATION_WINDOW, defaultCalendarSettings, type PhaseKey } from "../src/lib/calendar-settings";
import { addCalendarDays, chinaDateOf, isWorkingDay } from "../src/lib/china-date";
import { proposeCalendar } from "../src/lib/holiday-schedule";
import { maxSendOffCap } from "../src/lib/plan-rules";
import { formatStudentNo } from "../src/lib/student-no";
import { isExempt } from "../src/lib/student-status";
import { LEAVES } from "./factories/full-year";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;
type Status = "DRAFT" | "SIGNED" | "APPROVED" | "REJECTED" | "WITHDRAWN" | "SENT_OFF";

export const DEMO_MARK = "演示数据";
const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);
const minDate = (a: string, b: string) => (a < b ? a : b);
const REGIONS: Record<string, string> = {
  楚雄市: "532301", 双柏县: "532322", 牟定县: "532323", 南华县: "532324", 姚安县: "532325",
  大姚县: "532326", 永仁县: "532327", 元谋县: "532328", 武定县: "532329", 禄丰县: "532331",
};
const SURNAMES = "李王张杨赵罗普者鲁起陈刘周吴徐孙马朱胡郭何高郑谢苏段施毕";
const GIVEN = ["春华", "丽芬", "文斌", "金凤", "永福", "明亮", "秀兰", "建军", "海燕", "志刚", "玉梅", "国强", "红英", "德才", "晓燕", "成林", "子涵", "宇航", "欣怡", "俊杰", "雨萱", "浩然", "思琪", "家豪"];
const MAJORS = ["汽车运用与维修", "中餐烹饪", "电子商务", "现代农艺技术", "计算机应用", "机电技术应用"];
// Position in a school's list (mod 12) → state: 8 of 12 approved, 7 of them sent off once send-off has passed
// (slot UNSENT_SLOT stays 已同意 but not sent off).
const STATE_BY_SLOT: Status[] = ["DRAFT", "SIGNED", "APPROVED", "APPROVED", "REJECTED", "APPROVED", "APPROVED", "APPROVED", "APPROVED", "APPROVED", "APPROVED", "WITHDRAWN"];
const UNSENT_SLOT = 9;

export type CurrentYearSummary = { year: number; phase: string; applications: number; sentOff: number; arrived: number; rosters: number };

/** Loads the current programme year's demo; null when that year already has a calendar or a plan (2019, 2020, or a second start). */
export async function seedCurrentYearDemo(db: Db, now: Date, plan2020: Plan2020Data): Promise<CurrentYearSummary | null> {
  const today = chinaDateOf(now);
  const year = Number(today.slice(0, 4));
  if ((await db.yearCalendar.findUnique({ where: { year } })) || (await db.quotaPlan.findUnique({ where: { year } }))) return null;
  allowServerModules();
  const client = db as unknown as AppDb;
  const bureau = await db.user.findUniqueOrThrow({ where: { username: "zhou" } });

  // 工作日历: the proposal from the published schedule (or the default May 5 when not yet published), confirmed.
  const proposal = proposeCalendar(year);
  const settings = proposal.published ? proposal.settings : defaultCalendarSettings(year);
  const calendar = await createYearCalendar(db, {
    year, mayDayHolidayEnd: settings.mayDayHolidayEnd, makeUpWorkingDays: settings.makeUpWorkingDays,
    extraNonWorkingDays: settings.extraNonWorkingDays, autumnRegistrationDate: `${year}-09-18`, updatedById: bureau.id,
  });
  const phase = (k: PhaseKey) => getPhase(calendar, k);
  const reached = (k: PhaseKey) => today >= phase(k).start;
  const over = (k: PhaseKey) => today > phase(k).end;
  const phaseNow = calendar.phases.find((p) => today >= p.start && today <= p.end)?.label ?? (today < phase("publicity").start ? "宣传期之前" : "巩固期之后");

  // 附件2: the 2020 figures (capped at ⌊30%⌋), issued on 16 April (or yesterday, early in the year); split evenly to schools.
  const counties = await db.county.findMany({ orderBy: { sortOrder: "asc" }, include: { middleSchools: { where: { active: true }, orderBy: { name: "asc" } }, users: { where: { role: "COUNTY" }, take: 1 } } });
  const vocs = await db.vocationalSchool.findMany({ orderBy: { sortOrder: "asc" }, include: { users: { take: 1 } } });
  const issuedOn = minDate(`${year}-04-16`, addCalendarDays(today, -1));
  const issued = await createIssuedPlan(db, {
    year, createdById: bureau.id,
    counties: plan2020.counties.flatMap((c) => {
      const county = counties.find((x) => x.name === c.name);
      return county ? [{ countyId: county.id, cohortBase: c.cohortBase, sendOffCap: Math.min(c.sendOffCap, maxSendOffCap(c.cohortBase)), shanghaiTask: c.shanghaiTask }] : [];
    }),
    vocational: plan2020.vocationalSchools.flatMap((v) => {
      const s = vocs.find((x) => x.name === v.name);
      return s ? [{ vocationalSchoolId: s.id, enrolCap: v.enrolCap, shanghaiTask: v.shanghaiTask }] : [];
    }),
  });
  await db.planVersion.update({ where: { id: issued.id }, data: { createdAt: at(issuedOn, "09:00"), issuedAt: at(issuedOn) } });
  const plan = { id: issued.planId };
  await db.middleSchoolAllocation.createMany({
    data: counties.flatMap((c) => {
      const cap = plan2020.counties.find((x) => x.name === c.name);
      const each = cap ? Math.floor(Math.min(cap.sendOffCap, maxSendOffCap(cap.cohortBase)) / Math.max(1, c.middleSchools.length)) : 0;
      return c.middleSchools.map((m) => ({ planId: plan.id, middleSchoolId: m.id, allocation: each, updatedById: c.users[0]?.id ?? bureau.id }));
    }),
  });
  await approveImplementationPlans(db, {
    year, countyIds: counties.map((c) => c.id), vocationalSchoolIds: vocs.filter((v) => !v.countyId).map((v) => v.id),
    byUserId: bureau.id, on: minDate(`${year}-03-25`, today),
  });
  const summary: CurrentYearSummary = { year, phase: phaseNow, applications: 0, sentOff: 0, arrived: 0, rosters: 0 };
  if (!reached("publicity")) return summary;

  // 附件3: 9–14 applications per middle school, every state; entered in 宣传期, reviewed before send-off.
  const msUsers = new Map((await db.user.findMany({ where: { role: "MIDDLE_SCHOOL" }, orderBy: { username: "asc" } })).map((u) => [u.middleSchoolId!, u.id] as const));
  const jishi = vocs.find((v) => v.name === "楚雄技师学院") ?? vocs[0];
  const jidian = vocs.find((v) => v.name === "楚雄机电学校") ?? vocs[0];
  const sendOffDays: string[] = [];
  for (let d = phase("sendOff").start; d <= phase("sendOff").end; d = addCalendarDays(d, 1)) if (isWorkingDay(d, settings)) sendOffDays.push(d);
  const enteredOn = minDate(addCalendarDays(phase("publicity").start, 2), today);
  const reviewedOn = minDate(phase("publicity").end, today);
  type Row = { id: string; status: Status; sentOn: string | null; countyId: string; middleSchoolId: string; vocationalSchoolId: string; shanghai: boolean; by: string };
  const rows: Row[] = [];
  const apps: Record<string, unknown>[] = [];
  const docs: { id: string; countyId: string; middleSchoolId: string; uploadedById: string }[] = [];
  let n = 0;
  for (const c of counties) {
    const own = vocs.find((v) => v.countyId === c.id) ?? jishi;
    for (const [si, m] of c.middleSchools.entries()) {
      const by = msUsers.get(m.id);
      if (!by) continue;
      const count = 9 + ((si * 3 + c.sortOrder) % 6);
      for (let i = 0; i < count; i++, n++) {
        const sex = n % 2 === 0 ? "MALE" : "FEMALE";
        let status = STATE_BY_SLOT[i % STATE_BY_SLOT.length];
        // Before review there are no decisions yet; a DRAFT stays a draft.
        if (today < reviewedOn && (status === "APPROVED" || status === "REJECTED")) status = "SIGNED";
        const voc = i % 4 === 3 ? (i % 8 === 3 ? jishi : jidian) : own;
        const sentOn = status === "APPROVED" && reached("sendOff") && i % STATE_BY_SLOT.length !== UNSENT_SLOT ? sendOffDays[(n + si) % sendOffDays.length] : null;
        if (sentOn && sentOn <= today) status = "SENT_OFF";
        const id = randomUUID();
        const signed = status !== "DRAFT";
        const docId = signed ? randomUUID() : null;
        if (docId) docs.push({ id: docId, countyId: c.id, middleSchoolId: m.id, uploadedById: by });
        const reviewed = status === "APPROVED" || status === "REJECTED" || status === "SENT_OFF";
        const idNumber = validIdNumber({ region: REGIONS[c.name] ?? "532301", birthDate: addCalendarDays(`${year - 15}-01-01`, (n * 7) % 360), sex, seq: n % 100 });
        const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7 + si) % GIVEN.length]}`;
        apps.push({
          id, year, countyId: c.id, middleSchoolId: m.id, className: `九年级（${1 + (i % 4)}）班`, headTeacherName: `${SURNAMES[(n + 3) % SURNAMES.length]}老师`,
          headTeacherPhone: `1388780${String(1000 + (n % 9000)).slice(-4)}`, studentName: name, sex, studentPhone: `1598780${String(2000 + (n % 8000)).slice(-4)}`,
          addressCounty: c.name, addressTownship: "城关镇", addressVillage: "演示村委会", addressStreet: `${1 + (n % 9)}组`,
          studentNumber: `0${REGIONS[c.name] ?? "532301"}${year - 3}${String(n % 1000).padStart(3, "0")}`, idNumber,
          birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
          guardianName: `${name.slice(0, 1)}家长`, guardianRelation: sex === "MALE" ? "FATHER_SON" : "MOTHER_DAUGHTER", guardianPhone: `1878780${String(3000 + (n % 7000)).slice(-4)}`,
          reason: DEMO_MARK, vocationalSchoolId: voc.id, major: MAJORS[n % MAJORS.length],
          eligibilityGround: n % 7 === 0 ? "RETURNED_DROPOUT" : "LEARNING_DIFFICULTY", shanghaiFlag: voc.id === jishi.id && n % 3 === 0,
          studentSigned: signed, guardianSigned: signed, consentDocumentId: docId, status,
          reviewDecision: reviewed ? status !== "REJECTED" : null, reviewDate: reviewed ? reviewedOn : null,
          reviewComment: status === "REJECTED" ? "经核实该生学业正常，不符合报名条件" : null, reviewedById: reviewed ? by : null,
          withdrawnAt: status === "WITHDRAWN" ? at(reviewedOn, "16:00") : null, withdrawReason: status === "WITHDRAWN" ? "学生及监护人自愿撤回" : null,
          enteredById: by, createdAt: at(enteredOn),
        });
        rows.push({ id, status, sentOn: status === "SENT_OFF" ? sentOn : null, countyId: c.id, middleSchoolId: m.id, vocationalSchoolId: voc.id, shanghai: voc.id === jishi.id && n % 3 === 0, by });
      }
    }
  }
  const png = tinyPng(16, 16);
  const sha = createHash("sha256").update(png).digest("hex");
  await db.document.createMany({ data: docs.map((d) => ({ ...d, kind: "CONSENT_SCAN" as const, fileName: "签字申请表.png", mimeType: "image/png", size: png.length, sha256: sha, createdAt: at(enteredOn) })) });
  await db.documentBlob.createMany({ data: docs.map((d) => ({ documentId: d.id, bytes: new Uint8Array(png) })) });
  await db.application.createMany({ data: apps as never });
  summary.applications = apps.length;
  if (!reached("sendOff")) return summary;

  // 送读 and 报到: arrived the day after send-off, except one in 25 (未报到) and those sent off in the last 2 days (待登记).
  const sent = rows.filter((r) => r.sentOn);
  const arrivedOn = (r: Row, k: number) => (k % 25 === 24 && over("sendOff") ? null : addCalendarDays(r.sentOn!, 1) <= addCalendarDays(today, -2) || over("sendOff") ? minDate(addCalendarDays(r.sentOn!, 1), today) : null);
  const enrolments = sent.map((r, k) => {
    const arrived = arrivedOn(r, k);
    return {
      id: randomUUID(), applicationId: r.id, year, countyId: r.countyId, middleSchoolId: r.middleSchoolId, vocationalSchoolId: r.vocationalSchoolId,
      shanghaiFlag: r.shanghai, sentOffAt: at(r.sentOn!, "09:30"), sentOffById: r.by,
      arrivalStatus: arrived ? ("ARRIVED" as const) : over("sendOff") ? ("NOT_ARRIVED" as const) : ("PENDING" as const), arrivedOn: arrived,
      classId: null as string | null, studentNo: null as string | null,
    };
  });
  // 编班 and 学号 (the school's own pattern): classes of up to 40 by school.
  const classes: Record<string, unknown>[] = [];
  for (const v of vocs) {
    const mine = enrolments.filter((e) => e.vocationalSchoolId === v.id && e.arrivalStatus === "ARRIVED");
    for (let k = 0; k * 40 < mine.length; k++) {
      const id = randomUUID();
      const code = String(k + 1).padStart(2, "0");
      classes.push({ id, vocationalSchoolId: v.id, year, name: `${year}级职教${k + 1}班`, code, major: MAJORS[k % MAJORS.length], sizeLimit: 45, headTeacherName: `${SURNAMES[k + 5]}老师`, headTeacherPhone: `1390878${String(1000 + k).slice(-4)}` });
      mine.slice(k * 40, k * 40 + 40).forEach((e, j) => { e.classId = id; e.studentNo = formatStudentNo(v.studentNoPattern, { year, classCode: code, seq: j + 1 }); });
    }
  }
  await db.vocationalClass.createMany({ data: classes as never });
  await db.enrolment.createMany({ data: enrolments });
  summary.sentOff = enrolments.length;
  const arrived = enrolments.filter((e) => e.arrivalStatus === "ARRIVED");
  summary.arrived = arrived.length;
  const vocUser = new Map(vocs.map((v) => [v.id, v.users[0]?.id ?? bureau.id]));

  // 离校: one in 29 arrived students leaves, in 稳定期 (before 附件4) or in 巩固期 (counts against retention).
  const leavers = arrived.filter((_, k) => k % 29 === 7).map((e, k) => ({ e, leave: LEAVES[k % LEAVES.length], on: k % 2 === 0 ? addCalendarDays(phase("stabilisation").start, 5 + k) : addCalendarDays(phase("consolidation").start, 20 + k) }));
  const leave = async (list: typeof leavers) => {
    const due = list.filter((l) => l.on <= today);
    if (!due.length) return;
    const proofs = due.filter((l) => l.leave.proof).map((l) => ({ l, id: randomUUID() }));
    const pdf = tinyPdf();
    await db.document.createMany({ data: proofs.map(({ l, id }) => ({ id, kind: "LEAVE_PROOF" as const, fileName: "在读证明.pdf", mimeType: "application/pdf", size: pdf.length, sha256: createHash("sha256").update(pdf).digest("hex"), countyId: l.e.countyId, middleSchoolId: l.e.middleSchoolId, vocationalSchoolId: l.e.vocationalSchoolId, uploadedById: vocUser.get(l.e.vocationalSchoolId)!, createdAt: at(l.on, "15:00") })) });
    await db.documentBlob.createMany({ data: proofs.map(({ id }) => ({ documentId: id, bytes: new Uint8Array(pdf) })) });
    await db.statusEvent.createMany({
      data: due.map((l) => ({
        enrolmentId: l.e.id, type: l.leave.type, occurredOn: l.on, exempt: isExempt(l.leave.type, l.leave.proof), proofDocumentId: proofs.find((p) => p.l === l)?.id ?? null,
        otherSchoolName: l.leave.otherSchoolName ?? null, comment: l.leave.comment ?? null, recordedById: vocUser.get(l.e.vocationalSchoolId)!, createdAt: at(l.on, "15:00"),
      })),
    });
    await db.enrolment.updateMany({ where: { id: { in: due.map((l) => l.e.id) } }, data: { status: "LEFT" } });
  };
  await leave(leavers.filter((l) => l.on < phase("confirmation").start));

  // 附件4 (确认期): each school submits the app's own live roster; the bureau receives and releases; counties confirm.
  if (reached("confirmation")) {
    const { liveRoster } = await import("../src/server/roster/roster");
    const submitted = minDate(phase("confirmation").start, today);
    for (const v of vocs) {
      const snapshot = await liveRoster(client, v.id, year);
      if (!snapshot.length) continue;
      const sub = await db.rosterSubmission.create({
        data: { vocationalSchoolId: v.id, year, version: 1, rows: snapshot as never, rowCount: snapshot.length, submittedById: vocUser.get(v.id)!, submittedAt: at(submitted), receivedById: bureau.id, receivedAt: at(submitted, "16:00") },
      });
      const countyIds = [...new Set(snapshot.map((r) => r.countyId))];
      await db.rosterRelease.createMany({ data: countyIds.map((countyId) => ({ submissionId: sub.id, countyId, releasedById: bureau.id, releasedAt: at(submitted, "17:00") })) });
      const checkedOn = minDate(addCalendarDays(submitted, 2), today);
      // While 确认期 runs, the first half of the counties have confirmed; once it is over, all have.
      const confirming = over("confirmation") ? countyIds : countyIds.slice(0, Math.ceil(countyIds.length / 2));
      await db.rosterCheck.createMany({
        data: snapshot.filter((r) => confirming.includes(r.countyId)).map((r) => ({
          submissionId: sub.id, enrolmentId: r.enrolmentId, countyId: r.countyId, status: "CONFIRMED" as const,
          checkedById: counties.find((c) => c.id === r.countyId)?.users[0]?.id ?? bureau.id, checkedAt: at(checkedOn),
        })),
      });
      summary.rosters++;
    }
  }
  await leave(leavers.filter((l) => l.on >= phase("confirmation").start));

  // 秋季注册 (附件6): the school decides for every student still enrolled; one in 20 does not continue.
  const window = windowRange(calendar, AUTUMN_REGISTRATION_WINDOW);
  if (today >= window.start) {
    const leftIds = new Set(leavers.filter((l) => l.on <= today).map((l) => l.e.id));
    const decidedOn = minDate(addCalendarDays(window.start, 3), today);
    const deciding = arrived.filter((e) => !leftIds.has(e.id)).filter((_, k) => today > window.end || k % 3 !== 0);
    const notContinuing = new Set(deciding.filter((_, k) => k % 20 === 19).map((e) => e.id));
    for (const decision of ["REGISTERED", "NOT_CONTINUING"] as const) {
      const ids = deciding.filter((e) => notContinuing.has(e.id) === (decision === "NOT_CONTINUING")).map((e) => e.id);
      await db.enrolment.updateMany({ where: { id: { in: ids } }, data: { status: "GRADUATED", registrationDecision: decision, autumnRegistered: decision === "REGISTERED", registrationDecidedAt: at(decidedOn) } });
      await db.statusEvent.createMany({ data: deciding.filter((e) => ids.includes(e.id)).map((e) => ({ enrolmentId: e.id, type: decision === "REGISTERED" ? "AUTUMN_REGISTERED" as const : "NOT_CONTINUING" as const, occurredOn: decidedOn, recordedById: vocUser.get(e.vocationalSchoolId)!, createdAt: at(decidedOn) })) });
    }
    if (today > window.end) {
      const { annex6Rows } = await import("../src/server/student-status/registration");
      for (const v of vocs) {
        const rows6 = await annex6Rows(client, v.id, year);
        if (!rows6.length) continue;
        await db.annex6Submission.create({
          data: { vocationalSchoolId: v.id, year, version: 1, rows: rows6 as never, rowCount: rows6.length, submittedById: vocUser.get(v.id)!, submittedAt: at(addCalendarDays(window.end, 1)), receivedById: bureau.id, receivedAt: at(addCalendarDays(window.end, 2)) },
        });
      }
    }
  }
  return summary;
}
