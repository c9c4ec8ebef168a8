// `npm test`: typecheck ‖ lint → Vitest (unit + database tests) ‖ [production build → Playwright] →
// the fault harness (`npm run faults`) on the same build. (‖: side by side on PostgreSQL; decision 097.)
// Database: the real PostgreSQL at TEST_DATABASE_URL when set (a fresh database per run, dropped at
// the end), else an embedded PGlite, so the command also passes on a machine without PostgreSQL.
// `node scripts/test.mjs unit|e2e [-- extra args for vitest|playwright]` runs one part (npm run test:e2e).
// The output ends with one line per runner (counts and database kind) and a last line
// `N passed, N failed, N skipped`, counted from the runners' JSON reports.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./lib/build.mjs";
import { ensureMigratedTemplate, freePort, migrate, migratedDatabase, root, run, startPglite } from "./lib/db.mjs";
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
  current = { name: name.replace(/ \(.*$/, ""), start: Date.now() };
};

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
  return candidates.find((p) => p && existsSync(p));
}

const database = process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";
const reports = path.join(root, "test-results", "reports");
const parts = []; // what ran, for the summary
let dropTemplate = async () => {};
let typechecked = false; // tsc passed in this run over the sources and Next's route types

// PostgreSQL: the migrations run once per run, into a template database; Vitest's databases and
// Playwright's are copies of it (decision 097). Dropped when the run ends.
async function migratedTemplate() {
  const server = process.env.TEST_DATABASE_URL;
  if (!server || process.env.ZJB_TEST_TEMPLATE_DB) return;
  const t = Date.now();
  dropTemplate = await ensureMigratedTemplate(server, "zjb_tpl");
  console.log(`[tests] migrated template database ${process.env.ZJB_TEST_TEMPLATE_DB} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

/** Runs `fn`, printing and recording its seconds (for parts that run side by side). */
async function timedPart(name, fn) {
  const t = Date.now();
  try {
    return await fn();
  } finally {
    const seconds = (Date.now() - t) / 1000;
    timings.push({ name: `${name} (side by side)`, seconds });
    console.log(`━━━ ${name}: ${seconds.toFixed(1)} s ━━━`);
  }
}

async function runVitest({ quiet, extra = [] }) {
  const file = path.join(reports, "vitest.json");
  try {
    return await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...extra], { quiet });
  } catch (err) {
    // quiet: the runner's output is in the message after its first line
    err.output = err.message.split("\n").slice(1).join("\n");
    throw err;
  } finally {
    parts.push({ name: "vitest", database, counts: vitestCounts(file) });
  }
}

async function buildStep() {
  if (typechecked) process.env.ZJB_TYPECHECKED = "1";
  const b = await buildIfNeeded();
  delete process.env.ZJB_TYPECHECKED;
  console.log(b.built ? `built in ${b.seconds.toFixed(1)} s` : "build is up to date");
}

/** Playwright's database: a copy of the template on PostgreSQL, else a new embedded PGlite. */
async function e2eDatabase() {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    await migratedTemplate();
    const name = `zjb_e2e_${process.pid}_${Date.now().toString(36)}`;
    const { url, drop } = await migratedDatabase(server, name);
    return { url, poolMax: "10", single: false, cleanup: drop };
  }
  const pglite = await startPglite(null);
  await migrate(pglite.url);
  return { url: pglite.url, poolMax: "1", single: true, cleanup: () => pglite.close() };
}

async function runPlaywright(e2eDb, chromium, extra) {
  try {
    const port = String(await freePort());
    const port2 = String(await freePort());
    const port3 = String(await freePort());
    const file = path.join(reports, "playwright.json");
    await run(bin("playwright"), ["test", "--reporter=list,json", ...extra], {
      env: {
        ...process.env,
        PLAYWRIGHT_JSON_OUTPUT_FILE: file,
        E2E_DATABASE_URL: e2eDb.url,
        E2E_DB_POOL_MAX: e2eDb.poolMax,
        E2E_PORT: port,
        E2E_PORT2: port2,
        E2E_PORT3: port3,
        E2E_SINGLE_SERVER: e2eDb.single ? "1" : "0",
        CHROMIUM_PATH: chromium,
      },
    });
  } finally {
    parts.push({ name: "playwright", database, counts: playwrightCounts(path.join(reports, "playwright.json")) });
    await e2eDb.cleanup().catch(() => {});
  }
}

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
    // tsc and ESLint each keep one core busy: on the 2-core CI machine they run side by side (decision 097),
    // each one's output printed whole when it ends.
    step("typecheck + lint");
    // Next's route types (.next/types, included by tsconfig.json) first, so tsc checks what `next build`'s own
    // type check would: the build below then skips it (ZJB_TYPECHECKED, next.config.ts; decision 097).
    const typesInDist = !process.env.ZJB_DIST_DIR;
    if (typesInDist) await run(bin("next"), ["typegen"], { quiet: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    const timed = async (name, cmd, args) => {
      const t = Date.now();
      try {
        const out = await run(cmd, args, { quiet: true });
        process.stdout.write(`${out}${out && !out.endsWith("\n") ? "\n" : ""}${name}: ok in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
      } catch (err) {
        process.stdout.write(`${name}: failed after ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
        throw err;
      }
    };
    const results = await Promise.allSettled([
      timed("typecheck", bin("tsc"), ["--noEmit", "-p", "."]),
      timed("lint", bin("eslint"), ["--max-warnings=0", "."]),
    ]);
    const failures = results.filter((r) => r.status === "rejected");
    if (failures.length) throw new Error(failures.map((r) => r.reason.message).join("\n"));
    if (typesInDist) typechecked = true;
  }
  // On PostgreSQL a full run starts Vitest beside the build and Playwright (decision 097): each keeps about
  // one core busy, their databases are separate copies of the template, and their reports go to separate
  // folders (Playwright's output folder is test-results/playwright). Vitest's output is printed whole when
  // it ends. On the embedded PGlite (one connection) and for `unit`/`e2e` alone, one after the other.
  const side = !only && Boolean(process.env.TEST_DATABASE_URL);
  if (side) {
    step("vitest ‖ build → playwright");
    const e2eDb = await e2eDatabase(); // migrates the template, then copies it before Vitest's files copy it too
    const [v, e] = await Promise.allSettled([
      timedPart("vitest", () => runVitest({ quiet: true })),
      timedPart("build → playwright", async () => {
        await buildStep();
        await runPlaywright(e2eDb, chromium, []);
      }),
    ]);
    const vitestOut = v.status === "fulfilled" ? v.value : v.reason.output ?? v.reason.message;
    console.log(`\n━━━ vitest output (it ran beside the build and Playwright) ━━━\n${vitestOut}`);
    const failed = [v, e].filter((r) => r.status === "rejected");
    if (failed.length) throw new Error(failed.map((r) => r.reason.message.split("\n")[0]).join("\n"));
  } else {
    if (only !== "e2e") {
      step(`vitest (${process.env.TEST_DATABASE_URL ? "PostgreSQL at TEST_DATABASE_URL" : "embedded PGlite"})`);
      await migratedTemplate();
      await runVitest({ quiet: false, extra: only === "unit" ? extra : [] });
    }
    if (only === "unit") return;
    step("build");
    await buildStep();
    step("playwright");
    await runPlaywright(await e2eDatabase(), chromium, only === "e2e" ? extra : []);
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

main().finally(() => dropTemplate().catch(() => {})).then(
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
