// Shared by the HTTP benchmarks: production servers, next-auth sign-in, percentiles and repeat summaries.
// Decision 096: every benchmark repeats its measurement BENCH_REPEATS times (default 5) and judges its
// goals on the median; the spread (min–max) is printed next to it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../../scripts/lib/db.mjs";
import { login } from "../../scripts/faults/lib.mjs";

export const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS) || 5);

export const pctl = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
export const median = (xs) => pctl(xs, 50);

/** `12.3 (10.1–15.0)`: the median and the spread of repeated measurements. */
export function spread(xs, digits = 0) {
  const f = (x) => (Number.isFinite(x) ? x.toFixed(digits) : "NaN");
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), text: `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})` };
}

/** The machine's load average, printed next to every figure (the machine may be shared). */
export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join("/");

/** Peak resident memory (VmHWM) of a process and its children, in MB; null when /proc cannot tell. */
export function peakRssMb(pid) {
  const pids = [pid, ...descendants(pid)];
  let kb = 0;
  for (const p of pids) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) kb = Math.max(kb, Number(m[1]));
    } catch { /* gone */ }
  }
  return kb ? kb / 1024 : null;
}

/** CPU time (user + system) used so far by a process and its children, in ms (clock ticks of 10 ms). */
export function cpuMs(pid) {
  let ticks = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const f = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch { /* gone */ }
  }
  return ticks * 10;
}

function descendants(pid) {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return kids.flatMap((k) => [k, ...descendants(k)]);
  } catch {
    return [];
  }
}

/** `next start` on a port in its own process group (killed with `stopAll`). */
// BENCH_NEXT_NODE_ARGS: extra Node flags for the app servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p" to profile them.
export function startNext(port, env, nodeArgs = []) {
  const extra = (process.env.BENCH_NEXT_NODE_ARGS ?? "").split(" ").filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, ...extra, path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: root, env: { ...env, PORT: String(port) }, stdio: process.env.BENCH_SERVER_LOG ? "inherit" : "ignore", detached: true,
  });
}

export async function waitFor(url, tries = 600) {
  for (let i = 0; ; i++) {
    try { if ((await fetch(url)).ok) return; } catch { /* starting */ }
    if (i > tries) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stopAll(children) {
  for (const c of children) { try { process.kill(-c.pid, "SIGTERM"); } catch { /* gone */ } }
  await new Promise((r) => setTimeout(r, 1000));
}

/** Signs in through next-auth's credentials callback (the fault harness's `login`); returns the session cookie, valid on every server of the same secret. */
export const signIn = (base, username, password) => login(base, { username, password });

export const timed = async (fn) => { const t = performance.now(); const r = await fn(); return { ms: performance.now() - t, r }; };

/**
 * Next's cache-busting `_rsc` parameter for a page asked for as a link click asks for it (`RSC: 1`, no router
 * state): learnt once from the redirect Next answers without it. It depends on the request's router headers only,
 * so one value serves every page ("" when none are sent).
 */
export async function learnRscParam(base, cookie) {
  const res = await fetch(`${base}/`, { headers: { cookie, rsc: "1" }, redirect: "manual" });
  await res.arrayBuffer();
  const rsc = new URL(res.headers.get("location") ?? "/", base).searchParams.get("_rsc");
  if (rsc === null) throw new Error(`no _rsc parameter learnt (status ${res.status}, location ${res.headers.get("location")})`);
  return rsc;
}

/** The page path `p` with the `_rsc` parameter learnt by `learnRscParam`. */
export const withRscParam = (p, rsc) => `${p}${p.includes("?") ? "&" : "?"}_rsc${rsc ? `=${rsc}` : ""}`;

/**
 * A page as a user asks for it: the whole document, or (`rsc` learnt by `learnRscParam`) the page's data as a link
 * click inside the console asks for it. API paths are always asked for as they are.
 */
export const fetchPage = (base, cookie, p, rsc = null) => rsc !== null && !p.startsWith("/api/")
  ? fetch(base + withRscParam(p, rsc), { headers: { cookie, rsc: "1" }, redirect: "manual" })
  : fetch(base + p, { headers: { cookie }, redirect: "manual" });

/** POST /api/send-off as a county user: the status, the body, and whether it is the rule's refusal (over the cap, or not approved any more). */
export async function postSendOff(base, cookie, ids) {
  const res = await fetch(`${base}/api/send-off`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify({ applicationIds: ids }) });
  const body = await res.text();
  return { status: res.status, body, refused: res.status === 409 && /CAP_EXCEEDED|INVALID_STATE/.test(body) };
}
