import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root, run } from "./db.mjs";

const INPUTS = ["src", "public", "prisma/schema.prisma", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const distDir = () => path.join(root, process.env.ZJB_DIST_DIR || ".next");
const STAMP = () => path.join(distDir(), "zjb-build-hash");

function walk(p, out) {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isDirectory()) {
    if (p.endsWith(path.join("src", "generated"))) return;
    for (const e of readdirSync(p).sort()) walk(path.join(p, e), out);
  } else out.push(p);
}

export function sourceHash() {
  const files = [];
  for (const i of INPUTS) walk(path.join(root, i), files);
  const h = createHash("sha256");
  for (const f of files) h.update(path.relative(root, f)).update("\0").update(readFileSync(f));
  return h.digest("hex");
}

/** Builds the production bundle unless the current one was built from the same sources. */
export async function buildIfNeeded() {
  const hash = sourceHash();
  if (existsSync(STAMP()) && readFileSync(STAMP(), "utf8") === hash && existsSync(path.join(distDir(), "BUILD_ID"))) {
    return { built: false, seconds: 0 };
  }
  const t0 = Date.now();
  console.log("[zjb] 正在构建生产版本（首次约 1 分钟）…");
  await run(process.execPath, [path.join(root, "scripts/prisma.mjs"), "generate"], { quiet: true });
  await run(path.join(root, "node_modules/.bin/next"), ["build"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: process.env.DATABASE_URL || "postgresql://build-time-unused/none" },
  });
  writeFileSync(STAMP(), hash);
  return { built: true, seconds: (Date.now() - t0) / 1000 };
}
