// A real database gets no demo accounts: only the first prefecture administrator, who must set a password.
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate, migratedDatabase, run, startPglite } from "../../scripts/lib/db.mjs";
import { wantsDemo } from "../../scripts/lib/demo.mjs";

const root = path.resolve(import.meta.dirname, "../..");
let url: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `zjb_seedtest_${process.pid}_${Date.now().toString(36)}`;
    const made = await migratedDatabase(server, name); // a copy of the run's migrated template
    url = made.url;
    cleanup = made.drop;
  } else {
    const pglite = await startPglite(null);
    url = pglite.url;
    cleanup = () => pglite.close();
    await migrate(url);
  }
});
afterAll(async () => { await cleanup?.(); });

async function users() {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(`SELECT username, role::text, "mustChangePassword" FROM "User"`)).rows;
  } finally {
    await c.end();
  }
}

const seedEnv = () => {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: url };
  delete env.ZJB_DEMO;
  delete env.ZJB_ADMIN_PASSWORD;
  return env as NodeJS.ProcessEnv;
};

describe("first start on a real database", () => {
  test("creates one prefecture administrator with a one-time password that must be changed; no demo accounts", async () => {
    const out = await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "prisma/seed.ts")], { env: seedEnv(), quiet: true });
    expect(await users()).toEqual([{ username: "admin", role: "PREFECTURE", mustChangePassword: true }]);
    expect(out).toContain("一次性初始密码");
    // A second start creates nothing and prints no password.
    const again = await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "prisma/seed.ts")], { env: seedEnv(), quiet: true });
    expect(again).not.toContain("一次性初始密码");
    expect(await users()).toHaveLength(1);
  }, 120_000);
});

describe("npm start loads the demo only where asked", () => {
  test("embedded default yes; a DATABASE_URL only with --demo or ZJB_DEMO=1", () => {
    expect(wantsDemo({ argv: [], env: {}, embedded: true })).toBe(true);
    expect(wantsDemo({ argv: [], env: { ZJB_DEMO: "0" }, embedded: true })).toBe(false);
    expect(wantsDemo({ argv: [], env: {}, embedded: false })).toBe(false);
    expect(wantsDemo({ argv: ["--demo"], env: {}, embedded: false })).toBe(true);
    expect(wantsDemo({ argv: [], env: { ZJB_DEMO: "1" }, embedded: false })).toBe(true);
  });
});
