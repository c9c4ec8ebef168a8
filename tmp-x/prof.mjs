import { readFileSync, readdirSync } from "node:fs";
const dir = process.argv[2];
for (const f of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
  const prof = JSON.parse(readFileSync(`${dir}/${f}`, "utf8"));
  const byId = new Map(prof.nodes.map((n) => [n.id, n])); const dt = new Map(); const self = new Map(); let total = 0;
  prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  for (const [id, us] of dt) { const cf = byId.get(id).callFrame; const k = `${cf.functionName || "(anon)"} ${cf.url.replace(/.*node_modules\//, "nm/")}:${cf.lineNumber}`; self.set(k, (self.get(k) ?? 0) + us); total += us; }
  console.log(f, (total / 1e3).toFixed(0), "ms");
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] || 30))) console.log(`${(us / 1e3).toFixed(0).padStart(7)} ms ${(100 * us / total).toFixed(1).padStart(5)}% ${k}`);
}
