// Turns per page kind in a real production server (decision 104): how many times a request hands control back to
// the event loop, from the proxy to the last byte. On a saturated server a request waits behind the others once per
// turn, so the turns, not the CPU time, set a page's p95 against the health check's.
// Method: one `next start` on a full-year database, each role's pages opened one at a time (12 requests, the first
// two not counted), alone and then with bench/lib/preload/hog.mjs holding the event loop for HOG_MS (20) on every
// turn; turns = (hogged p50 − alone p50) / HOG_MS. With --sites, the macrotasks each page schedules are counted
// by call site instead (bench/lib/preload/trace-turns.mjs).
//   npm run build && TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
//     node bench/lib/page-turns.mjs [--size 9000] [--paths /,/applications] [--sites]
// The database is loader-timing's zjb_lt_<size> (built with `npx tsx bench/lib/loader-timing.ts --keep --sizes <size>`).
import { readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { freePort, root } from "../../scripts/lib/db.mjs";
import { learnRscParam, pctl, signIn, startNext, stopAll, waitFor, withRscParam } from "./harness.mjs";

const opt = (name, d) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : d; };
const size = Number(opt("size", "9000"));
const server = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const url = new URL(server); url.pathname = `/zjb_lt_${size}`;
const H = Number(process.env.HOG_MS || 20);
const paths = opt("paths", "/api/health,/login,/account,/,/applications,/send-off,/roster").split(",");
const users = { PREFECTURE: "zhou", COUNTY: "chuxiong", MIDDLE_SCHOOL: "chuxiong-cz1", VOCATIONAL_SCHOOL: "chuxiong-zz" }; // the full-year accounts
const password = JSON.parse(readFileSync(path.join(root, "prisma/data/demo-prefecture.json"), "utf8")).demoPassword;
const env = { ...process.env, DATABASE_URL: url.toString(), AUTH_SECRET: "bench-secret-0123456789abcdef0123", AUTH_TRUST_HOST: "true", ZJB_TRAINING_DATE: process.env.ZJB_TRAINING_DATE || "2020-05-08", NEXT_TELEMETRY_DISABLED: "1", HOG_MS: String(H) };

async function withServer(nodeArgs, fn) {
  const port = await freePort();
  const child = startNext(port, env, nodeArgs);
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, 3000);
    return await fn(`http://127.0.0.1:${port}`, child);
  } finally { await stopAll([child]); }
}
// --rsc: as a client-side navigation asks for a page (the RSC payload only, no HTML), instead of a document load.
const RSC = process.argv.includes("--rsc");
// --encoding E: the Accept-Encoding sent (fetch sends "gzip, deflate" by default, as browsers do; "identity": none).
const ENCODING = opt("encoding", null);
// The `_rsc` parameter of RSC requests, learnt once (harness.mjs); route handlers (/api/…) are asked for as they are.
let rsc = null;
const get = async (base, p, cookie) => {
  const asRsc = RSC && !p.startsWith("/api/");
  if (asRsc && rsc === null) rsc = await learnRscParam(base, cookie);
  const headers = { cookie, ...(asRsc ? { rsc: "1" } : {}), ...(ENCODING ? { "accept-encoding": ENCODING } : {}) };
  const res = await fetch(base + (asRsc ? withRscParam(p, rsc) : p), { headers, redirect: "manual" });
  if (process.env.TURNS_DEBUG) console.log(p, res.status, res.headers.get("content-type"), res.headers.get("content-encoding"));
  return res.arrayBuffer();
};

async function p50s(nodeArgs) {
  return withServer(nodeArgs, async (base) => {
    const out = {};
    for (const [role, u] of Object.entries(users)) {
      const cookie = await signIn(base, u, password);
      for (const p of paths) {
        const xs = [];
        for (let i = 0; i < 12; i++) { const t = performance.now(); await get(base, p, cookie); if (i >= 2) xs.push(performance.now() - t); }
        out[`${role} ${p}`] = pctl(xs, 50);
      }
    }
    return out;
  });
}

if (process.argv.includes("--sites")) {
  const N = 10;
  await withServer(["--import", path.join(root, "bench/lib/preload/trace-turns.mjs")], async (base, child) => {
    for (const [role, u] of Object.entries(users)) {
      const cookie = await signIn(base, u, password);
      for (const p of paths) {
        for (let i = 0; i < 3; i++) await get(base, p, cookie);
        process.kill(child.pid, "SIGUSR1");
        await new Promise((r) => setTimeout(r, 100));
        for (let i = 0; i < N; i++) await get(base, p, cookie);
        process.kill(child.pid, "SIGUSR1");
        await new Promise((r) => setTimeout(r, 300));
        const file = readdirSync("/tmp").filter((f) => f.startsWith(`zjb-turns-${child.pid}-`)).sort().pop();
        const lines = readFileSync(`/tmp/${file}`, "utf8").split("\n").filter(Boolean);
        rmSync(`/tmp/${file}`);
        const total = lines.reduce((n, l) => n + Number(l.split("\t")[0]), 0);
        console.log(`\n${role} ${p}: ${(total / N).toFixed(1)} macrotasks a request`);
        for (const l of lines.slice(0, 8)) console.log(`  ${(Number(l.split("\t")[0]) / N).toFixed(1)}  ${l.split("\t")[1].slice(0, 220)}`);
      }
    }
  });
} else {
  const alone = await p50s([]);
  const hogged = await p50s(["--import", path.join(root, "bench/lib/preload/hog.mjs")]);
  console.log(`${"page".padEnd(34)} alone_ms hogged_ms turns   (hog ${H} ms a turn, ${size} applications)`);
  for (const k of Object.keys(alone)) console.log(`${k.padEnd(34)} ${alone[k].toFixed(0).padStart(8)} ${hogged[k].toFixed(0).padStart(9)} ${((hogged[k] - alone[k]) / H).toFixed(1).padStart(5)}`);
}
