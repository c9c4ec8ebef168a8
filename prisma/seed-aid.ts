// Demo data for issue 14 item 6 (policy 七, decision 026): 2019 payments by the counties to their 职教班 students
// (义务教育阶段资助 kept for some, 生活费 and 往返交通费补助 for all who arrived) and the counties' subsidies to
// 楚雄市职中 and 楚雄技师学院. One mistyped payment is voided with its reason. Amounts in fen.
import type { PrismaClient } from "../src/generated/prisma/client";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;
const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);

export async function seedAidDemo(db: Db) {
  const students = await db.enrolment.findMany({ where: { year: 2019, arrivalStatus: "ARRIVED" }, include: { county: true }, orderBy: { studentNo: "asc" } });
  let n = 0;
  for (const e of students) {
    const countyUser = await db.user.findFirst({ where: { countyId: e.countyId, role: "COUNTY" }, orderBy: { username: "asc" } });
    if (!countyUser) continue;
    n++;
    const base = { enrolmentId: e.id, countyId: e.countyId, recordedById: countyUser.id };
    await db.studentAid.create({ data: { ...base, kind: "LIVING", amountFen: 45000, period: "2019年5月至7月（每月150元）", paidOn: "2019-07-12", createdAt: at("2019-07-12") } });
    await db.studentAid.create({ data: { ...base, kind: "TRANSPORT", amountFen: n % 4 === 0 ? 36000 : 24000, period: "2019年春季学期（往返6次）", paidOn: "2019-07-12", createdAt: at("2019-07-12") } });
    if (n % 3 === 0) {
      await db.studentAid.create({ data: { ...base, kind: "COMPULSORY_AID", amountFen: 62500, period: "2019年春季学期", comment: "家庭经济困难寄宿生生活补助（继续享受义务教育阶段资助）", paidOn: "2019-06-28", createdAt: at("2019-06-28") } });
    }
    if (n === 2) {
      await db.studentAid.create({ data: { ...base, kind: "LIVING", amountFen: 4500, period: "2019年5月至7月", paidOn: "2019-07-10", createdAt: at("2019-07-10"), voidedAt: at("2019-07-11"), voidedById: countyUser.id, voidReason: "金额少录一位，已重新登记" } });
    }
  }
  const subsidies: [string, string, number, string][] = [
    ["chuxiong", "楚雄市职中", 5000000, "2019年义务教育职教班办学补助"],
    ["chuxiong", "楚雄技师学院", 2400000, "本市送读学生教学补助（12人）"],
    ["mouding", "楚雄技师学院", 1800000, "本县送读学生教学补助（9人）"],
    ["nanhua", "楚雄技师学院", 1400000, "本县送读学生教学补助（7人）"],
  ];
  for (const [username, school, fen, purpose] of subsidies) {
    const u = await db.user.findUnique({ where: { username } });
    const v = await db.vocationalSchool.findFirst({ where: { name: school } });
    if (!u?.countyId || !v) continue;
    await db.schoolSubsidy.create({ data: { countyId: u.countyId, vocationalSchoolId: v.id, year: 2019, amountFen: fen, purpose, paidOn: "2019-09-20", recordedById: u.id, createdAt: at("2019-09-20") } });
  }
  return n;
}
