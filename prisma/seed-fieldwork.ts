// Demo data for issue 21 (field work) in the completed past year (2019): 宣传期 visits of three vocational
// schools to middle schools (confirmed, one by a county-level 职中 in another county, one voided; some
// middle schools left unvisited for the county's coverage list), and follow-ups / home visits of 楚雄市职中's
// 2019 students with 流失风险 flags — one cleared with a reason, the others closed by the student's leaving.
// Runs after seed-student-status.ts (it needs the 2019 students). Plain Prisma, rows dated as in 2019.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../src/generated/prisma/client";
import { tinyPng } from "./factories/applications";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;
type Kind = "STUDY_CHECK" | "HOME_VISIT" | "PHONE" | "OTHER";

const at = (date: string, time = "16:00") => new Date(`${date}T${time}:00+08:00`);

const VISITS: { voc: string; county: string; school: string; on: string; people: string; content: string; students: number; parents: number; photo?: boolean; void?: string }[] = [
  { voc: "楚雄市职中", county: "楚雄市", school: "楚雄市第一中学", on: "2019-04-23", people: "招生办 周红梅、汽修专业 李国华", content: "召开九年级学生和家长宣传会，介绍义务教育职教班的专业、课程和资助政策，现场发放报名申请表", students: 160, parents: 72, photo: true },
  { voc: "楚雄市职中", county: "楚雄市", school: "楚雄市鹿城中学", on: "2019-04-24", people: "招生办 周红梅", content: "到九年级各班宣讲，组织学生参观职中实训基地视频", students: 95, parents: 20 },
  { voc: "楚雄市职中", county: "楚雄市", school: "楚雄市东瓜中学", on: "2019-04-25", people: "招生办 周红梅、烹饪专业 杨敏", content: "家长会宣讲，解答学籍保留在原初中、可回原校参加学业水平考试等问题", students: 80, parents: 65 },
  { voc: "楚雄市职中", county: "双柏县", school: "双柏县第一中学", on: "2019-04-26", people: "招生办 周红梅", content: "应双柏县教育体育局组织，介绍汽修、烹饪专业", students: 60, parents: 18 },
  { voc: "楚雄市职中", county: "楚雄市", school: "楚雄市鹿城中学", on: "2019-04-29", people: "招生办 周红梅", content: "重复登记", students: 0, parents: 0, void: "与4月24日的走访重复登记" },
  { voc: "楚雄技师学院", county: "楚雄市", school: "楚雄市第一中学", on: "2019-04-22", people: "招生就业处 张丽、电子商务专业 普志明", content: "介绍东西协作送读上海项目和电子商务、数控专业", students: 150, parents: 40 },
  { voc: "双柏县职中", county: "双柏县", school: "双柏县第一中学", on: "2019-04-24", people: "副校长 李永平", content: "介绍现代农艺技术专业和送读流程", students: 70, parents: 30 },
];

type FollowUp = { student: string; kind: Kind; on: string; by: "MIDDLE_SCHOOL" | "VOCATIONAL_SCHOOL"; ms?: string; voc?: string; other?: string; notes: string; risk?: string; cleared?: { on: string; reason: string } };
const FOLLOW_UPS: FollowUp[] = [
  { student: "李春华", kind: "STUDY_CHECK", on: "2019-05-28", by: "MIDDLE_SCHOOL", ms: "班主任 王建华", voc: "班主任 周红梅", notes: "电话向职中班主任了解：该生不适应住校生活，多次提出想回原校就读。", risk: "不适应住校生活，想回原初中就读" },
  { student: "普永福", kind: "HOME_VISIT", on: "2019-06-05", by: "MIDDLE_SCHOOL", ms: "班主任 杨志刚", voc: "班主任 周红梅", other: "学生父亲", notes: "到学生家中走访：父亲常年在外务工，学生沉迷网络，近两周多次旷课；家长同意配合督促返校。", risk: "沉迷网络，多次旷课" },
  { student: "普永福", kind: "PHONE", on: "2019-06-18", by: "VOCATIONAL_SCHOOL", voc: "班主任 周红梅", other: "学生父亲", notes: "电话联系家长，学生仍未返校，家长表示学生准备外出务工。" },
  { student: "张文斌", kind: "STUDY_CHECK", on: "2019-06-03", by: "MIDDLE_SCHOOL", ms: "教务处 李明", voc: "班主任 周红梅", notes: "了解学习情况并商定 6 月回原初中参加全省初中学业水平考试的安排。" },
  { student: "赵明亮", kind: "HOME_VISIT", on: "2019-06-26", by: "VOCATIONAL_SCHOOL", ms: "班主任 杨志刚", voc: "班主任 周红梅", other: "学生母亲", notes: "学生请假回家未按时返校，与原初中班主任一同家访，了解到家中农忙。", risk: "请假逾期未返校", cleared: { on: "2019-07-05", reason: "已按时返校，家长表示支持继续就读" } },
  { student: "陈玉梅", kind: "STUDY_CHECK", on: "2019-06-20", by: "MIDDLE_SCHOOL", ms: "班主任 李芳", notes: "向职中了解学习情况：该生学习中餐烹饪积极，表现良好。" },
  { student: "鲁建军", kind: "PHONE", on: "2019-07-08", by: "MIDDLE_SCHOOL", ms: "班主任 者文", other: "学生母亲", notes: "家长告知全家准备迁往外省务工，学生可能随迁。", risk: "父母准备迁往外省" },
  { student: "王志刚", kind: "HOME_VISIT", on: "2019-08-10", by: "MIDDLE_SCHOOL", ms: "班主任 者文", voc: "班主任 周红梅", other: "学生父母", notes: "暑假家访，学生和家长都愿意秋季继续在职中注册中职学籍。" },
];

export async function seedFieldworkDemo(db: Db) {
  let visits = 0;
  for (const v of VISITS) {
    const voc = await db.vocationalSchool.findFirst({ where: { name: v.voc } });
    const vocUser = voc && (await db.user.findFirst({ where: { vocationalSchoolId: voc.id }, orderBy: { username: "asc" } }));
    const ms = await db.middleSchool.findFirst({ where: { name: v.school, county: { name: v.county } } });
    const msUser = ms && (await db.user.findFirst({ where: { middleSchoolId: ms.id }, orderBy: { username: "asc" } }));
    if (!voc || !vocUser || !ms || !msUser) continue;
    const visit = await db.publicityVisit.create({
      data: {
        year: 2019, vocationalSchoolId: voc.id, middleSchoolId: ms.id, visitedOn: v.on, people: v.people, content: v.content,
        studentsReached: v.students, parentsReached: v.parents, recordedById: vocUser.id, createdAt: at(v.on),
        ...(v.void ? { voidedAt: at(v.on, "17:00"), voidedById: vocUser.id, voidReason: v.void } : { confirmedAt: at(v.on, "18:00"), confirmedById: msUser.id }),
      },
    });
    if (v.photo) {
      const bytes = tinyPng(32, 24);
      const doc = await db.document.create({
        data: {
          kind: "OTHER", fileName: "宣传会现场.png", mimeType: "image/png", size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"),
          vocationalSchoolId: voc.id, middleSchoolId: ms.id, countyId: ms.countyId, uploadedById: vocUser.id, createdAt: at(v.on),
          blob: { create: { bytes: new Uint8Array(bytes) } },
        },
      });
      await db.publicityVisitFile.create({ data: { visitId: visit.id, documentId: doc.id } });
    }
    visits++;
  }
  let followUps = 0;
  for (const f of FOLLOW_UPS) {
    const e = await db.enrolment.findFirst({ where: { year: 2019, vocationalSchool: { name: "楚雄市职中" }, application: { studentName: f.student } } });
    if (!e) continue;
    const user = await db.user.findFirst({
      where: f.by === "MIDDLE_SCHOOL" ? { middleSchoolId: e.middleSchoolId } : { vocationalSchoolId: e.vocationalSchoolId }, orderBy: { username: "asc" },
    });
    if (!user) continue;
    const row = await db.followUp.create({
      data: {
        enrolmentId: e.id, kind: f.kind, occurredOn: f.on, recorderRole: f.by, middleSchoolParticipants: f.ms ?? null, vocationalParticipants: f.voc ?? null,
        otherParticipants: f.other ?? null, notes: f.notes, riskRaised: !!f.risk, recordedById: user.id, createdAt: at(f.on),
      },
    });
    if (f.risk) {
      await db.riskFlag.create({
        data: {
          enrolmentId: e.id, followUpId: row.id, reason: f.risk, raisedOn: f.on, raisedById: user.id, createdAt: at(f.on),
          ...(f.cleared ? { clearedAt: at(f.cleared.on), clearedById: user.id, clearReason: f.cleared.reason } : {}),
        },
      });
    }
    followUps++;
  }
  return { visits, followUps };
}
