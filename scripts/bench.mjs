// `npm run bench`: runs every bench/*.bench.{mjs,ts} in name order. Each prints lines
// `BENCH <name> key=value …`. Figures live here, never in timed unit tests.
import { readdirSync } from "node:fs";
import path from "node:path";
import { root, run } from "./lib/db.mjs";
import { buildIfNeeded } from "./lib/build.mjs";

const only = process.argv[2];
const files = readdirSync(path.join(root, "bench")).filter((f) => /\.bench\.(mjs|ts)$/.test(f) && (!only || f.includes(only))).sort();
await buildIfNeeded();
let failed = 0;
for (const f of files) {
  const file = path.join(root, "bench", f);
  try {
    if (f.endsWith(".ts")) await run(path.join(root, "node_modules/.bin/tsx"), [file]);
    else await run(process.execPath, [file]);
  } catch (err) {
    failed++;
    console.error(`BENCH ${f} failed: ${err.message}`);
  }
}
process.exit(failed ? 1 : 0);
