import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

test("npm start refuses to start, with a clear bilingual message, when DATABASE_URL is unreachable", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const r = spawnSync(process.execPath, [path.join(root, "scripts/start.mjs")], {
    env: { ...process.env, DATABASE_URL: "postgresql://zjb:secret@127.0.0.1:1/nothing", PORT: "0" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("启动失败 / startup failed");
  expect(r.stderr).toContain("无法连接数据库");
  expect(r.stderr).toContain("Cannot reach the PostgreSQL server in DATABASE_URL");
  expect(r.stderr).not.toContain("secret"); // the password is masked
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
});
