// Preload of bench/lib/page-turns.mjs --sites: counts the macrotasks scheduled (setImmediate, setTimeout ≤ 1 ms) by
// call site between two SIGUSR1 signals, then writes them to /tmp/zjb-turns-<pid>-<n>.txt, most frequent first.
import { writeFileSync } from "node:fs";
const counts = new Map();
let on = false, written = 0;
const site = () => {
  const s = new Error().stack.split("\n").slice(1).filter((l) => !/trace-turns\.mjs|fast-set-immediate/.test(l)).slice(0, 4).map((l) => l.trim().replace(/\(.*node_modules\//, "(").replace(/\?[^)]*\)/, ")")).join(" <- ");
  counts.set(s, (counts.get(s) ?? 0) + 1);
};
const si = globalThis.setImmediate, st = globalThis.setTimeout;
globalThis.setImmediate = function (...a) { if (on) site(); return si.apply(this, a); };
globalThis.setTimeout = function (fn, ms, ...a) { if (on && (ms ?? 0) <= 1) site(); return st.call(this, fn, ms, ...a); };
process.on("SIGUSR1", () => { on = !on; if (!on) { writeFileSync(`/tmp/zjb-turns-${process.pid}-${String(++written).padStart(4, "0")}.txt`, [...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v}\t${k}`).join("\n")); counts.clear(); } });
