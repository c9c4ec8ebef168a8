import { expect, type Page } from "@playwright/test";

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
