// `npm run faults`: the fault harness (issue 17, decision 054). Real processes: spawned `npm start`
// servers, kill -9, SIGTERM, a PostgreSQL cluster of its own that it stops and starts (never the shared
// one), backup and restore. Prints one line per fault
//   FAULT <name> survived=yes|no lost=<rows> partial=<rows> recovery_s=<s>
// and exits 1 if any fault was not survived. `npm run faults -- embedded|postgres` runs one group,
// `npm run faults -- embedded-refused-statement` only that fault.
import { rmSync } from "node:fs";
import { buildIfNeeded } from "./lib/build.mjs";
import { embeddedFaults } from "./faults/embedded.mjs";
import { postgresFaults } from "./faults/postgres.mjs";
import { killAll, ownPostgres } from "./faults/lib.mjs";

const only = process.argv.slice(2).find((a) => a !== "--");
const t0 = Date.now();
const lines = [];
const report = (l) => { lines.push(l); console.log(l); };
const cleanups = [];

async function main() {
  const b = await buildIfNeeded();
  if (b.built) console.log(`[faults] built in ${b.seconds.toFixed(0)} s`);
  // The two groups share nothing (own cluster vs own data folder, free ports): they run side by side.
  const postgres = async () => {
    const cluster = await ownPostgres();
    if (cluster.skip) return console.log(`SKIP postgres faults: ${cluster.skip}`);
    cleanups.push(() => cluster.destroy());
    console.log(`[faults] own PostgreSQL cluster on port ${cluster.port}`);
    const r = await postgresFaults(cluster, report);
    cleanups.push(() => rmSync(r.work, { recursive: true, force: true }));
  };
  const embedded = async () => {
    const r = await embeddedFaults(report, only);
    if (r.stop) await r.stop();
    cleanups.push(() => { for (const d of [r.dataDir, r.work, r.restoredDir]) if (d) rmSync(d, { recursive: true, force: true }); });
  };
  const results = await Promise.allSettled([
    !only || only === "postgres" ? postgres() : null,
    !only || only.startsWith("embedded") ? embedded() : null,
  ]);
  for (const r of results) if (r.status === "rejected") throw r.reason;
}

let code = 0;
try {
  await main();
  if (lines.some((l) => l.includes("survived=no"))) code = 1;
} catch (err) {
  console.error(`FAULT harness survived=no lost=0 partial=0 recovery_s=0  # harness error: ${err.stack || err}`);
  code = 1;
} finally {
  killAll();
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
}
console.log(`[faults] ${lines.length} faults, ${lines.filter((l) => l.includes("survived=no")).length} not survived, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
process.exit(code);
