// Factories shared by prisma/seed.ts, the Vitest server tests and the Playwright fixtures.
// Plain Prisma calls only (no `server-only` imports), so they run under tsx as well as in Vitest.
import bcrypt from "bcryptjs";
import type { PrismaClient } from "../../src/generated/prisma/client";
import type { Role } from "../../src/generated/prisma/enums";
import { uniq } from "./ids";

// Works with any client of this schema, whatever its global `omit` settings (the app omits password hashes).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PrismaClient<never, any>;

// Hashing at cost 10 per user is slow in tests: cache the hash per password.
const hashCache = new Map<string, string>();
export function hashSync(password: string) {
  let h = hashCache.get(password);
  if (!h) {
    h = bcrypt.hashSync(password, 10);
    hashCache.set(password, h);
  }
  return h;
}

export async function createPrefecture(db: Db, data: { name?: string; bureauName?: string } = {}) {
  const name = data.name ?? `测试州${uniq()}`;
  return db.prefecture.create({ data: { name, bureauName: data.bureauName ?? `${name}教育体育局` } });
}

export async function createCounty(db: Db, prefectureId: string, data: { name?: string; sortOrder?: number } = {}) {
  const name = data.name ?? `测试县${uniq()}`;
  const sortOrder = data.sortOrder ?? (await db.county.count({ where: { prefectureId } })) + 1;
  return db.county.create({ data: { prefectureId, name, bureauName: `${name}教育体育局`, sortOrder } });
}

export async function createMiddleSchool(db: Db, countyId: string, data: { name?: string; prefectureOwned?: boolean; isDemo?: boolean } = {}) {
  return db.middleSchool.create({
    data: { countyId, name: data.name ?? `测试中学${uniq()}`, prefectureOwned: data.prefectureOwned ?? false, isDemo: data.isDemo ?? false },
  });
}

export async function createVocationalSchool(
  db: Db,
  prefectureId: string,
  data: { name?: string; fullName?: string; countyId?: string | null; sortOrder?: number } = {},
) {
  const name = data.name ?? `测试职中${uniq()}`;
  const sortOrder = data.sortOrder ?? (await db.vocationalSchool.count({ where: { prefectureId } })) + 1;
  return db.vocationalSchool.create({
    data: { prefectureId, name, fullName: data.fullName ?? name, countyId: data.countyId ?? null, sortOrder },
  });
}

export async function createUser(
  db: Db,
  data: { role: Role; orgId: string; username?: string; displayName?: string; password?: string; active?: boolean },
) {
  const org =
    data.role === "PREFECTURE" ? { prefectureId: data.orgId }
    : data.role === "COUNTY" ? { countyId: data.orgId }
    : data.role === "MIDDLE_SCHOOL" ? { middleSchoolId: data.orgId }
    : { vocationalSchoolId: data.orgId };
  return db.user.create({
    data: {
      username: data.username ?? `u${uniq()}`.toLowerCase(),
      displayName: data.displayName ?? "测试用户",
      passwordHash: hashSync(data.password ?? "test1234"),
      role: data.role,
      active: data.active ?? true,
      ...org,
    },
  });
}

/** A small prefecture with two counties, a middle school each, one vocational school each and one account per org. */
export async function createMiniPrefecture(db: Db) {
  const prefecture = await createPrefecture(db);
  const countyA = await createCounty(db, prefecture.id, { sortOrder: 1 });
  const countyB = await createCounty(db, prefecture.id, { sortOrder: 2 });
  const schoolA = await createMiddleSchool(db, countyA.id);
  const schoolB = await createMiddleSchool(db, countyB.id);
  const vocA = await createVocationalSchool(db, prefecture.id, { countyId: countyA.id, sortOrder: 1 });
  const vocP = await createVocationalSchool(db, prefecture.id, { countyId: null, sortOrder: 2 });
  const users = {
    prefecture: await createUser(db, { role: "PREFECTURE", orgId: prefecture.id }),
    countyA: await createUser(db, { role: "COUNTY", orgId: countyA.id }),
    countyB: await createUser(db, { role: "COUNTY", orgId: countyB.id }),
    schoolA: await createUser(db, { role: "MIDDLE_SCHOOL", orgId: schoolA.id }),
    schoolB: await createUser(db, { role: "MIDDLE_SCHOOL", orgId: schoolB.id }),
    vocA: await createUser(db, { role: "VOCATIONAL_SCHOOL", orgId: vocA.id }),
  };
  return { prefecture, countyA, countyB, schoolA, schoolB, vocA, vocP, users };
}

type DemoData = {
  prefecture: { name: string; bureauName: string; username: string };
  counties: { name: string; code: string; middleSchools: string[]; prefectureOwnedSchools?: string[] }[];
  vocationalSchoolCodes: Record<string, string>;
  vocationalSchoolFullNames: Record<string, string>;
  demoPassword: string;
};
type PlanData = {
  counties: { name: string }[];
  vocationalSchools: { name: string; fullName?: string; county: string | null }[];
};

/** The demo prefecture: organisations in official order and one account per organisation. */
export async function createDemoPrefecture(db: Db, demo: DemoData, plan: PlanData) {
  const password = demo.demoPassword;
  const prefecture = await createPrefecture(db, demo.prefecture);
  await createUser(db, { role: "PREFECTURE", orgId: prefecture.id, username: demo.prefecture.username, displayName: "州局管理员", password });
  const counties = new Map<string, string>();
  for (const [i, c] of plan.counties.entries()) {
    const d = demo.counties.find((x) => x.name === c.name);
    if (!d) throw new Error(`演示数据缺少县市 ${c.name}`);
    const county = await createCounty(db, prefecture.id, { name: c.name, sortOrder: i + 1 });
    counties.set(c.name, county.id);
    await createUser(db, { role: "COUNTY", orgId: county.id, username: d.code, displayName: `${c.name}教育体育局管理员`, password });
    const schools = [...d.middleSchools.map((n) => ({ n, p: false })), ...(d.prefectureOwnedSchools ?? []).map((n) => ({ n, p: true }))];
    for (const [j, s] of schools.entries()) {
      const ms = await createMiddleSchool(db, county.id, { name: s.n, prefectureOwned: s.p, isDemo: true });
      await createUser(db, { role: "MIDDLE_SCHOOL", orgId: ms.id, username: `${d.code}-${s.p ? "zs" : "cz"}${j + 1}`, displayName: `${s.n}管理员`, password });
    }
  }
  for (const [i, v] of plan.vocationalSchools.entries()) {
    const school = await createVocationalSchool(db, prefecture.id, {
      name: v.name,
      fullName: v.fullName ?? demo.vocationalSchoolFullNames[v.name] ?? v.name,
      countyId: v.county ? counties.get(v.county)! : null,
      sortOrder: i + 1,
    });
    await createUser(db, { role: "VOCATIONAL_SCHOOL", orgId: school.id, username: demo.vocationalSchoolCodes[v.name], displayName: `${v.name}管理员`, password });
  }
  return prefecture;
}
