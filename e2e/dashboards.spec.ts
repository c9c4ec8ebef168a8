import { expect, test, loginAs, shot, type Page } from "./fixtures";

// Issue 15 items 3 and 4: each role's home page (dashboard charts drawn by ECharts on the server, each with a
// data table) and the to-do inbox with its badge. The demo's 2019 year is complete (plan, send-off, 附件4,
// retention); the training clock of this server is 2020-05-08 (送读期).

/** Every chart on the page has a table, and the numbers drawn on the bars are exactly the table's numbers. */
async function checkCharts(page: Page) {
  const figures = page.locator("figure[data-chart]");
  const n = await figures.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const f = figures.nth(i);
    const id = await f.getAttribute("data-chart");
    await expect(f.locator("svg"), `chart ${id} is drawn`).toHaveCount(1);
    await expect(f.locator("table caption"), `chart ${id} has a captioned table`).toHaveCount(1);
    expect(await f.locator("table thead th[scope=col]").count(), `chart ${id} has column headers`).toBeGreaterThan(1);
    const drawn = await f.locator("svg text[fill='#1e293b']").allTextContents();
    const table = (await f.locator("table td[data-value]").allTextContents()).filter((t) => t !== "—");
    const sorted = (xs: string[]) => xs.map((x) => x.trim()).sort();
    expect(sorted(drawn), `chart ${id}: numbers drawn = numbers in the table`).toEqual(sorted(table));
  }
  return n;
}

const row = (page: Page, chart: string, name: string) => page.locator(`figure[data-chart='${chart}'] table tr`).filter({ has: page.getByRole("rowheader", { name, exact: true }) });

test("prefecture: per-county and per-school progress, ※, retention against 95 %, the phase timeline", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.goto("/?year=2019");
  await expect(page.getByRole("heading", { name: "2019年工作概况" })).toBeVisible();
  // 楚雄市 2019 (demo): S 30, 20 students sent off, arrived and confirmed by the county.
  await expect(row(page, "counties", "楚雄市").locator("td")).toHaveText(["30", "20", "20", "20"]);
  await expect(row(page, "shanghai", "楚雄市").locator("td")).toHaveText(["4", "3"]);
  await expect(row(page, "retention", "楚雄技师学院").locator("td")).toHaveText(["96.77"]);
  await expect(row(page, "retention", "楚雄市职中").locator("td")).toHaveText(["60.00"]);
  expect(await checkCharts(page)).toBe(4);
  await expect(page.getByRole("heading", { name: "2019年工作进度" })).toBeVisible();
  await shot(page, "home-prefecture-2019");
  // Default year: the programme year of the (training) clock, with the issued 2020 plan.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "2020年工作概况" })).toBeVisible();
  await expect(page.getByText("依据 2020年送读招生计划第 2 版")).toBeVisible();
  await checkCharts(page);
  await shot(page, "home-prefecture-2020");
});

test("county: its middle schools and its vocational school's retention", async ({ page }) => {
  await loginAs(page, "chuxiong");
  await page.goto("/?year=2019");
  await expect(row(page, "schools", "楚雄市吕合中学").locator("td")).toHaveText(["14", "12", "12", "12"]);
  await expect(row(page, "retention", "楚雄市职中").locator("td")).toHaveText(["60.00"]);
  await expect(page.locator("figure[data-chart='retention'] table tbody tr")).toHaveCount(1);
  expect(await checkCharts(page)).toBe(2);
  await shot(page, "home-county-2019");
});

test("middle school: applications by state and its allocation used", async ({ page }) => {
  await loginAs(page, "chuxiong-cz1");
  await page.goto("/?year=2019");
  await expect(row(page, "applications", "已送读").locator("td")).toHaveText(["3"]);
  await expect(row(page, "applications", "审核不同意").locator("td")).toHaveText(["2"]);
  await expect(row(page, "allocation", "分配名额").locator("td")).toHaveText(["5"]);
  expect(await checkCharts(page)).toBe(2);
  await shot(page, "home-middle-school-2019");
  await page.goto("/");
  await expect(row(page, "applications", "审核同意").locator("td")).toHaveText(["6"]);
  await checkCharts(page);
  await shot(page, "home-middle-school-2020");
});

test("vocational school: arrivals, classes, leavers, retention", async ({ page }) => {
  await loginAs(page, "jishi");
  await page.goto("/?year=2019");
  await expect(row(page, "arrivals", "已报到").locator("td")).toHaveText(["33"]);
  await expect(row(page, "classes", "2019级职教数控班").locator("td")).toHaveText(["33", "45"]);
  await expect(row(page, "leavers", "辍学").locator("td")).toHaveText(["0", "1"]);
  await expect(row(page, "retention", "楚雄技师学院").locator("td")).toHaveText(["96.77"]);
  expect(await checkCharts(page)).toBe(4);
  await shot(page, "home-vocational-school-2019");
});

test("to-do inbox: the badge counts the lines; each line links to where it is done", async ({ page }) => {
  // 2020-05-08 is in 送读期 (ends 5月14日): the middle school's deadline line, within 14 days.
  await loginAs(page, "chuxiong-cz1");
  const badge = page.getByRole("navigation", { name: "主导航" }).locator("[data-inbox-badge]");
  await expect(badge).toBeVisible();
  const count = Number((await badge.innerText()).replace(/\D/g, ""));
  await page.getByRole("link", { name: /待办事项/ }).click();
  await expect(page.getByRole("heading", { name: "待办事项" })).toBeVisible();
  await expect(page.locator("[data-inbox-item]")).toHaveCount(count);
  await page.getByRole("link", { name: /送读期还有 \d+ 天截止/ }).click();
  await expect(page).toHaveURL(/\/send-off$/);
  await page.goto("/inbox");
  await shot(page, "inbox-middle-school");
  // The prefecture: 楚雄技师学院's 附件5 waits for its 备案.
  await loginAs(page, "zhou");
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: /义务教育职教班教学方案（附件5）待备案/ })).toBeVisible();
  await shot(page, "inbox-prefecture");
});
