import { defineConfig } from "@playwright/test";

const port = process.env.E2E_PORT ?? "3100";
const port2 = process.env.E2E_PORT2 ?? "3101";
export const baseURL = `http://127.0.0.1:${port}`;
/** A second server on the same database whose training clock is in 确认期 (2020-06-08). */
export const confirmationURL = `http://127.0.0.1:${port2}`;
export const singleServer = process.env.E2E_SINGLE_SERVER === "1";
const port3 = process.env.E2E_PORT3 ?? "3102";
/** A third server on the same database whose training clock is in the autumn registration window (2020-09-10). */
export const autumnURL = `http://127.0.0.1:${port3}`;

const serverEnv = {
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
  DB_POOL_MAX: process.env.E2E_DB_POOL_MAX ?? "10",
  AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright", // not test-results itself: Playwright empties it, and Vitest's reports live beside it
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true, // a stray test.only must fail the run, not skip every other spec
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    },
  },
  // The embedded PGlite serves one connection: with it, only the first server runs (the 确认期 spec skips).
  webServer: [
    {
      // The production server through the README's own start script (migrations + demo data).
      command: "node scripts/start.mjs",
      url: `${baseURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe" as const,
      env: { ...serverEnv, PORT: port, ZJB_DEMO: "1", ZJB_TRAINING_DATE: process.env.E2E_TRAINING_DATE ?? "2020-05-08" },
    },
    {
      command: "node scripts/start.mjs",
      url: `${confirmationURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe" as const,
      env: { ...serverEnv, PORT: port2, ZJB_TRAINING_DATE: "2020-06-08", ZJB_SKIP_SEED: "1" },
    },
    {
      command: "node scripts/start.mjs",
      url: `${autumnURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe" as const,
      env: { ...serverEnv, PORT: port3, ZJB_TRAINING_DATE: "2020-09-10", ZJB_SKIP_SEED: "1" },
    },
  ].slice(0, singleServer ? 1 : undefined),
});
