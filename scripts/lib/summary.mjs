// Counts for the last lines of `npm test`, read from the JSON reports of Vitest and Playwright (not
// from their console output), so the summary says what ran, what failed and what was skipped.
import { existsSync, readFileSync } from "node:fs";

/** Vitest's JSON report → { passed, failed, skipped, skippedNames }. A missing report counts as a failure. */
export function vitestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, skippedNames: [], missing: true };
  const report = JSON.parse(readFileSync(file, "utf8"));
  const out = { passed: 0, failed: 0, skipped: 0, skippedNames: [] };
  for (const suite of report.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      if (t.status === "passed") out.passed++;
      else if (t.status === "failed") out.failed++;
      else {
        out.skipped++;
        out.skippedNames.push(t.fullName ?? t.title);
      }
    }
    // A file that failed to load has no assertion results: count it as one failure.
    if (suite.status === "failed" && !(suite.assertionResults ?? []).some((t) => t.status === "failed")) out.failed++;
  }
  return out;
}

/** Playwright's JSON report → the same shape (flaky counts as failed: retries are off). */
export function playwrightCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, skippedNames: [], missing: true };
  const report = JSON.parse(readFileSync(file, "utf8"));
  const s = report.stats ?? {};
  const skippedNames = [];
  const walk = (suite, prefix) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) if (t.status === "skipped") skippedNames.push(`${prefix}${spec.title}`);
    }
    for (const child of suite.suites ?? []) walk(child, `${prefix}${child.title} › `);
  };
  for (const suite of report.suites ?? []) walk(suite, `${suite.title} › `);
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0) + (report.errors?.length && !s.unexpected ? 1 : 0);
  return { passed: s.expected ?? 0, failed, skipped: s.skipped ?? 0, skippedNames };
}

export const countsLine = (c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;

/** The lines `npm test` ends with; the very last one is `N passed, N failed, N skipped` alone. */
export function summaryLines(parts) {
  const lines = [];
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const p of parts) {
    lines.push(`${p.name}: ${countsLine(p.counts)} (database: ${p.database})${p.counts.missing ? " — no report: the step did not finish" : ""}`);
    for (const n of p.counts.skippedNames) lines.push(`  skipped: ${n}`);
    total.passed += p.counts.passed;
    total.failed += p.counts.failed;
    total.skipped += p.counts.skipped;
  }
  lines.push(countsLine(total));
  return lines;
}
