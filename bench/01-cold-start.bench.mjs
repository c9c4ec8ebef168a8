// Time from an empty embedded database to the first served login page, through `npm start`'s script
// (migrations + demo data + next start; the production build already exists).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, root } from "../scripts/lib/db.mjs";

// Repeated BENCH_REPEATS (5) times, each from a new empty folder; the median is printed with min–max (decision 096).
const repeats = Math.max(1, Number(process.env.BENCH_REPEATS) || 5);
const runs = [];
for (let r = 0; r < repeats; r++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "zjb-bench-"));
  const port = await freePort();
  const env = { ...process.env, ZJB_DATA_DIR: dataDir, PORT: String(port), AUTH_SECRET: "bench-secret-0123456789abcdef" };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], { env, stdio: "ignore", detached: true });
  let seconds = null;
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/login`);
      if (res.ok) { seconds = (performance.now() - t0) / 1000; break; }
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.kill(-child.pid, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dataDir, { recursive: true, force: true });
  if (seconds === null) { console.log("BENCH cold-start failed=timeout"); process.exit(1); }
  runs.push(seconds);
}
const s = [...runs].sort((a, b) => a - b);
const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join("/");
console.log(`BENCH cold-start seconds=${s[Math.floor(s.length / 2)].toFixed(2)} (${s[0].toFixed(2)}–${s[s.length - 1].toFixed(2)}) rounds=${repeats} db=pglite load=${load}`);
