// A real database starts with no accounts: one prefecture administrator with a one-time password
// that must be changed at the first sign-in. The demo (shared password) is loaded only on request.
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import type { PrismaClient } from "../src/generated/prisma/client";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

/** 16 random characters, always with letters and digits (the password rule). */
function oneTimePassword() {
  const raw = randomBytes(12).toString("base64url").replace(/[-_]/g, "x");
  return `${raw.slice(0, 14)}a7`;
}

/** Creates the prefecture and its first administrator when the database has no account at all. */
export async function bootstrapFirstAdmin(db: Db, env: NodeJS.ProcessEnv = process.env) {
  if ((await db.user.count()) > 0) return { created: false as const };
  const name = env.ZJB_PREFECTURE_NAME?.trim() || "楚雄彝族自治州";
  const bureauName = env.ZJB_PREFECTURE_BUREAU?.trim() || "楚雄州教育体育局";
  const username = env.ZJB_ADMIN_USERNAME?.trim() || "admin";
  const fromEnv = Boolean(env.ZJB_ADMIN_PASSWORD);
  const password = env.ZJB_ADMIN_PASSWORD || oneTimePassword();
  const user = await db.$transaction(async (tx) => {
    const prefecture = (await tx.prefecture.findFirst()) ?? (await tx.prefecture.create({ data: { name, bureauName } }));
    const u = await tx.user.create({
      data: {
        username, displayName: "州局系统管理员", role: "PREFECTURE", prefectureId: prefecture.id,
        passwordHash: bcrypt.hashSync(password, 10), mustChangePassword: true,
      },
    });
    await tx.auditLog.create({ data: { action: "setup.firstAdmin", entityType: "User", entityId: u.id, summary: { username } } });
    return u;
  });
  console.log(
    `\n[zjb] 已创建第一个州局管理员账号（数据库中原先没有任何账号）：\n` +
      `      用户名：${user.username}\n` +
      (fromEnv ? `      初始密码：见环境变量 ZJB_ADMIN_PASSWORD\n` : `      一次性初始密码：${password}\n`) +
      `      首次登录后必须修改密码，修改前不能办理任何事项。此密码只显示这一次。\n`,
  );
  return { created: true as const, username: user.username };
}
