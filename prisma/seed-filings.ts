// Demo filings (decision 015): 2020 实施方案 approved for nine counties and both prefecture-level
// schools, 元谋县 still pending (a draft, so its send-off is refused until the prefecture approves);
// 附件5 of 楚雄市职中 filed (已备案) and 楚雄技师学院 waiting; planned figures for 2021 from a few units.
import type { PrismaClient } from "../src/generated/prisma/client";
import { approveImplementationPlans } from "./factories/filings";
import { createApplicationRow, validIdNumber } from "./factories/applications";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

export const PENDING_COUNTY = "元谋县";

const userId = async (db: Db, username: string) => (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;

const TEACHING_PLAN = {
  managementMode: "按全日制在校生方式管理，融入学校管理体制和运行机制；分管副校长负责，教务处、学生处组成管理团队；选派优秀教师担任班主任，按兴趣爱好和报读专业统一编班。",
  teachingGoals: "全面贯彻党的教育方针，落实立德树人根本任务；开齐开足学生未完成的义务教育课程，确保完成义务教育学业；开设汽车、烹饪等职业技能课程，确保学生掌握一定的生存发展技能。",
  classes: [
    { name: "2020级职教1班", major: "汽车运用与维修", size: 45, headTeacherName: "李红梅", headTeacherPhone: "13887801234" },
    { name: "2020级职教2班", major: "中餐烹饪", size: 40, headTeacherName: "张学文", headTeacherPhone: "13887805678" },
  ],
  compulsoryCourses: [
    { name: "语文", weeklyHours: 5 }, { name: "数学", weeklyHours: 5 }, { name: "英语", weeklyHours: 3 }, { name: "道德与法治", weeklyHours: 2 },
    { name: "物理", weeklyHours: 2 }, { name: "体育与健康", weeklyHours: 3 },
  ],
  vocationalCourses: [{ name: "汽车构造与拆装", weeklyHours: 6 }, { name: "烹饪基础", weeklyHours: 6 }, { name: "职业素养", weeklyHours: 2 }],
  retentionMeasures: "校长为巩固工作第一责任人；班主任包保到人，每月家访一次；与原初中学校建立联系制度；巩固率纳入班主任考核，确保巩固率达到95%以上。",
  assessment: "围绕“三个确保”考核：学生义务教育学业合格；学到一定的职业技能；巩固率达到95%以上。",
};

export async function seedDemoFilings(db: Db) {
  const year = 2020;
  const zhou = await userId(db, "zhou");
  const counties = await db.county.findMany({ select: { id: true, name: true }, orderBy: { sortOrder: "asc" } });
  const prefectureSchools = await db.vocationalSchool.findMany({ where: { countyId: null }, select: { id: true } });
  const approved = counties.filter((c) => c.name !== PENDING_COUNTY);
  await approveImplementationPlans(db, {
    year, countyIds: approved.map((c) => c.id), vocationalSchoolIds: prefectureSchools.map((s) => s.id), byUserId: zhou, reviewerId: zhou, on: "2020-03-27",
  });

  // 元谋县: a draft not yet submitted (逾期 since 3月31日), and two approved applications waiting for send-off.
  const pending = counties.find((c) => c.name === PENDING_COUNTY)!;
  const yuanmou = await userId(db, "yuanmou");
  await db.filing.create({
    data: {
      kind: "IMPLEMENTATION_PLAN", year, version: 1, filerKey: `county:${pending.id}`, countyId: pending.id, status: "DRAFT",
      content: { summary: "元谋县义务教育职教班实施方案（初稿）：成立工作领导小组，4月下旬组织宣传报名。" }, createdById: yuanmou,
    },
  });
  const ms = await db.middleSchool.findFirstOrThrow({ where: { countyId: pending.id, name: "元谋县第一中学" } });
  const staff = await userId(db, "yuanmou-cz1");
  const voc = await db.vocationalSchool.findFirstOrThrow({ where: { name: "元谋县职中" } });
  for (const [i, s] of ([["何小龙", "MALE"], ["李春花", "FEMALE"]] as const).entries()) {
    await createApplicationRow(db, {
      year, middleSchoolId: ms.id, vocationalSchoolId: voc.id, enteredById: staff, status: "APPROVED", reviewDate: "2020-05-06",
      input: {
        studentName: s[0], sex: s[1], className: "九年级（2）班",
        idNumber: validIdNumber({ region: "532328", birthDate: `2005-0${3 + i}-1${i}`, sex: s[1], seq: 31 + i }),
        studentNumber: `0532328${String(2017101 + i)}`.slice(0, 14),
        guardianName: `${s[0].slice(0, 1)}家长`, guardianRelation: s[1] === "FEMALE" ? "母女" : "父子",
        address: { county: "元谋县", township: "元马镇", village: "城南社区居委会", street: "城南村" },
        major: "现代农艺技术", shanghaiFlag: false, eligibilityGround: "LEARNING_DIFFICULTY",
        headTeacherName: "杨老师", headTeacherPhone: "13887821000", studentPhone: `1598782${String(3000 + i)}`, guardianPhone: `1878782${String(4000 + i)}`,
      },
    });
  }

  // 附件5: 楚雄市职中 filed with 楚雄市 (已备案); 楚雄技师学院 submitted to the prefecture, waiting.
  const cxzz = await db.vocationalSchool.findFirstOrThrow({ where: { name: "楚雄市职中" } });
  await db.filing.create({
    data: {
      kind: "TEACHING_PLAN", year, version: 1, filerKey: `voc:${cxzz.id}`, vocationalSchoolId: cxzz.id, reviewerCountyId: cxzz.countyId,
      status: "APPROVED", content: TEACHING_PLAN, submittedOn: "2020-04-24", submittedAt: new Date(), submittedById: await userId(db, "chuxiong-zz"),
      reviewedById: await userId(db, "chuxiong"), reviewedAt: new Date(), createdById: await userId(db, "chuxiong-zz"),
    },
  });
  const jishi = await db.vocationalSchool.findFirstOrThrow({ where: { name: "楚雄技师学院" } });
  const jishiUser = await userId(db, "jishi");
  await db.filing.create({
    data: {
      kind: "TEACHING_PLAN", year, version: 1, filerKey: `voc:${jishi.id}`, vocationalSchoolId: jishi.id, status: "SUBMITTED",
      content: { ...TEACHING_PLAN, classes: [{ name: "2020级义教职教1班", major: "电子商务", size: 50, headTeacherName: "普丽华", headTeacherPhone: "13887809876" }] },
      submittedOn: "2020-04-29", submittedAt: new Date(), submittedById: jishiUser, createdById: jishiUser,
    },
  });

  // 附件2 备注3: figures reported for 2021 before the prefecture drafts that year's plan.
  const proposals: [string, "county" | "voc", number, string][] = [
    ["楚雄市", "county", 1200, "初中毕业生数增加，拟多送读 50 人"], ["双柏县", "county", 160, ""], ["禄丰县", "county", 1500, "按30%以内测算"],
    ["楚雄市职中", "voc", 360, "新增汽车专业 1 个班"], ["楚雄技师学院", "voc", 5000, "维持2020年规模"],
  ];
  for (const [name, type, figure, note] of proposals) {
    const org = type === "county"
      ? await db.county.findFirstOrThrow({ where: { name }, select: { id: true } })
      : await db.vocationalSchool.findFirstOrThrow({ where: { name }, select: { id: true } });
    const by = (await db.user.findFirstOrThrow({ where: type === "county" ? { countyId: org.id } : { vocationalSchoolId: org.id }, select: { id: true } })).id;
    await db.filing.create({
      data: {
        kind: "PLANNED_FIGURES", year: 2021, version: 1, filerKey: `${type}:${org.id}`, ...(type === "county" ? { countyId: org.id } : { vocationalSchoolId: org.id }),
        status: "SUBMITTED", content: { figure, note }, submittedOn: "2020-11-20", submittedAt: new Date(), submittedById: by, createdById: by,
      },
    });
  }
}
