// A whole prefecture's programme year at real scale (issue "A whole prefecture at once", decision 090):
// 1 prefecture, 10 counties, 150 middle schools, 12 vocational schools, ~200 staff accounts, the year's
// issued plan split to schools, the calendar, approved 实施方案, N applications in every state with a
// consent scan each, send-off, arrival, classes and 学号, 附件4 submitted / released / checked, and leavers.
// Deterministic from `seed` (names, ID numbers, states, row ids); rows are written with createMany in
// batches. Used by the benchmarks (bench/lib/full-year-fixture.ts), the query-count test and the
// full-scale demo (ZJB_DEMO_SCALE=full). Run it on a migrated, empty database.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../src/generated/prisma/client";
import type { Db as AppDb } from "../../src/server/db";
import { getPhase } from "../../src/lib/calendar";
import { defaultCalendarSettings } from "../../src/lib/calendar-settings";
import { addCalendarDays, isWorkingDay } from "../../src/lib/china-date";
import { proposeCalendar } from "../../src/lib/holiday-schedule";
import { maxSendOffCap } from "../../src/lib/plan-rules";
import { formatStudentNo } from "../../src/lib/student-no";
import { isExempt, type LeaveType } from "../../src/lib/student-status";
import { hashSync } from "./index";
import { tinyPdf, validIdNumber } from "./applications";
import { createYearCalendar } from "./calendar";
import { approveImplementationPlans } from "./filings";
import { allowServerModules, createIssuedPlan } from "./plan";
import plan2020 from "../data/plan-2020.json";
import demo from "../data/demo-prefecture.json";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;
type Role = "PREFECTURE" | "COUNTY" | "MIDDLE_SCHOOL" | "VOCATIONAL_SCHOOL";
type AppStatus = "DRAFT" | "SIGNED" | "APPROVED" | "REJECTED" | "WITHDRAWN" | "SENT_OFF";

export type FullYearOptions = { applications: number; year?: number; seed?: number; password?: string };
export type FixtureUser = { role: Role; username: string; countyId: string | null; middleSchoolId: string | null; vocationalSchoolId: string | null };
export type FullYearFixture = {
  year: number;
  /** A working day inside the year's send-off window (ZJB_TRAINING_DATE for the app under load). */
  trainingDate: string;
  password: string;
  users: FixtureUser[];
  applications: number;
  /** Per county: approved applications not yet sent off (for a send-off burst; all within every cap). */
  sendOffApplicationIds: Record<string, string[]>;
  sampleApplicationIds: string[];
  /** Enrolment ids (the student pages' id). */
  sampleStudentIds: string[];
  prefectureId: string;
  countyIds: string[];
  middleSchoolIds: string[];
  vocationalSchoolIds: string[];
  /** Rows written per table. */
  counts: Record<string, number>;
  seconds: number;
};

/** Shares of the application states (per 100). SENT_OFF ones get an enrolment. */
export const FULL_YEAR_STATE_SHARES: Record<AppStatus, number> = { DRAFT: 3, SIGNED: 4, REJECTED: 3, WITHDRAWN: 3, APPROVED: 12, SENT_OFF: 75 };
const MIDDLE_SCHOOLS_PER_COUNTY = 15;
const SCHOOL_NAMES = ["第一中学", "第二中学", "第三中学", "实验中学", "民族中学", "城关中学", "东城中学", "西城中学", "南山中学", "北山中学", "新街中学", "河口中学", "坝区中学", "高桥中学", "龙泉中学"];
const SURNAMES = "李王张杨赵罗普者鲁起陈刘周吴徐孙马朱胡郭何高郑谢苏段施毕沙自";
const GIVEN = ["春华", "丽芬", "文斌", "金凤", "永福", "明亮", "秀兰", "建军", "海燕", "志刚", "玉梅", "国强", "红英", "德才", "晓燕", "成林", "子涵", "宇航", "欣怡", "俊杰", "雨萱", "浩然", "思琪", "家豪", "正华", "美玲", "天佑", "兴旺", "绍芬", "光荣"];
const TOWNSHIPS = ["鹿城镇", "东瓜镇", "吕合镇", "紫溪镇", "东华镇", "子午镇", "苍岭镇", "三街镇", "八角镇", "中山镇"];
const MAJORS = ["汽车运用与维修", "中餐烹饪", "电子商务", "现代农艺技术", "计算机应用", "机电技术应用", "护理", "民族工艺品制作"];
const CLASS_SIZE = 45;
/** The leavers' mix, in turn: each leave type, with and without the proof (also the current-year demo's). */
export const LEAVES: { type: LeaveType; proof: boolean; otherSchoolName?: string; comment?: string }[] = [
  { type: "LEFT_RETURN_MIDDLE_SCHOOL", proof: true },
  { type: "LEFT_DROPOUT", proof: false, comment: "随家人外出务工" },
  { type: "LEFT_OTHER_HIGH_SCHOOL", proof: true, otherSchoolName: "楚雄东兴中学" },
  { type: "LEFT_OTHER", proof: false, comment: "随父母迁往外省" },
  { type: "LEFT_RETURN_MIDDLE_SCHOOL", proof: false },
];
const BATCH = 2_000;

/** mulberry32: a small, fast PRNG; the same seed gives the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = () => Math.floor(next() * 0x1_0000_0000).toString(16).padStart(8, "0");
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    /** A version-4-shaped UUID drawn from the sequence (row ids are deterministic too). */
    uuid: () => {
      const h = hex() + hex() + hex() + hex();
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

/**
 * Inserts rows in batches through one JSON parameter each (json_populate_recordset): Prisma's createMany
 * spends ~1.5 ms of client CPU per wide row, which made 9 000 applications take 15 s; this takes ~1 s.
 * Every row has the same keys; columns left out get their database default (`updatedAt` has none: give it).
 */
async function insertRows(db: Db, table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const t = performance.now();
  const cols = Object.keys(rows[0]).map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.$executeRawUnsafe(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${table}", $1::json)`, JSON.stringify(rows.slice(i, i + BATCH)));
  }
  if (process.env.ZJB_FULL_YEAR_TRACE) console.error(`[full-year] ${table}: ${rows.length} rows in ${Math.round(performance.now() - t)} ms`);
}

/** Splits `total` into parts proportional to `weights` (largest remainder), so the parts add up exactly. */
function apportion(total: number, weights: number[]) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const left = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) parts[order[k].i]++;
  return parts;
}

export async function buildFullYear(db: Db, opts: FullYearOptions): Promise<FullYearFixture> {
  const t0 = performance.now();
  const year = opts.year ?? 2020;
  const password = opts.password ?? demo.demoPassword;
  const rnd = prng(opts.seed ?? 1);
  const counts: Record<string, number> = {};
  const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);

  // ───── organisations and accounts ─────
  const prefectureId = rnd.uuid();
  await db.prefecture.create({ data: { id: prefectureId, name: demo.prefecture.name, bureauName: demo.prefecture.bureauName } });
  const counties = plan2020.counties.map((c, i) => {
    const d = demo.counties.find((x) => x.name === c.name)!;
    return { id: rnd.uuid(), name: c.name, code: d.code, sortOrder: i + 1, quota: c, region: regionOf(i) };
  });
  await db.county.createMany({ data: counties.map((c) => ({ id: c.id, prefectureId, name: c.name, bureauName: `${c.name}教育体育局`, sortOrder: c.sortOrder })) });
  const middleSchools = counties.flatMap((c) => SCHOOL_NAMES.slice(0, MIDDLE_SCHOOLS_PER_COUNTY).map((n, j) => {
    // 楚雄市 organises the send-off of the 州属高完中 (its last school here).
    const prefectureOwned = c.sortOrder === 1 && j === MIDDLE_SCHOOLS_PER_COUNTY - 1;
    return { id: rnd.uuid(), countyId: c.id, county: c, j, name: prefectureOwned ? "楚雄州民族中学" : `${c.name}${n}`, prefectureOwned };
  }));
  await db.middleSchool.createMany({ data: middleSchools.map((m) => ({ id: m.id, countyId: m.countyId, name: m.name, prefectureOwned: m.prefectureOwned })) });
  const vocs = plan2020.vocationalSchools.map((v, i) => ({
    id: rnd.uuid(), name: v.name, fullName: v.fullName ?? (demo.vocationalSchoolFullNames as Record<string, string>)[v.name] ?? v.name,
    countyId: v.county ? counties.find((c) => c.name === v.county)!.id : null, sortOrder: i + 1, quota: v,
    code: (demo.vocationalSchoolCodes as Record<string, string>)[v.name],
  }));
  await db.vocationalSchool.createMany({ data: vocs.map(({ id, name, fullName, countyId, sortOrder }) => ({ id, prefectureId, name, fullName, countyId, sortOrder })) });

  const passwordHash = hashSync(password);
  type UserRow = FixtureUser & { id: string; displayName: string; prefectureId: string | null };
  const users: UserRow[] = [];
  const user = (role: Role, username: string, displayName: string, org: Partial<Pick<UserRow, "prefectureId" | "countyId" | "middleSchoolId" | "vocationalSchoolId">>) => {
    const u: UserRow = { id: rnd.uuid(), role, username, displayName, prefectureId: null, countyId: null, middleSchoolId: null, vocationalSchoolId: null, ...org };
    users.push(u);
    return u;
  };
  const bureau = user("PREFECTURE", demo.prefecture.username, "州局管理员", { prefectureId });
  for (const k of [2, 3]) user("PREFECTURE", `${demo.prefecture.username}-${k}`, `州局职成科${k}`, { prefectureId });
  const countyUser = new Map<string, UserRow>();
  for (const c of counties) {
    countyUser.set(c.id, user("COUNTY", c.code, `${c.name}教育体育局管理员`, { countyId: c.id }));
    user("COUNTY", `${c.code}-2`, `${c.name}教育体育局职成股`, { countyId: c.id });
  }
  const msUser = new Map<string, UserRow>();
  for (const m of middleSchools) msUser.set(m.id, user("MIDDLE_SCHOOL", `${m.county.code}-${m.prefectureOwned ? "zs" : "cz"}${m.j + 1}`, `${m.name}管理员`, { middleSchoolId: m.id }));
  const vocUser = new Map<string, UserRow>();
  for (const v of vocs) {
    vocUser.set(v.id, user("VOCATIONAL_SCHOOL", v.code, `${v.name}管理员`, { vocationalSchoolId: v.id }));
    user("VOCATIONAL_SCHOOL", `${v.code}-2`, `${v.name}招生就业处`, { vocationalSchoolId: v.id });
  }
  await db.user.createMany({ data: users.map(({ id, username, displayName, role, prefectureId: p, countyId, middleSchoolId, vocationalSchoolId }) => ({ id, username, displayName, role, prefectureId: p, countyId, middleSchoolId, vocationalSchoolId, passwordHash })) });
  counts.users = users.length;

  // ───── calendar, plan (附件2 figures, capped at ⌊30%⌋) split to schools, 实施方案 ─────
  const proposal = proposeCalendar(year);
  const settings = proposal.published ? proposal.settings : defaultCalendarSettings(year);
  const calendar = await createYearCalendar(db, {
    year, mayDayHolidayEnd: settings.mayDayHolidayEnd, makeUpWorkingDays: settings.makeUpWorkingDays,
    extraNonWorkingDays: settings.extraNonWorkingDays, autumnRegistrationDate: `${year}-09-15`, updatedById: bureau.id,
  });
  const phase = (k: Parameters<typeof getPhase>[1]) => getPhase(calendar, k);
  const sendOffDays: string[] = [];
  for (let d = phase("sendOff").start; d <= phase("sendOff").end; d = addCalendarDays(d, 1)) if (isWorkingDay(d, settings)) sendOffDays.push(d);
  const trainingDate = sendOffDays[Math.min(2, sendOffDays.length - 1)];
  const sentDays = sendOffDays.filter((d) => d <= trainingDate); // what has happened by the training date

  const capOf = (c: (typeof counties)[number]) => Math.min(c.quota.sendOffCap, maxSendOffCap(c.quota.cohortBase));
  const issued = await createIssuedPlan(db, {
    year, createdById: bureau.id,
    counties: counties.map((c) => ({ countyId: c.id, cohortBase: c.quota.cohortBase, sendOffCap: capOf(c), shanghaiTask: c.quota.shanghaiTask })),
    vocational: vocs.map((v) => ({ vocationalSchoolId: v.id, enrolCap: v.quota.enrolCap, shanghaiTask: v.quota.shanghaiTask })),
  });
  await db.planVersion.update({ where: { id: issued.id }, data: { createdAt: at(`${year}-04-15`), issuedAt: at(`${year}-04-16`) } });
  const allocation = new Map<string, number>();
  for (const c of counties) {
    const mine = middleSchools.filter((m) => m.countyId === c.id);
    apportion(capOf(c), mine.map(() => 1)).forEach((a, k) => allocation.set(mine[k].id, a));
  }
  await db.middleSchoolAllocation.createMany({ data: middleSchools.map((m) => ({ planId: issued.planId, middleSchoolId: m.id, allocation: allocation.get(m.id)!, updatedById: countyUser.get(m.countyId)!.id })) });
  await approveImplementationPlans(db, {
    year, countyIds: counties.map((c) => c.id), vocationalSchoolIds: vocs.filter((v) => !v.countyId).map((v) => v.id), byUserId: bureau.id, on: `${year}-03-25`,
  });

  // ───── 附件3: N applications over the schools in proportion to their allocation ─────
  const perSchool = apportion(opts.applications, middleSchools.map((m) => allocation.get(m.id)!));
  const jishi = vocs.find((v) => v.name === "楚雄技师学院")!;
  const jidian = vocs.find((v) => v.name === "楚雄机电学校")!;
  // What counts against a vocational school's cap (approved or sent off) stays under 95 % of it where possible.
  const taken = new Map(vocs.map((v) => [v.id, 0]));
  const room = (v: (typeof vocs)[number]) => taken.get(v.id)! < Math.floor(v.quota.enrolCap * 0.95);
  const stateWheel = Object.entries(FULL_YEAR_STATE_SHARES).flatMap(([s, n]) => Array<AppStatus>(n).fill(s as AppStatus));
  const enteredOn = addCalendarDays(phase("publicity").start, 2);
  const reviewedOn = phase("publicity").end;
  const pdf = tinyPdf();
  const pdfSha = createHash("sha256").update(pdf).digest("hex");
  const pdfHex = `\\x${pdf.toString("hex")}`; // bytea input format
  type App = { id: string; status: AppStatus; countyId: string; middleSchoolId: string; vocationalSchoolId: string; shanghai: boolean; by: string; sentOn: string | null };
  const apps: App[] = [];
  const appRows: Record<string, unknown>[] = [];
  const docRows: Record<string, unknown>[] = [];
  const perCounty = new Map<string, number>();
  const schoolCounted = new Map<string, number>();
  let n = 0;
  middleSchools.forEach((m, si) => {
    const c = m.county;
    const by = msUser.get(m.id)!.id;
    const own = vocs.find((v) => v.countyId === c.id) ?? jishi;
    for (let i = 0; i < perSchool[si]; i++, n++) {
      let status = stateWheel[rnd.int(stateWheel.length)];
      // Approved and sent-off applications stay within the school's allocation (so within the county's cap):
      // a send-off burst over all of them is accepted.
      if ((status === "APPROVED" || status === "SENT_OFF") && (schoolCounted.get(m.id) ?? 0) >= allocation.get(m.id)!) status = "SIGNED";
      const counted = status === "APPROVED" || status === "SENT_OFF";
      if (counted) schoolCounted.set(m.id, (schoolCounted.get(m.id) ?? 0) + 1);
      const pick = rnd.next();
      let voc = pick < 0.6 ? own : pick < 0.85 ? jishi : jidian;
      if (counted && !room(voc)) voc = [own, jidian, jishi].find(room) ?? jishi;
      if (counted) taken.set(voc.id, taken.get(voc.id)! + 1);
      const sex = rnd.next() < 0.55 ? "MALE" : "FEMALE";
      const k = perCounty.get(c.id) ?? 0; // position in the county's ID-number space (its region code)
      perCounty.set(c.id, k + 1);
      const idNumber = validIdNumber({ region: c.region, birthDate: addCalendarDays(`${year - 15}-01-01`, k % 730), sex, seq: Math.floor(k / 730) % 100 });
      const name = `${SURNAMES[rnd.int(SURNAMES.length)]}${GIVEN[rnd.int(GIVEN.length)]}`;
      const shanghai = voc.id === jishi.id && rnd.next() < 0.15;
      const signed = status !== "DRAFT";
      const reviewed = status === "APPROVED" || status === "REJECTED" || status === "SENT_OFF";
      const id = rnd.uuid();
      const docId = signed ? rnd.uuid() : null;
      if (docId) docRows.push({ id: docId, kind: "CONSENT_SCAN", fileName: "签字申请表.pdf", mimeType: "application/pdf", size: pdf.length, sha256: pdfSha, countyId: c.id, middleSchoolId: m.id, uploadedById: by, createdAt: at(enteredOn) });
      const phone = (p: string) => `${p}${String(rnd.int(10_000)).padStart(4, "0")}`;
      appRows.push({
        id, year, countyId: c.id, middleSchoolId: m.id, className: `九年级（${1 + rnd.int(8)}）班`, headTeacherName: `${SURNAMES[rnd.int(SURNAMES.length)]}老师`,
        headTeacherPhone: phone("1388780"), studentName: name, sex, studentPhone: rnd.next() < 0.1 ? "无" : phone("1598781"),
        addressCounty: c.name, addressTownship: TOWNSHIPS[rnd.int(TOWNSHIPS.length)], addressVillage: `${GIVEN[rnd.int(GIVEN.length)].slice(0, 1)}家村委会`, addressStreet: `${1 + rnd.int(12)}组`,
        studentNumber: `${c.region}${year - 3}${String(n % 10_000).padStart(4, "0")}`, idNumber,
        birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        guardianName: `${name.slice(0, 1)}${GIVEN[rnd.int(GIVEN.length)]}`, guardianRelation: sex === "MALE" ? "FATHER_SON" : "MOTHER_DAUGHTER", guardianPhone: phone("1878782"),
        reason: null, vocationalSchoolId: voc.id, major: MAJORS[rnd.int(MAJORS.length)],
        eligibilityGround: rnd.next() < 0.12 ? "RETURNED_DROPOUT" : "LEARNING_DIFFICULTY", shanghaiFlag: shanghai,
        studentSigned: signed, guardianSigned: signed, consentDocumentId: docId, status,
        reviewDecision: reviewed ? status !== "REJECTED" : null, reviewDate: reviewed ? reviewedOn : null,
        reviewComment: status === "REJECTED" ? "经核实该生学业正常，不符合报名条件" : null, reviewedById: reviewed ? by : null,
        withdrawnAt: status === "WITHDRAWN" ? at(reviewedOn, "16:00") : null, withdrawReason: status === "WITHDRAWN" ? "学生及监护人自愿撤回" : null,
        enteredById: by, createdAt: at(enteredOn), updatedAt: at(reviewedOn, "17:00"),
      });
      apps.push({ id, status, countyId: c.id, middleSchoolId: m.id, vocationalSchoolId: voc.id, shanghai, by, sentOn: status === "SENT_OFF" ? sentDays[rnd.int(sentDays.length)] : null });
    }
  });
  // One DocumentBlob per Document (its primary key is the document's id): the bytes are the same tiny PDF.
  await insertRows(db, "Document", docRows);
  await insertRows(db, "DocumentBlob", docRows.map((d) => ({ documentId: d.id, bytes: pdfHex })));
  await insertRows(db, "Application", appRows);
  counts.applications = appRows.length;
  counts.consentScans = docRows.length;

  // ───── 送读 (by the county bureau), 报到, 编班 and 学号 ─────
  const sent = apps.filter((a) => a.sentOn);
  const enrolments = sent.map((a) => {
    const r = rnd.next();
    const arrival = r < 0.9 ? "ARRIVED" : r < 0.94 ? "NOT_ARRIVED" : "PENDING";
    return {
      id: rnd.uuid(), applicationId: a.id, year, countyId: a.countyId, middleSchoolId: a.middleSchoolId, vocationalSchoolId: a.vocationalSchoolId,
      shanghaiFlag: a.shanghai, sentOffAt: at(a.sentOn!, "09:30"), sentOffById: countyUser.get(a.countyId)!.id,
      arrivalStatus: arrival as "ARRIVED" | "NOT_ARRIVED" | "PENDING", arrivedOn: arrival === "ARRIVED" ? addCalendarDays(a.sentOn!, 1) : null,
      classId: null as string | null, studentNo: null as string | null, status: "ENROLLED" as "ENROLLED" | "LEFT",
      createdAt: at(a.sentOn!, "09:30"), updatedAt: at(a.sentOn!, "09:30"),
    };
  });
  const classes: Record<string, unknown>[] = [];
  for (const v of vocs) {
    const mine = enrolments.filter((e) => e.vocationalSchoolId === v.id && e.arrivalStatus === "ARRIVED");
    for (let k = 0; k * CLASS_SIZE < mine.length; k++) {
      const id = rnd.uuid();
      const code = String(k + 1).padStart(2, "0");
      classes.push({ id, vocationalSchoolId: v.id, year, name: `${year}级职教${k + 1}班`, code, major: MAJORS[k % MAJORS.length], sizeLimit: 50, headTeacherName: `${SURNAMES[k % SURNAMES.length]}老师`, headTeacherPhone: `1390878${String(1000 + k).slice(-4)}`, updatedAt: at(phase("stabilisation").start) });
      mine.slice(k * CLASS_SIZE, (k + 1) * CLASS_SIZE).forEach((e, j) => {
        e.classId = id;
        e.studentNo = formatStudentNo("{year}{class:2}{seq:3}", { year, classCode: code, seq: j + 1 });
      });
    }
  }
  await insertRows(db, "VocationalClass", classes);
  await insertRows(db, "Enrolment", enrolments);
  counts.enrolments = enrolments.length;
  counts.classes = classes.length;

  // ───── 离校: 1 in 25 arrived students leaves, half in 稳定期 (before 附件4), half in 巩固期 ─────
  const arrived = enrolments.filter((e) => e.arrivalStatus === "ARRIVED");
  const leavers = arrived.filter(() => rnd.next() < 0.04).map((e, k) => ({
    e, leave: LEAVES[k % LEAVES.length], on: k % 2 === 0 ? addCalendarDays(phase("stabilisation").start, 3 + (k % 20)) : addCalendarDays(phase("consolidation").start, 10 + (k % 60)),
  }));
  const leave = async (list: typeof leavers) => {
    const proofs = list.filter((l) => l.leave.proof).map((l) => ({ l, id: rnd.uuid() }));
    const proofOf = new Map(proofs.map((p) => [p.l, p.id]));
    await insertRows(db, "Document", proofs.map(({ l, id }) => ({ id, kind: "LEAVE_PROOF", fileName: "在读证明.pdf", mimeType: "application/pdf", size: pdf.length, sha256: pdfSha, countyId: l.e.countyId, middleSchoolId: l.e.middleSchoolId, vocationalSchoolId: l.e.vocationalSchoolId, uploadedById: vocUser.get(l.e.vocationalSchoolId)!.id, createdAt: at(l.on, "15:00") })));
    await insertRows(db, "DocumentBlob", proofs.map(({ id }) => ({ documentId: id, bytes: pdfHex })));
    await insertRows(db, "StatusEvent", list.map((l) => ({
        id: rnd.uuid(), enrolmentId: l.e.id, type: l.leave.type, occurredOn: l.on, exempt: isExempt(l.leave.type, l.leave.proof), proofDocumentId: proofOf.get(l) ?? null,
        otherSchoolName: l.leave.otherSchoolName ?? null, comment: l.leave.comment ?? null, recordedById: vocUser.get(l.e.vocationalSchoolId)!.id, createdAt: at(l.on, "15:00"),
    })));
    for (const l of list) l.e.status = "LEFT";
    await db.enrolment.updateMany({ where: { id: { in: list.map((l) => l.e.id) } }, data: { status: "LEFT" } });
  };
  const confirmationStart = phase("confirmation").start;
  await leave(leavers.filter((l) => l.on < confirmationStart));

  // ───── 附件4: each school submits the app's own live roster; received, released, checked by the counties ─────
  allowServerModules();
  const { liveRoster } = await import("../../src/server/roster/roster");
  const checks: Record<string, unknown>[] = [];
  counts.rosterSubmissions = 0;
  for (const v of vocs) {
    const snapshot = await liveRoster(db as unknown as AppDb, v.id, year);
    if (!snapshot.length) continue;
    const subId = rnd.uuid();
    await db.rosterSubmission.create({
      data: { id: subId, vocationalSchoolId: v.id, year, version: 1, rows: snapshot as never, rowCount: snapshot.length, submittedById: vocUser.get(v.id)!.id, submittedAt: at(confirmationStart), receivedById: bureau.id, receivedAt: at(confirmationStart, "16:00") },
    });
    const countyIds = [...new Set(snapshot.map((r) => r.countyId))];
    await db.rosterRelease.createMany({ data: countyIds.map((countyId) => ({ id: rnd.uuid(), submissionId: subId, countyId, releasedById: bureau.id, releasedAt: at(confirmationStart, "17:00") })) });
    const checkedOn = addCalendarDays(confirmationStart, 2);
    for (const r of snapshot) {
      const x = rnd.next();
      const status = x < 0.97 ? "CONFIRMED" : x < 0.985 ? "DISCREPANCY" : "RESOLVED";
      checks.push({
        id: rnd.uuid(), submissionId: subId, enrolmentId: r.enrolmentId, countyId: r.countyId, status, checkedById: countyUser.get(r.countyId)!.id, checkedAt: at(checkedOn),
        comment: status === "CONFIRMED" ? null : "该生班级与县市掌握的情况不一致，请核实",
        answer: status === "RESOLVED" ? "已核实，学生于开学第二周调整到该班" : null,
        answeredById: status === "RESOLVED" ? vocUser.get(v.id)!.id : null, answeredAt: status === "RESOLVED" ? at(addCalendarDays(checkedOn, 1)) : null,
      });
    }
    counts.rosterSubmissions++;
  }
  await insertRows(db, "RosterCheck", checks);
  counts.rosterChecks = checks.length;
  await leave(leavers.filter((l) => l.on >= confirmationStart));
  counts.leavers = leavers.length;

  // A bulk load ends with ANALYZE (PostgreSQL's "Populating a Database" advice; autovacuum would do it within about
  // a minute): without statistics the planner takes each table for nearly empty and picks nested loops — the
  // dashboard's confirmed count took 143 ms instead of 11 at 9 000 applications (decision 102).
  await db.$executeRawUnsafe("ANALYZE");

  // ───── what the benchmarks and tests pick from ─────
  const sendOffApplicationIds: Record<string, string[]> = {};
  for (const c of counties) sendOffApplicationIds[c.id] = apps.filter((a) => a.countyId === c.id && a.status === "APPROVED").map((a) => a.id);
  const every = <T>(list: T[], k: number) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / k)) === 0).slice(0, k);
  return {
    year, trainingDate, password,
    users: users.map(({ role, username, countyId, middleSchoolId, vocationalSchoolId }) => ({ role, username, countyId, middleSchoolId, vocationalSchoolId })),
    applications: appRows.length, sendOffApplicationIds,
    sampleApplicationIds: every(apps, 50).map((a) => a.id),
    sampleStudentIds: every(enrolments, 50).map((e) => e.id),
    prefectureId, countyIds: counties.map((c) => c.id), middleSchoolIds: middleSchools.map((m) => m.id), vocationalSchoolIds: vocs.map((v) => v.id),
    counts, seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
}

/** The counties' 行政区划代码 (ID numbers start with them), in the plan's official order. */
function regionOf(i: number) {
  return ["532301", "532322", "532323", "532324", "532325", "532326", "532327", "532328", "532329", "532331"][i] ?? "532301";
}
