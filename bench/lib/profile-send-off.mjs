// Development aid (not a benchmark): one `next start` under --cpu-prof, the send-off fixture, N concurrent
// send-offs (and N health requests first); writes a .cpuprofile to BENCH_PROFILE_DIR and prints the top self-time frames.
import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { createDatabase, dropDatabase, freePort, migrate, root, run } from "../../scripts/lib/db.mjs";
import { pctl, signIn, startNext, stopAll, timed, waitFor } from "./harness.mjs";

const dir = process.env.BENCH_PROFILE_DIR || "/tmp/zjb-prof";
const server = process.env.BENCH_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `zjb_prof_${process.pid}`;
const url = await createDatabase(server, name);
const children = [];
try {
  await migrate(url);
  const fixture = JSON.parse((await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "bench/lib/send-off-fixture.ts")], { env: { ...process.env, DATABASE_URL: url }, quiet: true })).trim().split("\n").pop());
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: url, DB_POOL_MAX: "20", AUTH_SECRET: "bench-secret-0123456789abcdef0123", AUTH_TRUST_HOST: "true", ZJB_TRAINING_DATE: "2020-05-08", NEXT_TELEMETRY_DISABLED: "1",
  };
  children.push(startNext(port, env, process.env.BENCH_PROFILE === "0" ? [] : ["--cpu-prof", `--cpu-prof-dir=${dir}`]));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`);
  const cookie = await signIn(base, fixture.username, fixture.password);
  const post = (ids) => fetch(`${base}/api/send-off`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify({ applicationIds: ids }) }).then(async (r) => ({ status: r.status, body: await r.text() }));
  for (let i = 0; i < 5; i++) { await fetch(`${base}/api/health`); await post([]); }
  const ids = fixture.applicationIds.slice(0, Number(process.env.N || 500));
  const h = await Promise.all(ids.map(() => timed(() => fetch(`${base}/api/health`, { headers: { cookie } }).then((r) => r.text()))));
  const res = await Promise.all(ids.map((id) => timed(() => post([id]))));
  const by = {}; for (const x of res) by[x.r.status] = (by[x.r.status] ?? 0) + 1;
  console.log(`statuses=${JSON.stringify(by)} send_p50=${pctl(res.map((x) => x.ms), 50).toFixed(0)} send_p95=${pctl(res.map((x) => x.ms), 95).toFixed(0)} health_p95=${pctl(h.map((x) => x.ms), 95).toFixed(0)}`);
} finally {
  await stopAll(children);
  await new Promise((r) => setTimeout(r, 2000));
  await dropDatabase(server, name).catch(() => {});
}
if (process.env.BENCH_PROFILE !== "0") {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
  for (const f of files) {
    const prof = JSON.parse(readFileSync(f, "utf8"));
    const self = new Map(); const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const dt = new Map();
    prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
    let total = 0;
    for (const [id, us] of dt) {
      const n = byId.get(id); const cf = n.callFrame;
      const key = `${cf.functionName || "(anon)"} ${cf.url.replace(/.*node_modules\//, "nm/").replace(/.*\.next\//, ".next/")}:${cf.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + us); total += us;
    }
    console.log(`${f}: total ${(total / 1e6).toFixed(1)} s`);
    for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(us / 1e3).toFixed(0).padStart(7)} ms ${(100 * us / total).toFixed(1).padStart(5)}% ${k}`);
  }
}
