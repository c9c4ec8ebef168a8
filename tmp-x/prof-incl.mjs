import { readFileSync, readdirSync } from "node:fs";
const dir = process.argv[2]; const pat = new RegExp(process.argv[3] || ".");
for (const f of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
  const prof = JSON.parse(readFileSync(`${dir}/${f}`, "utf8"));
  const byId = new Map(prof.nodes.map((n) => [n.id, n])); const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = new Map(); prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const incl = new Map(); let total = 0;
  for (const [id, us] of dt) {
    total += us; const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) { const cf = byId.get(x).callFrame; const k = `${cf.functionName || "(anon)"} ${cf.url.replace(/.*node_modules\//, "nm/").replace(/.*\.next\//, ".next/")}:${cf.lineNumber}:${cf.columnNumber}`; if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + us); } }
  }
  console.log(f, (total / 1e3).toFixed(0), "ms");
  for (const [k, us] of [...incl].filter(([k]) => pat.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[4] || 40))) console.log(`${(us / 1e3).toFixed(0).padStart(7)} ms ${(100 * us / total).toFixed(1).padStart(5)}% ${k}`);
}
