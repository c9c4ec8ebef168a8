// Two production app servers on two ports against one PostgreSQL; 500 concurrent send-off requests
// over HTTP at a county cap of 100. Prints accepted / refused / errors, the enrolments counted in the
// database, how many requests each server answered, the server's version, and latency vs a trivial
// route. Exits 1 unless exactly 100 / 400 / 0 with 100 enrolments stored and both servers answered,
// or when the latency goal (p95 of send-off ≤ 3 × p95 of /api/health in the same run) is missed.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { createDatabase, dropDatabase, freePort, migrate, root, run } from "../scripts/lib/db.mjs";

const GOAL_P95_RATIO = 3;

const server = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `zjb_bench_${process.pid}`;
const url = await createDatabase(server, name);
const children = [];
try {
  await migrate(url);
  const fixture = JSON.parse((await run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "bench/lib/send-off-fixture.ts")], { env: { ...process.env, DATABASE_URL: url }, quiet: true })).trim().split("\n").pop());
  const ports = [await freePort(), await freePort()];
  const env = { ...process.env, DATABASE_URL: url, DB_POOL_MAX: "20", AUTH_SECRET: "bench-secret-0123456789abcdef0123", AUTH_TRUST_HOST: "true", ZJB_TRAINING_DATE: "2020-05-08", NEXT_TELEMETRY_DISABLED: "1" };
  for (const port of ports) {
    children.push(spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], { cwd: root, env: { ...env, PORT: String(port) }, stdio: "ignore", detached: true }));
  }
  for (const port of ports) {
    for (let i = 0; ; i++) {
      try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break; } catch { /* starting */ }
      if (i > 300) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Sign in once through next-auth's credentials callback; the JWT cookie is valid on both servers.
  const base = `http://127.0.0.1:${ports[0]}`;
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, username: fixture.username, password: fixture.password }),
  });
  const session = login.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error("login failed");

  const timed = async (fn) => { const t = performance.now(); const r = await fn(); return { ms: performance.now() - t, r }; };
  const pctl = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
  // Warm both servers (route compilation caches, pools).
  for (const port of ports) {
    for (let i = 0; i < 5; i++) {
      await fetch(`http://127.0.0.1:${port}/api/health`);
      // Loads the send-off route's code on each server (an empty selection is refused: nothing is written).
      await fetch(`http://127.0.0.1:${port}/api/send-off`, { method: "POST", headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}`, cookie: session }, body: JSON.stringify({ applicationIds: [] }) });
    }
  }

  const health = await Promise.all(fixture.applicationIds.map((_, i) => timed(() => fetch(`http://127.0.0.1:${ports[i % 2]}/api/health`, { headers: { cookie: session } }).then((r) => r.text()))));
  const results = await Promise.all(fixture.applicationIds.map((id, i) => timed(async () => {
    const port = ports[i % 2];
    try {
      // JSON routes accept only same-origin requests (issue 10 §9).
      const res = await fetch(`http://127.0.0.1:${port}/api/send-off`, {
        method: "POST", headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}`, cookie: session }, body: JSON.stringify({ applicationIds: [id] }),
      });
      return { port, status: res.status, body: await res.json().catch(() => ({})) };
    } catch (err) {
      return { port, status: 0, body: { error: String(err) } }; // no answer from this server
    }
  })));
  const accepted = results.filter((x) => x.r.status === 200).length;
  const refused = results.filter((x) => x.r.status === 409 && x.r.body.code === "CAP_EXCEEDED").length;
  const errors = results.length - accepted - refused;
  // Which servers really answered (a 200 or a cap refusal), and what the database holds afterwards.
  const answered = ports.map((port) => results.filter((x) => x.r.port === port && (x.r.status === 200 || x.r.status === 409)).length);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const enrolled = Number((await client.query(`SELECT count(*) AS n FROM "Enrolment"`)).rows[0].n);
  const version = (await client.query("SHOW server_version")).rows[0].server_version.split(" ")[0];
  await client.end();
  const ms = results.map((x) => x.ms);
  const p95 = pctl(ms, 95), hp95 = pctl(health.map((x) => x.ms), 95);
  const ratio = p95 / hp95;
  if (errors) console.error("sample error:", results.find((x) => !(x.r.status === 200 || x.r.body.code === "CAP_EXCEEDED"))?.r);
  console.log(`BENCH send-off accepted=${accepted} refused=${refused} errors=${errors} enrolled_in_db=${enrolled} p50_ms=${pctl(ms, 50).toFixed(0)} p95_ms=${p95.toFixed(0)} health_p95_ms=${hp95.toFixed(0)} p95_ratio=${ratio.toFixed(2)} servers_answered=${answered.filter((n) => n > 0).length} answered_per_server=${answered.join("/")} db=postgresql-${version}`);
  const failures = [];
  if (accepted !== 100 || refused !== 400 || errors !== 0) failures.push(`expected accepted=100 refused=400 errors=0, measured ${accepted}/${refused}/${errors}`);
  if (enrolled !== 100) failures.push(`expected 100 enrolments in the database, found ${enrolled}`);
  if (answered.some((n) => n === 0)) failures.push(`both servers must answer: answered ${answered.join("/")}`);
  if (!(ratio <= GOAL_P95_RATIO)) failures.push(`goal missed: p95_ratio=${ratio.toFixed(2)} > ${GOAL_P95_RATIO}`);
  for (const f of failures) console.error(`BENCH send-off FAILED: ${f}`);
  if (failures.length) process.exitCode = 1;
} finally {
  for (const c of children) { try { process.kill(-c.pid, "SIGTERM"); } catch { /* gone */ } }
  await new Promise((r) => setTimeout(r, 1000));
  await dropDatabase(server, name).catch(() => {});
}
