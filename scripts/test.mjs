// `npm test`: typecheck → lint → Vitest (unit + database tests) → Playwright against a production build.
// Database: the real PostgreSQL at TEST_DATABASE_URL when set (a fresh database per run, dropped at
// the end), else an embedded PGlite, so the command also passes on a machine without PostgreSQL.
import { existsSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./lib/build.mjs";
import { createDatabase, dropDatabase, freePort, migrate, root, run, startPglite } from "./lib/db.mjs";

const bin = (n) => path.join(root, "node_modules/.bin", n);
const step = (name) => console.log(`\n━━━ ${name} ━━━`);
const t0 = Date.now();

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
  return candidates.find((p) => p && existsSync(p));
}

async function main() {
  const only = process.argv[2]; // optional: "unit" | "e2e"
  const chromium = findChromium();
  if (only !== "unit" && !chromium) {
    throw new Error(
      "未找到 Chromium 浏览器，无法运行界面测试。No Chromium found for the Playwright tests.\n" +
        "请安装 Debian 的 chromium：sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n" +
        "或设置 CHROMIUM_PATH 指向已安装的 Chromium / Chrome。（不要运行 npx playwright install：本机网络无法下载浏览器。）",
    );
  }
  if (!only) {
    step("typecheck");
    await run(bin("tsc"), ["--noEmit", "-p", "."]);
    step("lint");
    await run(bin("eslint"), ["--max-warnings=0", "."]);
  }
  if (only !== "e2e") {
    step(`vitest (${process.env.TEST_DATABASE_URL ? "PostgreSQL at TEST_DATABASE_URL" : "embedded PGlite"})`);
    await run(bin("vitest"), ["run"]);
  }
  if (only === "unit") return;

  step("build");
  const b = await buildIfNeeded();
  console.log(b.built ? `built in ${b.seconds.toFixed(1)} s` : "build is up to date");

  step("playwright");
  const server = process.env.TEST_DATABASE_URL;
  let dbUrl, cleanup, poolMax;
  if (server) {
    const name = `zjb_e2e_${process.pid}_${Date.now().toString(36)}`;
    dbUrl = await createDatabase(server, name);
    cleanup = () => dropDatabase(server, name);
    poolMax = "10";
  } else {
    const pglite = await startPglite(null);
    dbUrl = pglite.url;
    cleanup = () => pglite.close();
    poolMax = "1";
  }
  try {
    await migrate(dbUrl);
    const port = String(await freePort());
    const port2 = String(await freePort());
    const port3 = String(await freePort());
    await run(bin("playwright"), ["test"], {
      env: {
        ...process.env,
        E2E_DATABASE_URL: dbUrl,
        E2E_DB_POOL_MAX: poolMax,
        E2E_PORT: port,
        E2E_PORT2: port2,
        E2E_PORT3: port3,
        E2E_SINGLE_SERVER: server ? "0" : "1",
        CHROMIUM_PATH: chromium,
      },
    });
  } finally {
    await cleanup().catch(() => {});
  }
}

main().then(
  () => {
    console.log(`\n✔ 全部测试通过 / all tests passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    process.exit(0);
  },
  (err) => {
    console.error(`\n✘ 测试失败 / tests failed: ${err.message}`);
    process.exit(1);
  },
);
