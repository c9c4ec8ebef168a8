import { expect, test, loginAs } from "./fixtures";

test("a county cannot open another county's middle school or account, even by URL", async ({ page }) => {
  // The prefecture finds the id of a 楚雄市 school and of a 楚雄市 account.
  await loginAs(page, "zhou");
  await page.goto("/orgs?tab=middle&q=楚雄市第一中学");
  await page.getByRole("row", { name: /楚雄市第一中学/ }).getByRole("link", { name: "修改" }).click();
  await page.waitForURL(/middle-schools\/[^/]+$/);
  const schoolUrl = page.url();
  await page.goto("/users?q=chuxiong-cz1");
  await page.getByRole("row", { name: /chuxiong-cz1/ }).getByRole("link", { name: "管理" }).click();
  await page.waitForURL(/users\/[^/]+$/);
  const userUrl = page.url();
  await page.context().clearCookies();

  await loginAs(page, "shuangbai");
  await page.goto("/orgs?tab=middle");
  await expect(page.getByRole("cell", { name: /双柏县第一中学/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: /楚雄市第一中学/ })).toHaveCount(0);
  await page.goto(schoolUrl);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await page.goto(userUrl);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await page.goto("/users?q=chuxiong");
  await expect(page.getByText("没有符合条件的账号。")).toBeVisible();
});

test("a middle school cannot manage accounts", async ({ page }) => {
  await loginAs(page, "shuangbai-cz1");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await page.goto("/orgs/middle-schools/new");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});
