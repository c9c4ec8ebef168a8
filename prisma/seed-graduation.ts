// Demo data for issue 14 items 4–5 (decisions 024, 025): the 2019 graduates of 楚雄市职中 and 楚雄技师学院
// (students who were not leavers) completed compulsory education on 2019-07-05; the schools sent their grades and
// files back; most middle schools received them and issued the 义务教育证书; most got a 职业技能等级证书 — some
// still lack one (the "缺证书" lists are not empty; 楚雄市职中's 王志刚 has none, for the two-certificate demo).
// 升学去向 follows the autumn registration decision. Runs after seed-student-status.ts and seed-retention.ts.
import type { PrismaClient } from "../src/generated/prisma/client";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;
const at = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);

type Plan = { received: boolean; compulsory: boolean; skill: [string, string] | null };
const CHUXIONG: Record<string, Plan> = {
  杨丽芬: { received: true, compulsory: true, skill: ["汽车维修工", "初级（五级）"] },
  张文斌: { received: true, compulsory: true, skill: ["汽车维修工", "初级（五级）"] },
  赵明亮: { received: true, compulsory: true, skill: ["汽车维修工", "初级（五级）"] },
  王志刚: { received: true, compulsory: true, skill: null },
  起海燕: { received: true, compulsory: false, skill: null },
  陈玉梅: { received: false, compulsory: false, skill: null },
};

export async function seedGraduationDemo(db: Db) {
  let n = 0;
  for (const [school, username] of [["楚雄市职中", "chuxiong-zz"], ["楚雄技师学院", "jishi"]] as const) {
    const voc = await db.vocationalSchool.findFirst({ where: { name: school } });
    const vocUser = await db.user.findUnique({ where: { username } });
    if (!voc || !vocUser) continue;
    const graduates = await db.enrolment.findMany({
      where: { vocationalSchoolId: voc.id, year: 2019, status: "GRADUATED" },
      include: { application: { select: { studentName: true } } }, orderBy: { studentNo: "asc" },
    });
    for (const e of graduates) {
      n++;
      const plan: Plan = CHUXIONG[e.application.studentName] ?? { received: n % 5 !== 0, compulsory: n % 4 !== 0, skill: n % 3 !== 0 ? ["数控车工", "初级（五级）"] : null };
      const msUser = await db.user.findFirst({ where: { middleSchoolId: e.middleSchoolId }, orderBy: { username: "asc" } });
      await db.enrolment.update({
        where: { id: e.id },
        data: {
          graduatedOn: "2019-07-05",
          continuationPath: e.registrationDecision === "REGISTERED" ? "CONTINUE_HERE" : "OTHER_HIGH_SCHOOL",
          continuationNote: e.registrationDecision === "REGISTERED" ? null : "报考双柏县第一中学（高中部）",
        },
      });
      const ev = (data: Record<string, unknown>) => db.statusEvent.create({ data: { enrolmentId: e.id, recordedById: vocUser.id, ...data } as never });
      await ev({ type: "COMPLETED", occurredOn: "2019-07-05", createdAt: at("2019-07-05") });
      await ev({
        type: "GRADES_SENT", occurredOn: "2019-07-08", comment: "义务教育课程成绩单、学生档案", createdAt: at("2019-07-08"),
        receivedOn: plan.received && msUser ? "2019-07-10" : null, receivedById: plan.received && msUser ? msUser.id : null,
      });
      if (plan.compulsory && msUser) {
        await ev({ type: "COMPULSORY_CERTIFICATE", occurredOn: "2019-07-15", certificateNo: `5323${String(201900000 + n)}`, recordedById: msUser.id, createdAt: at("2019-07-15") });
      }
      if (plan.skill) {
        await ev({ type: "SKILL_CERTIFICATE", occurredOn: "2019-07-12", certificateName: plan.skill[0], certificateLevel: plan.skill[1], certificateNo: `S2019${String(5300 + n)}`, createdAt: at("2019-07-12") });
      }
    }
  }
  return n;
}
