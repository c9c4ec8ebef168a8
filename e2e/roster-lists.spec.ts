import { expect, test, loginAs, shot } from "./fixtures";

// Decision 100: the roster lists are paged (50 a page) and searchable; a county checks one school at a time and
// filters by its check. Read-only: the demo's 2019 lists (confirmed), nothing here writes. A school's search of its
// current list: e2e/send-off-roster.spec.ts (2019's students have all finished, so its 2019 current list is empty).

test("a county's check list: one school at a time, filtered by its check and searched by name", async ({ page }) => {
  await loginAs(page, "chuxiong");
  await page.goto("/roster?year=2019");
  const schools = page.getByRole("table", { name: "各职业学校反馈情况" });
  await expect(schools.locator("tbody tr").first()).toBeVisible();
  const list = page.getByRole("table", { name: /名单$/ });
  const rows = list.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  const name = (await rows.first().locator("td").first().innerText()).trim();

  await page.getByLabel("核对情况").selectOption("CONFIRMED");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page).toHaveURL(/check=CONFIRMED/);
  for (const cell of await list.locator('td[data-label="核对"]').all()) await expect(cell).toContainText(/已确认|学校已答复|有异议/);

  await page.getByLabel("核对情况").selectOption("");
  await page.getByLabel(/姓名、身份证号/).fill(name);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(rows.first()).toContainText(name);
  expect(await rows.count()).toBeLessThanOrEqual(total);
  for (const row of await rows.all()) await expect(row).toContainText(name);
  await shot(page, "roster-county-search");

  await page.getByLabel(/姓名、身份证号/).fill("查无此人");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(list).toContainText("没有符合条件的学生。");

  // Another school of the county, when it has one, opens from the table of schools.
  const other = schools.getByRole("link", { name: /^核对.+名单$/ }).first();
  if (await other.count()) {
    const label = (await other.innerText()).replace(/^核对/, "");
    await other.click();
    await expect(page.getByRole("table", { name: label })).toBeVisible();
  }
});
