// `npm test`: typecheck → lint → Vitest (unit + database tests) → Playwright against a production build →
// the fault harness (`npm run faults`) on the same build.
// Database: the real PostgreSQL at TEST_DATABASE_URL when set (a fresh database per run, dropped at
// the end), else an embedded PGlite, so the command also passes on a machine without PostgreSQL.
// `node scripts/test.mjs unit|e2e [-- extra args for vitest|playwright]` runs one part (npm run test:e2e).
// The output ends with one line per runner (counts and database kind) and a last line
// `N passed, N failed, N skipped`, counted from the runners' JSON reports.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./lib/build.mjs";
import { createDatabase, dropDatabase, freePort, migrate, root, run, startPglite } from "./lib/db.mjs";
import { playwrightCounts, summaryLines, vitestCounts } from "./lib/summary.mjs";

const bin = (n) => path.join(root, "node_modules/.bin", n);
const t0 = Date.now();
// Seconds per step, printed when the next step starts and once more before the summary (decision 097).
const timings = [];
let current;
function endStep() {
  if (!current) return;
  const seconds = (Date.now() - current.start) / 1000;
  timings.push({ name: current.name, seconds });
  console.log(`━━━ ${current.name}: ${seconds.toFixed(1)} s ━━━`);
  current = undefined;
}
const step = (name) => {
  endStep();
  console.log(`\n━━━ ${name} ━━━`);
  current = { name: name.split(" ")[0], start: Date.now() };
};

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
  return candidates.find((p) => p && existsSync(p));
}

const database = process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";
const reports = path.join(root, "test-results", "reports");
const parts = []; // what ran, for the summary

async function main() {
  const only = process.argv[2] === "unit" || process.argv[2] === "e2e" ? process.argv[2] : undefined;
  const extra = process.argv.slice(only ? 3 : 2).filter((a) => a !== "--");
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
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
    const file = path.join(reports, "vitest.json");
    try {
      await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...(only === "unit" ? extra : [])]);
    } finally {
      parts.push({ name: "vitest", database, counts: vitestCounts(file) });
    }
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
    const file = path.join(reports, "playwright.json");
    await run(bin("playwright"), ["test", "--reporter=list,json", ...(only === "e2e" ? extra : [])], {
      env: {
        ...process.env,
        PLAYWRIGHT_JSON_OUTPUT_FILE: file,
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
    parts.push({ name: "playwright", database, counts: playwrightCounts(path.join(reports, "playwright.json")) });
    await cleanup().catch(() => {});
  }
  if (only) return;

  // The fault harness (kill -9, SIGTERM, its own PostgreSQL stopped and started, backup/restore) on the
  // build Playwright just used. Decision 054.
  step("faults");
  let out = "";
  try {
    out = await run(process.execPath, [path.join(root, "scripts/faults.mjs")], { quiet: true });
  } catch (err) {
    out = err.message;
  } finally {
    process.stdout.write(out.endsWith("\n") ? out : out + "\n");
    const faults = out.split("\n").filter((l) => l.startsWith("FAULT "));
    const failed = faults.filter((l) => l.includes("survived=no")).length;
    parts.push({ name: "faults", database: "own postgresql + pglite", counts: { passed: faults.length - failed, failed: failed || (faults.length ? 0 : 1), skipped: 0, skippedNames: [] } });
  }
}

function printSummary() {
  endStep();
  if (timings.length) console.log(`\n━━━ seconds per step ━━━\n${timings.map((t) => `${t.name} ${t.seconds.toFixed(1)} s`).join(", ")}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`\n━━━ summary ━━━`);
  for (const line of summaryLines(parts)) console.log(line);
}

main().then(
  () => {
    const failed = parts.some((p) => p.counts.failed > 0);
    console.log(failed
      ? `\n✘ 测试失败 / tests failed (the runner exited 0 but its report counts failures)`
      : `\n✔ 全部测试通过 / all tests passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    printSummary();
    process.exit(failed ? 1 : 0);
  },
  (err) => {
    console.error(`\n✘ 测试失败 / tests failed: ${err.message}`);
    printSummary();
    process.exit(1);
  },
);
