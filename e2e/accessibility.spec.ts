import { expect, test, loginAs, scanHere, type Page } from "./fixtures";

// Decision 080: every role's navigation and the key detail and form pages pass axe-core's WCAG 2.0/2.1
// A and AA rules at a desktop (1400×900) and a phone (390×844) width. `visit` makes sure each page is
// scanned (the fixture's goto skips a page seen before for the same user); later specs then skip these
// pages for the same user. Read-only: it changes no data.

const ROLES = [
  { role: "PREFECTURE", username: "zhou" },
  { role: "COUNTY", username: "chuxiong" },
  { role: "MIDDLE_SCHOOL", username: "chuxiong-cz1" },
  { role: "VOCATIONAL_SCHOOL", username: "chuxiong-zz" },
] as const;

/** Axe failures of the pages visited so far in this test: all pages are visited, then the test fails once. */
let failures: string[] = [];
test.beforeEach(() => {
  failures = [];
});
test.afterEach(() => {
  if (failures.length) throw new Error(failures.join("\n\n"));
});

const collect = async (scan: () => Promise<unknown>) => {
  try {
    await scan();
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith("axe:")) throw err;
    failures.push(err.message);
  }
};

async function visit(page: Page, href: string) {
  await collect(async () => expect((await page.goto(href))?.status(), href).toBeLessThan(400));
  await expect(page.locator("h1").first()).toBeVisible();
  await collect(() => scanHere(page));
}

/** The href of the first link in the main area matching the pattern (a detail page of the list). */
async function firstLink(page: Page, pattern: RegExp) {
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${page.url()}`).toBeTruthy();
  return href!;
}

test("the login page passes axe at desktop and phone widths", async ({ page }) => {
  await page.context().clearCookies();
  await visit(page, "/login");
});

for (const { role, username } of ROLES) {
  test(`${role}: every navigation page passes axe at desktop and phone widths`, async ({ page }) => {
    test.setTimeout(180_000);
    await loginAs(page, username);
    const hrefs = await page.locator('nav[aria-label="主导航"] a[href]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href") ?? ""))]);
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) await visit(page, href);
  });
}

test("detail and form pages pass axe at desktop and phone widths", async ({ page }) => {
  test.setTimeout(180_000);
  await loginAs(page, "chuxiong-cz1");
  await visit(page, "/applications/new"); // 附件3 form
  await visit(page, "/applications");
  await visit(page, await firstLink(page, /^\/applications\/[^/]+$/));
  await loginAs(page, "chuxiong-zz");
  await visit(page, "/students?year=2019");
  await visit(page, await firstLink(page, /^\/students\/[^/]+$/));
  await loginAs(page, "zhou");
  await visit(page, "/plan");
  await visit(page, await firstLink(page, /^\/plan\/\d{4}$/));
  await visit(page, "/orgs");
  await visit(page, await firstLink(page, /^\/orgs\/middle-schools\/[^/]+$/));
  await visit(page, "/users/new");
  await visit(page, "/applications/print");
});
