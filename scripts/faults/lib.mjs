// Helpers of the fault harness: spawned `npm start` servers, sign-in, the app's HTTP endpoints, and the
// harness's own throwaway PostgreSQL cluster (never the shared one: it is stopped and started here).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { freePort, root, run } from "../lib/db.mjs";

const require_ = createRequire(import.meta.url);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const AUTH_SECRET = "faults-secret-0123456789abcdef0123456789";

/** `node scripts/start.mjs` in its own process group (so kill -9 reaches Next too), output kept. */
export async function startApp({ env = {}, port, readyTimeoutMs = 90_000 } = {}) {
  port = port ?? (await freePort());
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    env: { ...process.env, AUTH_SECRET, ZJB_SKIP_SEED: "1", ZJB_TRAINING_DATE: "2020-05-08", NEXT_TELEMETRY_DISABLED: "1", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const app = { child, port, base: `http://127.0.0.1:${port}`, output: "", exited: false, exitCode: null };
  started.add(app);
  child.stdout.on("data", (d) => (app.output += d));
  child.stderr.on("data", (d) => (app.output += d));
  app.exitedPromise = new Promise((resolve) => child.on("exit", (code, signal) => { app.exited = true; app.exitCode = code ?? signal; resolve(); }));
  const t0 = Date.now();
  while (Date.now() - t0 < readyTimeoutMs) {
    if (app.exited) throw new Error(`server exited before ready:\n${app.output.slice(-2000)}`);
    try {
      if ((await fetch(`${app.base}/api/health`)).ok) { app.readySeconds = (Date.now() - t0) / 1000; return app; }
    } catch { /* not up yet */ }
    await sleep(100);
  }
  kill9(app);
  throw new Error(`server not ready in ${readyTimeoutMs / 1000} s:\n${app.output.slice(-2000)}`);
}

const started = new Set();
/** Whatever a failed fault left running (only the servers this harness started). */
export function killAll() {
  for (const app of started) if (!app.exited) kill9(app);
}

/** kill -9 of the whole `npm start` (the script, the embedded database in it, and Next). */
export function kill9(app) {
  try { process.kill(-app.child.pid, "SIGKILL"); } catch { /* gone */ }
}

export async function stopApp(app, signal = "SIGTERM") {
  if (app.exited) return;
  try { process.kill(app.child.pid, signal); } catch { /* gone */ }
  await Promise.race([app.exitedPromise, sleep(20_000)]);
  kill9(app);
}

/** Signs in through next-auth's credentials callback; returns the Cookie header value. */
export async function login(base, { username, password }) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, username, password }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`login failed for ${username}`);
  return session;
}

/** POST /api/applications/import; resolves with the NDJSON lines received (an interrupted stream rejects). */
export async function importFile(base, cookie, file, { onLine } = {}) {
  const form = new FormData();
  form.set("file", new Blob([readFileSync(file)]), path.basename(file));
  const res = await fetch(`${base}/api/applications/import`, { method: "POST", headers: { cookie, origin: base }, body: form });
  if (!res.ok) return [{ type: "http", status: res.status, text: await res.text() }];
  const lines = [];
  const reader = res.body.getReader();
  let buf = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buf += Buffer.from(value).toString("utf8");
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = JSON.parse(buf.slice(0, i));
      buf = buf.slice(i + 1);
      lines.push(line);
      onLine?.(line);
    }
  }
  return lines;
}

export const importAcknowledged = (lines) => lines.some((l) => l.type === "result" && l.ok !== false);

export async function sendOff(base, cookie, applicationIds) {
  const res = await fetch(`${base}/api/send-off`, {
    method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify({ applicationIds }),
  });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

/** A server action by its exported name, from the build's manifest. */
export function actionId(name) {
  const manifest = JSON.parse(readFileSync(path.join(root, process.env.ZJB_DIST_DIR || ".next", "server/server-reference-manifest.json"), "utf8"));
  const hit = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
  if (!hit) throw new Error(`server action ${name} not in the build`);
  return hit[0];
}

/** Calls a `defineAction` action (prevState, formData) over HTTP, as the page's form would. */
export async function callAction(base, cookie, pagePath, name, fields) {
  const { encodeReply } = require_("next/dist/compiled/react-server-dom-webpack/client.node.js");
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const body = await encodeReply([null, form]);
  const res = await fetch(`${base}${pagePath}`, { method: "POST", headers: { "Next-Action": actionId(name), accept: "text/x-component", origin: base, cookie }, body });
  return { status: res.status, text: await res.text() };
}

/** The fixture (scripts/faults/fixture.ts) in the database at `url`. */
export async function fixture(url, { sendOff = 0, roster = 0, batches = [], outDir }) {
  const out = await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/faults/fixture.ts")], {
    env: { ...process.env, DATABASE_URL: url, SEND_OFF: String(sendOff), ROSTER: String(roster), BATCHES: batches.join(","), OUT_DIR: outDir }, quiet: true,
  });
  return JSON.parse(out.trim().split("\n").pop());
}

export async function sql(url, text, params = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text, params)).rows; } finally { await c.end().catch(() => {}); }
}

/** Rows of Application whose ID number is in `ids` (how the harness finds one import's rows). */
export async function countApplications(url, ids) {
  return Number((await sql(url, `SELECT count(*)::int AS n FROM "Application" WHERE "idNumber" = ANY($1)`, [ids]))[0].n);
}

export function line({ name, survived, lost = 0, partial = 0, recovery = 0, note = "" }) {
  return `FAULT ${name} survived=${survived ? "yes" : "no"} lost=${lost} partial=${partial} recovery_s=${Number(recovery).toFixed(1)}${note ? `  # ${note}` : ""}`;
}

// ───── the harness's own PostgreSQL cluster ─────

function pgBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
    const bin = path.join(base, v, "bin");
    if (existsSync(path.join(bin, "initdb")) && existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

/**
 * initdb into a temporary folder and start it on a free port (as user postgres when we are root:
 * initdb refuses root). Only this cluster is ever stopped by the outage fault. null + reason when
 * PostgreSQL's server binaries are not installed.
 */
export async function ownPostgres() {
  const bin = pgBin();
  if (!bin) return { skip: "PostgreSQL 服务器程序（initdb、pg_ctl）未安装" };
  const dir = mkdtempSync(path.join(os.tmpdir(), "zjb-faults-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const as = (cmd, args) => (asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { quiet: true }) : run(path.join(bin, cmd), args, { quiet: true }));
  await as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60 -c shared_buffers=32MB`;
  const cluster = {
    port, dir, server: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => as("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "-t", "30", "start"]),
    stop: () => as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    async destroy() { await cluster.stop().catch(() => {}); rmSync(dir, { recursive: true, force: true }); },
  };
  await cluster.start();
  return cluster;
}
