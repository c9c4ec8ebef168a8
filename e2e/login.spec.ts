import { expect, test, loginAs, logout, shot } from "./fixtures";

test("anonymous users are sent to the login page", async ({ page }) => {
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "职教班管理平台" })).toBeVisible();
  await shot(page, "login");
});

test("wrong password and unknown user get the same message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("zhou");
  await page.getByLabel("密码").fill("wrong-password1");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("用户名或密码错误")).toBeVisible();
  await page.getByLabel("用户名").fill("nobody-here");
  await page.getByLabel("密码").fill("zjb12345");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("用户名或密码错误")).toBeVisible();
});

const accounts = [
  { username: "zhou", org: "楚雄州教育体育局", nav: ["组织机构", "账号管理", "操作日志"] },
  { username: "chuxiong", org: "楚雄市教育体育局", nav: ["组织机构", "账号管理"] },
  { username: "chuxiong-cz1", org: "楚雄市第一中学", nav: ["组织机构"] },
  { username: "chuxiong-zs5", org: "楚雄市楚雄州民族中学", nav: ["组织机构"] },
  { username: "chuxiong-zz", org: "楚雄市职业高级中学", nav: ["组织机构"] },
  { username: "jidian", org: "楚雄机械电子职业技术学校", nav: ["组织机构"] },
];

for (const a of accounts) {
  test(`${a.username} signs in and sees its own home page`, async ({ page }) => {
    await loginAs(page, a.username);
    await expect(page.getByRole("heading", { level: 1, name: a.org })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "主导航" });
    for (const item of a.nav) await expect(nav.getByRole("link", { name: item })).toBeVisible();
    if (!a.nav.includes("账号管理")) await expect(nav.getByRole("link", { name: "账号管理" })).toHaveCount(0);
    await expect(page.getByText(/演练模式：系统日期为/)).toBeVisible();
    await shot(page, `home-${a.username}`);
    await logout(page);
  });
}
