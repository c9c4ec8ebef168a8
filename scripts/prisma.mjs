// Runs the Prisma CLI offline: no telemetry, no engine download (see docs/decisions/001-prisma-6-offline.md).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const bin = require.resolve("prisma/build/index.js");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
// `generate` needs no database; prisma.config.ts still reads DATABASE_URL lazily.
if (!env.DATABASE_URL) env.DATABASE_URL = "postgresql://localhost:5432/unused";
const child = spawn(process.execPath, [bin, ...process.argv.slice(2)], { stdio: "inherit", env });
child.on("exit", (code) => process.exit(code ?? 1));
