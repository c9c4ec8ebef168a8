import { expect, test, DEMO_PASSWORD, loginAs, logout, shot } from "./fixtures";

// Issue 10 §5 and §6 in the browser: lockout that answers like a wrong password, unlock by the
// prefecture, and signing out that ends the user's other sessions.
async function tryLogin(page: import("@playwright/test").Page, username: string, password: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

test("5 wrong passwords lock an account with the usual message; the prefecture unlocks it", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await tryLogin(page, "yaoan-cz1", `wrong-pass${i}`);
    await expect(page.getByText("用户名或密码错误")).toBeVisible();
  }
  await tryLogin(page, "yaoan-cz1", DEMO_PASSWORD);
  await expect(page.getByText("用户名或密码错误")).toBeVisible(); // locked, but says nothing more
  await shot(page, "account-locked-login");

  await loginAs(page, "zhou");
  await page.goto("/users?q=yaoan-cz1");
  await page.getByRole("link", { name: "管理", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "账号已锁定" })).toBeVisible();
  await shot(page, "account-unlock");
  await page.getByRole("button", { name: "解除锁定" }).click();
  await page.getByRole("button", { name: "确认解除" }).click();
  await expect(page.getByRole("heading", { name: "账号已锁定" })).toHaveCount(0); // the notice goes once unlocked
  await logout(page);
  await loginAs(page, "yaoan-cz1");
});

test("signing out in one browser ends the same user's session in another", async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();
  await loginAs(pa, "wuding-cz1");
  await loginAs(pb, "wuding-cz1");
  await logout(pa);
  await pb.goto("/applications");
  await expect(pb).toHaveURL(/\/login/);
  await a.close();
  await b.close();
});
