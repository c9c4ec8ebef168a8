// Time per page loader at two sizes of a whole prefecture's year (decision 094): where the time of a request
// grows with the data while its statement count does not (decision 091). Builds (or reuses) one database per
// size with the full-year generator (prisma/factories/full-year.ts), then for every page kind: warm-up calls,
// then the median of --runs calls; and, over one further call, the time of each SQL statement (measured at
// pg.Client#query, as the query-count test counts them). Prints a table with the growth ratio per kind and the
// slowest statements at the largest size.
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/lib/loader-timing.ts \
//     [--sizes 900,9000] [--runs 10] [--keep] [--only home] [--json out.json] [--trace "home COUNTY"] [--hog 20]
// --explain K prints PostgreSQL's execution time of each statement of the kinds matching K (EXPLAIN ANALYZE);
// with --plans, also the plan tree of each statement over 2 ms.
// --hog H also times each call while a competing task holds the event loop for H ms on every turn and prints
// the turns it waited for: what a saturated server multiplies, as the statement depth does (decision 101).
// --keep leaves the databases (zjb_lt_<size>) in place and reuses them on the next run (they are rebuilt
// when missing); without it they are dropped at the end.
import { writeFileSync } from "node:fs";
import pg from "pg";
import { buildFullYear } from "../../prisma/factories/full-year";
import { createDatabase, dropDatabase, migrate } from "../../scripts/lib/db.mjs";

function allowServerModules() {
  const p = require.resolve("server-only");
  require.cache[p] ??= { id: p, filename: p, loaded: true, exports: {} } as unknown as NodeJS.Module;
}
allowServerModules();

function opt(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const SIZES = (opt("sizes") ?? "900,9000").split(",").map(Number);
const RUNS = Number(opt("runs") ?? 10);
const KEEP = process.argv.includes("--keep");
const ONLY = opt("only");
const HOG = Number(opt("hog") ?? 0);
const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!server) throw new Error("TEST_DATABASE_URL (a PostgreSQL server) is not set");
process.env.DATABASE_URL ??= server;

// ───── statement timing at the driver ─────
let recording = false;
let log: { sql: string; ms: number; t0: number; t1: number; text: string; values: unknown[] }[] = [];
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (!recording) return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  const q = args[0] as string | { text?: string; callback?: unknown };
  const sql = (typeof q === "string" ? q : q?.text ?? "").replace(/\s+/g, " ");
  const t0 = performance.now();
  const text = typeof q === "string" ? q : q?.text ?? "";
  const values = ((typeof q === "object" && q && "values" in q ? (q as { values?: unknown[] }).values : Array.isArray(args[1]) ? args[1] : []) ?? []) as unknown[];
  const done = () => { const t1 = performance.now(); log.push({ sql, ms: t1 - t0, t0, t1, text, values }); };
  // pg.Pool#query calls the client with a callback (no promise): time the callback.
  const last = args.length - 1;
  if (typeof args[last] === "function") {
    const cb = args[last] as (...a: unknown[]) => unknown;
    args[last] = (...a: unknown[]) => (done(), cb(...a));
  }
  const result = (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(done, () => {});
  return result;
} as typeof clientQuery;

/**
 * The longest chain of statements that ran one after the other (each started after the one before it ended):
 * under load every link waits its turn on a busy event loop, so this, not the statement count, is what a
 * saturated server multiplies (decision 099).
 */
function sequentialDepth(entries: { t0: number; t1: number }[]): number {
  const xs = [...entries].sort((a, b) => a.t0 - b.t0);
  const depth: number[] = [];
  xs.forEach((x, i) => { depth[i] = 1 + Math.max(0, ...xs.slice(0, i).map((y, j) => (y.t1 <= x.t0 ? depth[j] : 0))); });
  return Math.max(0, ...depth);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

type Db = import("../../src/server/db").Db;
const appDb = globalThis as unknown as { __zjbDb?: Db };

async function database(size: number): Promise<{ client: Db; year: number; trainingDate: string }> {
  const name = `zjb_lt_${size}`;
  const u = new URL(server!);
  u.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  await admin.end();
  let built = false;
  if (!exists || !KEEP) {
    if (exists) await dropDatabase(server!, name);
    await migrate(await createDatabase(server!, name));
    built = true;
  }
  const { createDb } = await import("../../src/server/db"); // after allowServerModules()
  const client = createDb(u.toString(), 4);
  if (built) {
    const f = await buildFullYear(client as never, { applications: size, seed: 7 });
    console.error(`[loader-timing] built ${size} applications in ${f.seconds} s`);
    // The fixture's year and training date travel with the database (reused with --keep).
    await client.$executeRawUnsafe(`COMMENT ON DATABASE "${name}" IS '${JSON.stringify({ year: f.year, trainingDate: f.trainingDate })}'`);
  }
  const rows = await client.$queryRawUnsafe<{ c: string }[]>(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = '${name}'`);
  const { year, trainingDate } = JSON.parse(rows[0].c) as { year: number; trainingDate: string };
  return { client, year, trainingDate };
}

async function main() {
  // Imported after server-only is allowed.
  const { loadActor } = await import("../../src/server/auth/load-actor");
  const { loadHomePage } = await import("../../src/server/pages/home");
  const { loadApplicationsPage } = await import("../../src/server/pages/applications");
  const { loadApplicationPage } = await import("../../src/server/pages/application");
  const { loadSendOffPage } = await import("../../src/server/pages/send-off");
  const { loadRosterPage } = await import("../../src/server/pages/roster");
  const { requestInbox } = await import("../../src/server/inbox");
  const { annex4Sheets, officialCountyNames } = await import("../../src/server/roster/roster");
  const { annex3ExportRows } = await import("../../src/server/applications/export");
  const { writeAnnex3 } = await import("../../src/server/exports/annex3");
  const { writeAnnex4 } = await import("../../src/server/exports/annex4");
  const { Writable } = await import("node:stream");

  const results: Record<string, Record<number, { ms: number; cpuMs: number; statements: number; depth: number; turns?: number; slowest: { sql: string; ms: number }[] }>> = {};
  for (const size of SIZES) {
    const { client, year, trainingDate } = await database(size);
    appDb.__zjbDb = client;
    const t = new Date(`${trainingDate}T10:00:00+08:00`);
    const actorOf = async (username: string) => {
      const u = await client.user.findUniqueOrThrow({ where: { username } });
      const a = await loadActor(u.id, u.sessionVersion);
      if (!a) throw new Error(`no actor for ${username}`);
      return a;
    };
    const actors = {
      PREFECTURE: await actorOf("zhou"),
      COUNTY: await actorOf("chuxiong"),
      MIDDLE_SCHOOL: await actorOf("chuxiong-cz1"),
      VOCATIONAL_SCHOOL: await actorOf("jishi"),
    };
    const sentOff = await client.application.findFirstOrThrow({ where: { countyId: actors.COUNTY.countyId!, status: "SENT_OFF" }, orderBy: { id: "asc" }, select: { id: true } });
    const sink = () => new Writable({ write(_c, _e, cb) { cb(); } });
    const kinds: Record<string, () => Promise<unknown>> = {};
    for (const role of ["PREFECTURE", "COUNTY", "MIDDLE_SCHOOL", "VOCATIONAL_SCHOOL"] as const) {
      kinds[`home ${role}`] = () => loadHomePage(actors[role], {}, t);
      kinds[`inbox ${role}`] = () => requestInbox(actors[role]);
    }
    kinds["list COUNTY search+page 2"] = () => loadApplicationsPage(actors.COUNTY, { q: "李", page: "2" }, t);
    kinds["list PREFECTURE page 3"] = () => loadApplicationsPage(actors.PREFECTURE, { page: "3" }, t);
    kinds["list MIDDLE_SCHOOL"] = () => loadApplicationsPage(actors.MIDDLE_SCHOOL, {}, t);
    kinds["application COUNTY (sent off)"] = () => loadApplicationPage(actors.COUNTY, sentOff.id);
    kinds["send-off page COUNTY"] = () => loadSendOffPage(actors.COUNTY, {}, t);
    kinds["send-off page PREFECTURE"] = () => loadSendOffPage(actors.PREFECTURE, {}, t);
    for (const role of ["PREFECTURE", "COUNTY", "VOCATIONAL_SCHOOL"] as const) kinds[`roster page ${role}`] = () => loadRosterPage(actors[role], {}, t);
    kinds["annex3 rows MIDDLE_SCHOOL"] = () => annex3ExportRows(actors.MIDDLE_SCHOOL, { year });
    kinds["annex3 rows+write MIDDLE_SCHOOL"] = async () => {
      const { school, rows } = await annex3ExportRows(actors.MIDDLE_SCHOOL, { year });
      return writeAnnex3({ middleSchoolLabel: school.label, year }, rows);
    };
    kinds["annex4 sheets VOCATIONAL_SCHOOL live"] = () => annex4Sheets(actors.VOCATIONAL_SCHOOL, { year, source: "live" });
    kinds["annex4 sheets+write VOCATIONAL_SCHOOL live"] = async () => {
      const sheets = await annex4Sheets(actors.VOCATIONAL_SCHOOL, { year, source: "live" });
      await writeAnnex4(sink(), sheets, await officialCountyNames(actors.VOCATIONAL_SCHOOL));
    };
    for (const [kind, fn] of Object.entries(kinds)) {
      if (ONLY && !kind.includes(ONLY)) continue;
      await fn();
      await fn();
      const times: number[] = [];
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await fn();
        times.push(performance.now() - t0);
      }
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = Math.round((cpu.user + cpu.system) / RUNS / 100) / 10;
      // With --hog H: the same calls while a competing task holds the event loop for H ms on every turn (as the
      // other requests do on a saturated server); (elapsed − alone) / H ≈ how many turns the call waits for.
      let turns: number | undefined;
      if (HOG > 0) {
        const spin = () => { const t1 = performance.now() + HOG; while (performance.now() < t1); };
        const hog = setInterval(spin, 0);
        const hogged: number[] = [];
        for (let i = 0; i < Math.min(RUNS, 5); i++) {
          const t0 = performance.now();
          await fn();
          hogged.push(performance.now() - t0);
        }
        clearInterval(hog);
        turns = Math.round((median(hogged) - median(times)) / HOG);
      }
      log = [];
      recording = true;
      await fn();
      recording = false;
      if (opt("trace") && kind.includes(opt("trace")!)) {
        const t00 = Math.min(...log.map((x) => x.t0));
        console.log(`\n${kind} at ${size}: statements in the order sent (start–end ms)`);
        for (const x of [...log].sort((p, q) => p.t0 - q.t0)) console.log(`  ${(x.t0 - t00).toFixed(1).padStart(6)}–${(x.t1 - t00).toFixed(1).padEnd(6)} ${x.sql.slice(0, 150)}`);
      }
      // --explain K: PostgreSQL's own execution time of each statement of kind K (EXPLAIN ANALYZE, run after the
      // call, one at a time): what the database spends, apart from the waits of the app server.
      if (opt("explain") && kind.includes(opt("explain")!)) {
        console.log(`\n${kind} at ${size}: PostgreSQL execution time of each statement (EXPLAIN ANALYZE)`);
        const explainer = new pg.Client({ connectionString: (() => { const u = new URL(server!); u.pathname = `/zjb_lt_${size}`; return u.toString(); })() });
        await explainer.connect();
        for (const x of log) {
          if (!/^\s*(SELECT|WITH)/i.test(x.text)) continue;
          const plan = await (clientQuery as (...a: unknown[]) => unknown).call(explainer, `EXPLAIN (ANALYZE, FORMAT JSON) ${x.text}`, x.values) as unknown as { rows: { "QUERY PLAN": [{ "Execution Time": number; "Planning Time": number }] }[] };
          const p = plan.rows[0]["QUERY PLAN"][0];
          console.log(`  exec ${p["Execution Time"].toFixed(1).padStart(6)} ms  plan ${p["Planning Time"].toFixed(1).padStart(5)} ms  ${x.sql.slice(0, 140)}`);
          // --plans: the plan tree too, with each node's time, for the statements over 2 ms.
          if (process.argv.includes("--plans") && p["Execution Time"] > 2) {
            const text = await (clientQuery as (...a: unknown[]) => unknown).call(explainer, `EXPLAIN (ANALYZE, COSTS OFF) ${x.text}`, x.values) as unknown as { rows: { "QUERY PLAN": string }[] };
            console.log(text.rows.map((r) => `      ${r["QUERY PLAN"]}`).join("\n"));
          }
        }
        await explainer.end();
      }
      const slowest = [...log].sort((a, b) => b.ms - a.ms).slice(0, 4).map((s) => ({ sql: s.sql.slice(0, 220), ms: Math.round(s.ms * 10) / 10 }));
      (results[kind] ??= {})[size] = { ms: Math.round(median(times) * 10) / 10, cpuMs, statements: log.length, depth: sequentialDepth(log), turns, slowest };
      process.stderr.write(".");
    }
    process.stderr.write("\n");
    await client.$disconnect();
    if (!KEEP) await dropDatabase(server!, `zjb_lt_${size}`);
  }
  const [a, b] = [SIZES[0], SIZES[SIZES.length - 1]];
  const lines = [`page kind`.padEnd(44) + `${a} ms`.padStart(10) + `${b} ms`.padStart(10) + "  growth  stmts depth" + `  cpu ${a}`.padStart(10) + `  cpu ${b}`.padStart(10) + (HOG ? `  turns ${a}  turns ${b}` : "")];
  for (const [kind, r] of Object.entries(results)) {
    const g = r[a] && r[b] ? (r[b].ms / r[a].ms).toFixed(2) : "—";
    lines.push(kind.padEnd(44) + String(r[a]?.ms ?? "—").padStart(10) + String(r[b]?.ms ?? "—").padStart(10) + `  ${g.padStart(5)}×  ${String(r[b]?.statements ?? "—").padStart(5)} ${String(r[b]?.depth ?? "—").padStart(5)}` +
      String(r[a]?.cpuMs ?? "—").padStart(10) + String(r[b]?.cpuMs ?? "—").padStart(10) +
      (HOG ? String(r[a]?.turns ?? "—").padStart(10) + String(r[b]?.turns ?? "—").padStart(10) : ""));
  }
  console.log(lines.join("\n"));
  if (process.argv.includes("--statements")) {
    for (const [kind, r] of Object.entries(results)) {
      console.log(`\n${kind} at ${b}:`);
      for (const s of r[b]?.slowest ?? []) console.log(`  ${String(s.ms).padStart(7)} ms  ${s.sql}`);
    }
  }
  const out = opt("json");
  if (out) writeFileSync(out, JSON.stringify(results, null, 1));
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    pg.Client.prototype.query = clientQuery;
  });
