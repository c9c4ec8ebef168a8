// Bulk import of 2,000 附件3 rows (validated with the form's rules, checked for duplicates across the
// prefecture, stored with their audit rows in one transaction). Target: < 3 s on a 2-core machine.
// Prints `BENCH import-2000 seconds=<median> (<min>–<max>) rows=2000` over BENCH_REPEATS (5) imports. Uses its own fresh database: on the PostgreSQL at
// TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres) or, if none answers,
// an embedded PGlite.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const ROWS = 2000;

async function child() {
  const { checkReachable, createDatabase, dropDatabase, migrate, startPglite } = await import("../scripts/lib/db.mjs");
  const server = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  let cleanup: () => Promise<void>;
  let kind: string;
  try {
    await checkReachable(server, 3000);
    const name = `zjb_bench_import_${process.pid}`;
    process.env.DATABASE_URL = await createDatabase(server, name);
    process.env.DB_POOL_MAX = "10";
    cleanup = () => dropDatabase(server, name);
    kind = "postgresql";
  } catch {
    const pglite = await startPglite(null);
    process.env.DATABASE_URL = pglite.url;
    process.env.DB_POOL_MAX = "1";
    cleanup = () => pglite.close();
    kind = "pglite";
  }
  try {
    await migrate(process.env.DATABASE_URL!);
    const { db } = await import("../src/server/db");
    const { loadActor } = await import("../src/server/auth/load-actor");
    const { importApplications } = await import("../src/server/applications/import");
    const { createMiniPrefecture, createMiddleSchool, createUser } = await import("../prisma/factories");
    const { createYearCalendar } = await import("../prisma/factories/calendar");
    const { applicationInput, importRow, importWorkbook } = await import("../prisma/factories/applications");

    const m = await createMiniPrefecture(db());
    await createYearCalendar(db(), { year: 2020, mayDayHolidayEnd: "2020-05-05", updatedById: m.users.prefecture.id });
    const actorOf = async (countyId: string) => {
      const ms = await createMiddleSchool(db(), countyId);
      const u = await createUser(db(), { role: "MIDDLE_SCHOOL", orgId: ms.id });
      return (await loadActor(u.id, 0))!;
    };
    const now = new Date("2020-05-08T02:00:00Z");
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => importRow(applicationInput("x", { sex: i % 2 ? "FEMALE" : "MALE" }), m.vocA.name));

    // Warm-up (a running server has its code loaded and compiled): 20 rows at another school.
    const warm = await importApplications(await actorOf(m.countyB.id), { name: "warm.xlsx", bytes: new Uint8Array(await importWorkbook(rows(20))) }, now);
    if (!warm.ok) throw new Error("warm-up import failed: " + JSON.stringify(warm.problems.slice(0, 3)));

    // BENCH_REPEATS (5) imports, each by a new middle school of rows with new ID numbers; the median decides (decision 096).
    const repeats = Math.max(1, Number(process.env.BENCH_REPEATS) || 5);
    const runs: number[] = [];
    let stored = 0, fileKb = 0;
    for (let r = 0; r < repeats; r++) {
      const actor = await actorOf(m.countyA.id);
      const bytes = new Uint8Array(await importWorkbook(rows(ROWS)));
      fileKb = Math.round(bytes.length / 1024);
      const t0 = performance.now();
      const result = await importApplications(actor, { name: "bench.xlsx", bytes }, now);
      runs.push((performance.now() - t0) / 1000);
      if (!result.ok) throw new Error("import refused: " + JSON.stringify(result.problems.slice(0, 3)));
      stored = await db().application.count({ where: { middleSchoolId: actor.middleSchoolId! } });
      if (stored !== ROWS) throw new Error(`expected ${ROWS} stored rows, found ${stored}`);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    const med = sorted[Math.floor(sorted.length / 2)];
    const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join("/");
    console.log(`BENCH import-2000 seconds=${med.toFixed(2)} (${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}) rounds=${repeats} rows=${stored} file_kb=${fileKb} db=${kind} load=${load}`);
    await db().$disconnect();
  } finally {
    await cleanup().catch(() => {});
  }
}

async function main() {
  if (process.env.ZJB_BENCH_CHILD === "1") return child();
  // Server modules start with `import "server-only"`, which only loads under the react-server
  // condition (as inside Next). Run this file again in a Node started with that condition.
  const self = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(self), "..");
  const code = await new Promise<number>((resolve, reject) => {
    const p = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", self], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ZJB_BENCH_CHILD: "1", NODE_ENV: "production" },
    });
    p.on("error", reject);
    p.on("exit", (c) => resolve(c ?? 1));
  });
  process.exit(code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
