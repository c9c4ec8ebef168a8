// Two production app servers on two ports against one PostgreSQL; 500 concurrent send-off requests
// over HTTP at a county cap of 100, repeated BENCH_REPEATS (5) times on the same servers (the
// enrolments are removed between rounds). Every round must give exactly 100 accepted / 400 refused /
// 0 errors with 100 enrolments stored and both servers answering. Latency: p95 of the 500 send-offs
// against p95 of 500 concurrent /api/health requests just before, in the same round; the goal
// (p95_ratio ≤ 3) is judged on the median of the rounds, printed with its min–max. Also printed: the
// app servers' CPU time per request (user + system, from /proc), which a busy machine disturbs far
// less than wall time (decision 092).
import path from "node:path";
import pg from "pg";
import { createDatabase, dropDatabase, freePort, migrate, root, run } from "../scripts/lib/db.mjs";
import { REPEATS, cpuMs, loadAverage, pctl, signIn, spread, startNext, stopAll, timed, waitFor } from "./lib/harness.mjs";

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
  for (const port of ports) children.push(startNext(port, env));
  for (const port of ports) await waitFor(`http://127.0.0.1:${port}/api/health`);
  // Sign in once through next-auth's credentials callback; the JWT cookie is valid on both servers.
  const session = await signIn(`http://127.0.0.1:${ports[0]}`, fixture.username, fixture.password);
  const sendOff = (port, ids) => fetch(`http://127.0.0.1:${port}/api/send-off`, {
    // JSON routes accept only same-origin requests (issue 10 §9).
    method: "POST", headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}`, cookie: session }, body: JSON.stringify({ applicationIds: ids }),
  });
  // Warm both servers (route compilation caches, pools); an empty selection is refused: nothing is written.
  for (const port of ports) {
    for (let i = 0; i < 5; i++) {
      await fetch(`http://127.0.0.1:${port}/api/health`);
      await sendOff(port, []);
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const serverCpu = () => children.reduce((n, c) => n + cpuMs(c.pid), 0);
  const rounds = [];
  for (let round = 0; round < REPEATS; round++) {
    if (round > 0) await client.query(`DELETE FROM "Enrolment"; UPDATE "Application" SET status = 'APPROVED'`);
    const c0 = serverCpu();
    const health = await Promise.all(fixture.applicationIds.map((_, i) => timed(() => fetch(`http://127.0.0.1:${ports[i % 2]}/api/health`, { headers: { cookie: session } }).then((r) => r.text()))));
    const c1 = serverCpu();
    const results = await Promise.all(fixture.applicationIds.map((id, i) => timed(async () => {
      const port = ports[i % 2];
      try {
        const res = await sendOff(port, [id]);
        return { port, status: res.status, body: await res.json().catch(() => ({})) };
      } catch (err) {
        return { port, status: 0, body: { error: String(err) } }; // no answer from this server
      }
    })));
    const c2 = serverCpu();
    const accepted = results.filter((x) => x.r.status === 200).length;
    const refused = results.filter((x) => x.r.status === 409 && x.r.body.code === "CAP_EXCEEDED").length;
    const errors = results.length - accepted - refused;
    // Which servers really answered (a 200 or a cap refusal), and what the database holds afterwards.
    const answered = ports.map((port) => results.filter((x) => x.r.port === port && (x.r.status === 200 || x.r.status === 409)).length);
    const enrolled = Number((await client.query(`SELECT count(*) AS n FROM "Enrolment"`)).rows[0].n);
    const ms = results.map((x) => x.ms);
    const p95 = pctl(ms, 95), hp95 = pctl(health.map((x) => x.ms), 95);
    if (errors) console.error("sample error:", results.find((x) => !(x.r.status === 200 || x.r.body.code === "CAP_EXCEEDED"))?.r);
    rounds.push({ accepted, refused, errors, enrolled, answered, p50: pctl(ms, 50), p95, hp95, ratio: p95 / hp95,
      cpuHealth: (c1 - c0) / results.length, cpuSend: (c2 - c1) / results.length });
  }
  const version = (await client.query("SHOW server_version")).rows[0].server_version.split(" ")[0];
  await client.end();
  const f = (k, d = 0) => spread(rounds.map((r) => r[k]), d).text;
  const ratio = spread(rounds.map((r) => r.ratio));
  const last = rounds[rounds.length - 1];
  console.log(`BENCH send-off rounds=${rounds.length} accepted=${rounds.map((r) => r.accepted).join("/")} refused=${rounds.map((r) => r.refused).join("/")} errors=${rounds.map((r) => r.errors).join("/")} enrolled_in_db=${rounds.map((r) => r.enrolled).join("/")} p50_ms=${f("p50")} p95_ms=${f("p95")} health_p95_ms=${f("hp95")} p95_ratio=${f("ratio", 2)} server_cpu_ms_per_send_off=${f("cpuSend", 1)} server_cpu_ms_per_health=${f("cpuHealth", 1)} servers_answered=${last.answered.filter((n) => n > 0).length} answered_per_server=${last.answered.join("/")} db=postgresql-${version} load=${loadAverage()}`);
  const failures = [];
  for (const [i, r] of rounds.entries()) {
    if (r.accepted !== 100 || r.refused !== 400 || r.errors !== 0) failures.push(`round ${i + 1}: expected accepted=100 refused=400 errors=0, measured ${r.accepted}/${r.refused}/${r.errors}`);
    if (r.enrolled !== 100) failures.push(`round ${i + 1}: expected 100 enrolments in the database, found ${r.enrolled}`);
    if (r.answered.some((n) => n === 0)) failures.push(`round ${i + 1}: both servers must answer: answered ${r.answered.join("/")}`);
  }
  if (!(ratio.median <= GOAL_P95_RATIO)) failures.push(`goal missed: median p95_ratio=${ratio.median.toFixed(2)} > ${GOAL_P95_RATIO}`);
  for (const msg of failures) console.error(`BENCH send-off FAILED: ${msg}`);
  if (failures.length) process.exitCode = 1;
} finally {
  await stopAll(children);
  await dropDatabase(server, name).catch(() => {});
}
