import "server-only";
import { db, type Tx } from "@/server/db";
import type { Actor } from "@/server/auth/load-actor";
import { countyScope, managedUserScope, middleSchoolScope, vocationalSchoolScope } from "@/server/auth/scope";
import { assertCan } from "@/server/auth/permissions";
import { audit } from "@/server/audit";
import { AppError, isUniqueViolation, forbidden, notFound } from "@/server/errors";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { LOCK_MINUTES, MAX_FAILED_LOGINS, recordFailedPassword } from "@/server/auth/sign-in";
import { pageArgs, toPage } from "@/server/pagination";
import type { ListQuery } from "@/lib/schemas/org";
import type { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";

const userInclude = {
  prefecture: { select: { bureauName: true } },
  county: { select: { name: true, bureauName: true } },
  middleSchool: { select: { name: true, county: { select: { name: true } } } },
  vocationalSchool: { select: { name: true, fullName: true } },
} satisfies Prisma.UserInclude;

type OrgParts = Pick<Prisma.UserGetPayload<{ include: typeof userInclude }>, "prefecture" | "county" | "middleSchool" | "vocationalSchool">;

export function orgLabelOf(u: OrgParts) {
  return (
    u.prefecture?.bureauName ??
    u.county?.bureauName ??
    (u.middleSchool ? `${u.middleSchool.county.name}·${u.middleSchool.name}` : undefined) ??
    u.vocationalSchool?.fullName ??
    ""
  );
}

export async function listUsers(actor: Actor, query: ListQuery) {
  assertCan(actor, "user.manage");
  const where: Prisma.UserWhereInput = {
    AND: [
      managedUserScope(actor),
      query.q ? { OR: [{ username: { contains: query.q } }, { displayName: { contains: query.q } }] } : {},
      query.status === "active" ? { active: true } : query.status === "inactive" ? { active: false } : {},
      query.countyId ? { OR: [{ countyId: query.countyId }, { middleSchool: { countyId: query.countyId } }, { vocationalSchool: { countyId: query.countyId } }] } : {},
    ],
  };
  const [items, total] = await Promise.all([
    db().user.findMany({ where, include: userInclude, orderBy: [{ role: "asc" }, { username: "asc" }], ...pageArgs(query.page) }),
    db().user.count({ where }),
  ]);
  return toPage(items.map((u) => ({ ...u, orgLabel: orgLabelOf(u) })), total, query.page);
}

async function findManagedUser(tx: Tx, actor: Actor, id: string) {
  const user = await tx.user.findFirst({ where: { AND: [managedUserScope(actor), { id }] }, include: userInclude });
  if (!user) throw notFound("账号");
  return user;
}

export async function getManagedUser(actor: Actor, id: string) {
  assertCan(actor, "user.manage");
  const u = await findManagedUser(db() as unknown as Tx, actor, id);
  return { ...u, orgLabel: orgLabelOf(u) };
}

/** Which organisation columns a new account gets; checks the org is inside the actor's scope. */
async function orgColumns(tx: Tx, actor: Actor, role: Role, orgId: string) {
  if (actor.role === "COUNTY" && role !== "MIDDLE_SCHOOL") {
    throw new AppError("FORBIDDEN", "县市教育体育局只能为本县市的初中学校开设账号。", { role: "请选择“初级中学”" });
  }
  const missing = () => new AppError("VALIDATION", "所选单位不存在或不在您的管理范围内，请重新选择。", { orgId: "请重新选择所属单位" });
  switch (role) {
    case "PREFECTURE":
      if (orgId !== actor.prefectureId) throw missing();
      return { prefectureId: orgId };
    case "COUNTY":
      if (!(await tx.county.findFirst({ where: { AND: [countyScope(actor), { id: orgId }] } }))) throw missing();
      return { countyId: orgId };
    case "MIDDLE_SCHOOL":
      if (!(await tx.middleSchool.findFirst({ where: { AND: [middleSchoolScope(actor), { id: orgId }] } }))) throw missing();
      return { middleSchoolId: orgId };
    case "VOCATIONAL_SCHOOL":
      if (!(await tx.vocationalSchool.findFirst({ where: { AND: [vocationalSchoolScope(actor), { id: orgId }] } }))) throw missing();
      return { vocationalSchoolId: orgId };
  }
}

export async function createUser(
  actor: Actor,
  input: { username: string; displayName: string; phone: string; role: Role; orgId: string; password: string },
) {
  assertCan(actor, "user.manage");
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const org = await orgColumns(tx, actor, input.role, input.orgId);
    if (await tx.user.findUnique({ where: { username: input.username } })) {
      throw new AppError("CONFLICT", `用户名“${input.username}”已被使用，请换一个。`, { username: "用户名已被使用" });
    }
    const created = await tx.user.create({
      data: { username: input.username, displayName: input.displayName, phone: input.phone || null, role: input.role, passwordHash, mustChangePassword: true, ...org },
    }).catch((err: unknown) => {
      // The same username opened by two administrators at once: the unique index decides.
      if (isUniqueViolation(err)) throw new AppError("CONFLICT", `用户名“${input.username}”已被使用，请换一个。`, { username: "用户名已被使用" });
      throw err;
    });
    await audit(tx, actor, "user.create", { type: "User", id: created.id }, { username: created.username, role: created.role, ...org });
    return created;
  });
}

export async function updateUser(actor: Actor, input: { id: string; displayName: string; phone: string }) {
  assertCan(actor, "user.manage");
  return db().$transaction(async (tx) => {
    const before = await findManagedUser(tx, actor, input.id);
    const after = await tx.user.update({ where: { id: before.id }, data: { displayName: input.displayName, phone: input.phone || null } });
    await audit(tx, actor, "user.update", { type: "User", id: before.id }, { before: { displayName: before.displayName, phone: before.phone }, after: { displayName: after.displayName, phone: after.phone } });
    return after;
  });
}

/** Deactivate / reactivate (never delete). Deactivation ends open sessions at their next request. */
export async function setUserActive(actor: Actor, input: { id: string; active: boolean }) {
  assertCan(actor, "user.manage");
  if (input.id === actor.userId && !input.active) {
    throw new AppError("INVALID_STATE", "不能停用自己正在使用的账号。如需停用，请由其他管理员操作。");
  }
  return db().$transaction(async (tx) => {
    const before = await findManagedUser(tx, actor, input.id);
    await tx.user.update({
      where: { id: before.id },
      data: { active: input.active, sessionVersion: { increment: 1 }, failedLoginCount: 0, lockedUntil: null },
    });
    await audit(tx, actor, input.active ? "user.activate" : "user.deactivate", { type: "User", id: before.id }, { username: before.username });
  });
}

export async function resetPassword(actor: Actor, input: { id: string; password: string }) {
  assertCan(actor, "user.manage");
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const before = await findManagedUser(tx, actor, input.id);
    await tx.user.update({
      where: { id: before.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 }, failedLoginCount: 0, lockedUntil: null },
    });
    await audit(tx, actor, "user.resetPassword", { type: "User", id: before.id }, { username: before.username });
  });
}

/** Lifts a lock from too many wrong passwords (the prefecture only); audited. */
export async function unlockUser(actor: Actor, input: { id: string }) {
  assertCan(actor, "user.unlock");
  return db().$transaction(async (tx) => {
    const before = await findManagedUser(tx, actor, input.id);
    await tx.user.update({ where: { id: before.id }, data: { failedLoginCount: 0, lockedUntil: null } });
    await audit(tx, actor, "user.unlock", { type: "User", id: before.id }, { username: before.username, lockedUntil: before.lockedUntil?.toISOString() ?? null });
  });
}

/**
 * Changes one's own password. Wrong current passwords count like wrong sign-ins (rate limit: the
 * fifth locks for 15 minutes). Success bumps sessionVersion: every other session of the user ends;
 * the caller signs this one in again with the new password.
 */
export async function changeOwnPassword(actor: Actor, input: { current: string; password: string }, now = new Date()) {
  assertCan(actor, "user.changeOwnPassword");
  const me = await db().user.findUnique({ where: { id: actor.userId }, omit: { passwordHash: false } });
  if (!me) throw forbidden();
  const tooMany = () => new AppError("VALIDATION", `当前密码连续输错 ${MAX_FAILED_LOGINS} 次，请 ${LOCK_MINUTES} 分钟后再试。`, { current: "尝试次数过多，请稍后再试" });
  if (me.lockedUntil && me.lockedUntil > now) throw tooMany();
  if (!(await verifyPassword(input.current, me.passwordHash))) {
    if (await recordFailedPassword(me.id, now, "changeOwnPassword")) throw tooMany();
    throw new AppError("VALIDATION", "当前密码不正确，请重新输入。", { current: "当前密码不正确" });
  }
  if (input.current === input.password) {
    throw new AppError("VALIDATION", "新密码不能与当前密码相同。", { password: "请设置一个新的密码" });
  }
  const passwordHash = await hashPassword(input.password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: me.id }, data: { passwordHash, mustChangePassword: false, failedLoginCount: 0, sessionVersion: { increment: 1 } } });
    await audit(tx, actor, "user.changeOwnPassword", { type: "User", id: me.id });
  });
}
