// `npm start`: build if needed → database (embedded PGlite when DATABASE_URL is unset) →
// migrations → demo data (embedded database, `--demo` or ZJB_DEMO=1 only) or, on an empty real
// database, the first prefecture administrator with a one-time password → production server on PORT.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkReachable, migrate, pendingMigrations, root, seed, startPglite } from "./lib/db.mjs";
import { buildIfNeeded } from "./lib/build.mjs";
import { wantsDemo } from "./lib/demo.mjs";
import { serveControl } from "./lib/backup.mjs";

const t0 = Date.now();
const dataDir = process.env.ZJB_DATA_DIR ? path.resolve(process.env.ZJB_DATA_DIR) : path.join(root, ".data");
const port = process.env.PORT || "3000";

function fail(message) {
  console.error(`\n[zjb] 启动失败 / startup failed:\n${message}\n`);
  process.exit(1);
}

function authSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** One process per embedded data folder: a second PGlite on the same files would corrupt them. */
function takeDataLock() {
  mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, "pglite.pid");
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, "utf8"));
    let alive = false;
    try { process.kill(pid, 0); alive = pid !== process.pid; } catch { alive = false; }
    if (alive) {
      fail(`内置数据库正被另一个已启动的系统使用（进程 ${pid}）。请先停止它（在它的窗口按 Ctrl+C），再重新启动。\n` +
        `The embedded database in ${dataDir} is in use by process ${pid}; stop it first.`);
    }
    // The previous run ended without stopping (killed, power cut): its lock stays behind. PostgreSQL's
    // own recovery replays the log when the database opens; unfinished transactions leave nothing.
    console.log(`[zjb] 上次运行（进程 ${pid}）没有正常停止，已接管内置数据库；打开时会自动恢复到最后一次保存的状态。` +
      ` Stale lock of process ${pid} taken over.`);
  }
  writeFileSync(lock, String(process.pid));
  process.on("exit", () => { try { if (readFileSync(lock, "utf8") === String(process.pid)) unlinkSync(lock); } catch { /* gone */ } });
}

async function main() {
  let embedded = null;
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    try {
      await checkReachable(databaseUrl);
    } catch (err) {
      fail(err.message);
    }
  } else {
    takeDataLock();
    const pgPort = Number(process.env.ZJB_EMBEDDED_DB_PORT || 0) || undefined;
    embedded = await startPglite(path.join(dataDir, "pglite"), pgPort);
    databaseUrl = embedded.url;
    console.log(`[zjb] 未设置 DATABASE_URL，使用内置数据库（数据保存在 ${path.relative(root, dataDir) || dataDir}/pglite）`);
  }

  // `npm run backup` while this server runs asks it (over .data/control.sock) for PGlite's own dump.
  const control = embedded ? await serveControl(dataDir, embedded) : null;

  const built = await buildIfNeeded();
  if (built.built) console.log(`[zjb] 构建完成，用时 ${built.seconds.toFixed(1)} 秒`);

  const appEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DB_POOL_MAX: embedded ? "1" : process.env.DB_POOL_MAX || "10",
    AUTH_SECRET: authSecret(),
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: port,
  };
  // On a real server the app logs in as a member of zjb_app and migrations run as the owner (README).
  const migrationUrl = process.env.MIGRATION_DATABASE_URL || databaseUrl;
  try {
    if (migrationUrl !== databaseUrl) await checkReachable(migrationUrl);
    // Nothing to apply (every restart): skip Prisma's migrate (about 10 s on the embedded database).
    if ((await pendingMigrations(migrationUrl)) > 0) await migrate(migrationUrl);
  } catch (err) {
    fail(`数据库迁移失败 / migration failed: ${err.message}`);
  }
  // Demo accounts share one published password: never load them into a real database unless asked.
  const demo = wantsDemo({ embedded: embedded !== null });
  if (process.env.ZJB_SKIP_SEED !== "1") await seed(databaseUrl, { ...appEnv, ZJB_DEMO: demo ? "1" : "0" });

  const next = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port], { cwd: root, env: appEnv, stdio: ["ignore", "pipe", "inherit"] });
  next.stdout.on("data", (d) => {
    process.stdout.write(d);
    if (/Ready|started server/i.test(String(d))) {
      console.log(`[zjb] 已就绪：http://localhost:${port}  （从启动到可访问用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
    }
  });
  // Graceful stop (decision 052): Next stops accepting and finishes the requests in flight (at most
  // ZJB_SHUTDOWN_MS, default 10 s, then it is killed: an unfinished transaction is rolled back), and
  // only then is the embedded database closed, so no request loses its database halfway.
  const graceMs = Number(process.env.ZJB_SHUTDOWN_MS || 10_000);
  let stopping = false;
  const nextExited = new Promise((resolve) => next.on("exit", resolve));
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    if (next.exitCode === null && next.signalCode === null) {
      next.kill("SIGTERM");
      const timer = setTimeout(() => { console.error(`[zjb] ${graceMs / 1000} 秒内未处理完的请求被中止。`); next.kill("SIGKILL"); }, graceMs);
      await nextExited;
      clearTimeout(timer);
    }
    if (control) control.close();
    if (embedded) await embedded.close().catch((err) => console.error("[zjb] 关闭内置数据库出错：", err));
    console.log("[zjb] 已停止。");
    process.exit(code);
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  next.on("exit", (code) => stop(code ?? 0));
}

main().catch((err) => fail(err.stack || String(err)));
