import { defineConfig } from "vitest/config";
import path from "node:path";

const resolve = {
  alias: {
    "@": path.resolve(import.meta.dirname, "src"),
    // `server-only` throws outside a React Server environment; tests call server code directly.
    "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
  },
};

export default defineConfig({
  resolve,
  test: {
    // A stray `test.only` would silently skip the rest of the suite: refuse it (also in each project).
    allowOnly: false,
    projects: [
      {
        resolve,
        test: {
          name: "unit", allowOnly: false, include: ["tests/**/*.test.ts"], exclude: ["tests/**/*.db.test.ts", "node_modules/**"], testTimeout: 30_000,
          // next-auth imports `next/server` without an extension, which Node's own ESM loader refuses: bundle it
          // through Vite instead (the proxy test imports src/proxy.ts, which wraps next-auth's `auth`).
          server: { deps: { inline: ["next-auth"] } },
        },
      },
      {
        resolve,
        test: {
          name: "server",
          allowOnly: false,
          include: ["tests/**/*.db.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
