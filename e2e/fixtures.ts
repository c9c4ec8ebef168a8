import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export { expect };
export type { Page };

export const DEMO_PASSWORD = "zjb12345";

export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD) {
  // A late response of the previous page (a prefetch refreshing the session) can put a cleared
  // session cookie back: start from a signed-out state in every case.
  await page.context().clearCookies();
  await page.goto("/login");
  if (!/\/login/.test(page.url())) {
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login/);
  }
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

// ── Accessibility (decision 080) ─────────────────────────────────────────────────────────────────
// Every page the suite visits is scanned with axe-core for WCAG 2.0/2.1 A and AA at a desktop and a
// phone width: after each page.goto and at the end of each test. Any violation fails the test.

export const DESKTOP = { width: 1400, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** One readable block per violation: rule, impact, help link, each failing selector and axe's reason. */
export function formatViolations(url: string, size: { width: number; height: number }, violations: Violation[]) {
  const lines = [`axe: ${violations.length} accessibility violation(s) on ${url} at ${size.width}×${size.height}:`];
  for (const v of violations) {
    lines.push(`  [${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 8)) {
      const why = (n.failureSummary ?? "").split("\n").map((l) => l.trim()).filter(Boolean).slice(1, 2).join(" ");
      lines.push(`      ${n.target.join(" >>> ")}${why ? `  — ${why}` : ""}`);
    }
    if (v.nodes.length > 8) lines.push(`      … and ${v.nodes.length - 8} more`);
  }
  return lines.join("\n");
}

/**
 * The axe violations of the page as it is now, at its current viewport. Legacy mode runs axe.run in
 * the page itself (the app has no cross-origin frames) instead of opening a blank page per scan for
 * axe.finishRun; only violations are collected in full. Both roughly halve the time of a scan.
 */
export async function axeViolations(page: Page) {
  // options() replaces the whole options object: it must come before withTags (which sets runOnly).
  const result = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).withTags(AXE_TAGS).setLegacyMode().analyze();
  return result.violations;
}

const settle = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/**
 * Scans the page at the desktop and the phone width (then puts the viewport back) and throws one
 * readable error listing every violation. `widths` limits it to some of the two.
 */
export async function expectAccessible(page: Page, widths: { width: number; height: number }[] = [DESKTOP, PHONE]) {
  const original = page.viewportSize();
  const failures: string[] = [];
  try {
    for (const size of widths) {
      if (original?.width !== size.width || original?.height !== size.height) {
        await page.setViewportSize(size);
        await settle(page);
      }
      const t = Date.now();
      const violations = await axeViolations(page);
      if (process.env.A11Y_TIMING) console.log(`axe ${size.width} ${Date.now() - t}ms ${page.url()}`);
      if (violations.length) failures.push(formatViolations(page.url(), size, violations));
    }
  } finally {
    if (original && !page.isClosed()) await page.setViewportSize(original);
  }
  if (failures.length) throw new Error(failures.join("\n"));
}

// Pages already scanned in this worker (the suite runs one worker): a page is scanned once per
// path (ids folded) and signed-in user, whatever its query string and state, which keeps the added
// time small (decision 080). The accessibility spec visits every role's pages first.
const scanned = new Set<string>();

async function pageKey(page: Page) {
  const url = new URL(page.url());
  const path = url.pathname.split("/").map((s) => (/^(?=.*\d)[a-z0-9-]{8,}$/i.test(s) || /^\d+$/.test(s) ? ":id" : s)).join("/");
  const user = await page.evaluate(() => document.querySelector("header span")?.textContent?.trim() ?? "");
  return `${url.origin}${path}¦${user}`;
}

/**
 * Scans the page unless the same page was scanned already for the same user (`force` scans it
 * anyway); skips non-HTML responses (JSON, files).
 */
export async function scanOnce(page: Page, { force = false } = {}) {
  if (page.isClosed() || !/^https?:/.test(page.url())) return;
  const isHtml = await page.evaluate(() => document.contentType === "text/html").catch(() => false);
  if (!isHtml) return;
  const key = await pageKey(page);
  if (scanned.has(key) && !force) return;
  scanned.add(key);
  lastScanned.set(page, page.url());
  await expectAccessible(page);
}

const lastScanned = new WeakMap<Page, string>();

/** Scans the page at its current URL unless that very URL was the last one scanned on this page. */
export async function scanHere(page: Page) {
  if (lastScanned.get(page) !== page.url()) await scanOnce(page, { force: true });
}

function scanAfterGoto(page: Page) {
  const goto = page.goto.bind(page);
  page.goto = async (...args: Parameters<Page["goto"]>) => {
    const response = await goto(...args);
    await scanOnce(page);
    return response;
  };
  return page;
}

/**
 * `test` of every spec: pages (the default one and any opened through `browser`) are scanned after
 * each `goto`, and the pages still open are scanned when the test has passed.
 */
export const test = base.extend<{ axeScan: void }>({
  page: async ({ page }, provide) => {
    await provide(scanAfterGoto(page));
  },
  axeScan: [
    async ({ page, browser }, provide, testInfo) => {
      const pages = new Set<Page>([page]);
      const watch = (context: BrowserContext) => context.on("page", (p) => pages.add(scanAfterGoto(p)));
      const b = browser as Browser & { newContext: Browser["newContext"]; newPage: Browser["newPage"] };
      const { newContext, newPage } = b;
      b.newContext = async (...args) => {
        const context = await newContext.apply(browser, args);
        watch(context);
        return context;
      };
      b.newPage = async (...args) => {
        const p = await newPage.apply(browser, args);
        pages.add(scanAfterGoto(p));
        return p;
      };
      try {
        await provide();
      } finally {
        b.newContext = newContext;
        b.newPage = newPage;
      }
      if (testInfo.status !== testInfo.expectedStatus) return;
      for (const p of pages) await scanOnce(p);
    },
    { auto: true },
  ],
});
