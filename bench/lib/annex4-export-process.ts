// One 附件4 export process, as the app does it (bench 04, decision 103): read the school's live roster
// through annex4Sheets and write it with writeAnnex4, warmed once, then BENCH_REPEATS times. Nothing
// else runs here — no fixture client, no reference writer — so the kernel's high-water mark (maxRSS)
// printed at the end is what exporting 5,000 students costs a process. Prints one JSON line.
import { Writable } from "node:stream";

class Counter extends Writable {
  bytes = 0;
  _write(chunk: Buffer, _enc: string, cb: () => void) { this.bytes += chunk.length; cb(); }
}

async function main() {
  const p = require.resolve("server-only");
  require.cache[p] ??= { id: p, filename: p, loaded: true, exports: {} } as unknown as NodeJS.Module;
  const [userId, schoolId, year] = [process.env.BENCH_USER_ID!, process.env.BENCH_SCHOOL_ID!, Number(process.env.BENCH_YEAR)];
  const repeats = Math.max(1, Number(process.env.BENCH_REPEATS) || 5);
  const { annex4Sheets } = await import("../../src/server/roster/roster");
  const { writeAnnex4 } = await import("../../src/server/exports/annex4");
  const { loadActor } = await import("../../src/server/auth/load-actor");
  const { db } = await import("../../src/server/db");
  const actor = await loadActor(userId, 0);
  if (!actor) throw new Error(`no account ${userId}`);
  const runs: number[] = [];
  let rows = 0, bytes = 0;
  for (let i = 0; i <= repeats; i++) {
    const t = performance.now();
    const sheets = await annex4Sheets(actor, { year, schoolId, source: "live" });
    const out = new Counter();
    await writeAnnex4(out, sheets);
    if (i > 0) runs.push(performance.now() - t); // round 0 warms up
    rows = sheets.reduce((n, s) => n + s.rows.length, 0);
    bytes = out.bytes;
  }
  await db().$disconnect();
  console.log(JSON.stringify({ rows, bytes, runs, maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1048576 }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
