// Demo data for issue 15 items 5 and 6: a few 操作日志 rows of the completed 2019 year that no seed step
// writes through the app — who revealed a student's full ID number, failed sign-ins (one with an
// unknown username) and a lockout — so that the log shows them on a fresh demo. Written with the
// shapes the app writes (src/server/applications/reveal.ts, src/server/auth/sign-in.ts) and 2019 dates.
import type { PrismaClient } from "../src/generated/prisma/client";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

export async function seedAuditDemo(db: Db) {
  const voc = await db.user.findUniqueOrThrow({ where: { username: "chuxiong-zz" }, include: { vocationalSchool: true } });
  const county = await db.user.findUniqueOrThrow({ where: { username: "chuxiong" }, include: { county: true } });
  const school = await db.user.findUniqueOrThrow({ where: { username: "chuxiong-cz1" } });
  const student = await db.application.findFirst({ where: { year: 2019, studentName: "李春华" }, select: { id: true, studentName: true } });
  const rows = [
    ...(student
      ? [
          { at: at("2019-06-10", "09:12"), actorId: voc.id, actorRole: "VOCATIONAL_SCHOOL" as const, orgLabel: voc.vocationalSchool!.fullName, action: "idNumber.reveal", entityType: "Application", entityId: student.id, summary: { studentName: student.studentName, page: "学生页面" } },
          { at: at("2019-06-11", "15:40"), actorId: county.id, actorRole: "COUNTY" as const, orgLabel: county.county!.bureauName, action: "idNumber.reveal", entityType: "Application", entityId: student.id, summary: { studentName: student.studentName, page: "报名申请页面" } },
        ]
      : []),
    { at: at("2019-06-12", "08:01"), action: "auth.signInFailed", summary: { username: "chuxiong-cz8" } },
    ...[1, 2, 3, 4, 5].map((i) => ({ at: at("2019-06-12", `08:0${i + 1}`), action: "auth.signInFailed", entityType: "User", entityId: school.id, summary: { username: school.username } })),
    { at: at("2019-06-12", "08:06"), action: "auth.lock", entityType: "User", entityId: school.id, summary: { username: school.username, via: "signIn", until: at("2019-06-12", "08:21").toISOString(), after: 5 } },
  ];
  for (const r of rows) await db.auditLog.create({ data: r });
}
