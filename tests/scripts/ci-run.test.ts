// .ci/run itself: CI must not go green unless every step ran and passed. The script runs for real with a
// PATH shim in front: `npm`, the PostgreSQL tools, Chromium and fc-list are stand-ins that record their
// calls and exit with the code the test chooses (nothing is installed, nothing is tested twice).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function runCi(exitCodes: { ci: number; test: number }) {
  const dir = mkdtempSync(path.join(tmpdir(), "zjb-ci-"));
  dirs.push(dir);
  const log = path.join(dir, "calls.log");
  const shim = (name: string, body: string) => {
    writeFileSync(path.join(dir, name), `#!/usr/bin/env bash\necho "${name} $*" >> "${log}"\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  };
  shim("npm", `case "$1" in --version) echo 10.0.0 ;; ci) exit ${exitCodes.ci} ;; test) exit ${exitCodes.test} ;; *) exit 97 ;; esac`);
  shim("pg_isready", "exit 0");
  shim("pg_ctlcluster", "exit 0");
  shim("chromium", "exit 0");
  shim("fc-list", 'echo "Noto Sans CJK SC"');
  shim("soffice", "exit 0");
  shim("pdftotext", "exit 0");
  shim("apt-get", "exit 98"); // must not be reached: the stand-ins above say everything is installed
  const r = spawnSync("bash", [path.join(root, ".ci/run")], {
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, TEST_DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres" },
    encoding: "utf8",
    timeout: 30_000,
  });
  let calls: string[] = [];
  try { calls = readFileSync(log, "utf8").trim().split("\n"); } catch { /* no call recorded */ }
  return { status: r.status, stdout: r.stdout, calls: calls.filter((c) => c.startsWith("npm ") && c !== "npm --version") };
}

test(".ci/run exits non-zero when `npm ci` fails, and does not go on to the tests", () => {
  const r = runCi({ ci: 3, test: 0 });
  expect(r.status).toBe(3);
  expect(r.calls).toEqual(["npm ci"]);
  expect(r.stdout).not.toContain("CI finished");
});

test(".ci/run exits non-zero when `npm test` fails", () => {
  const r = runCi({ ci: 0, test: 1 });
  expect(r.status).toBe(1);
  expect(r.calls).toEqual(["npm ci", "npm test"]);
  expect(r.stdout).not.toContain("CI finished");
});

test(".ci/run exits 0 only after both steps ran and passed", () => {
  const r = runCi({ ci: 0, test: 0 });
  expect(r.status).toBe(0);
  expect(r.calls).toEqual(["npm ci", "npm test"]);
  expect(r.stdout).toContain("CI finished");
});
