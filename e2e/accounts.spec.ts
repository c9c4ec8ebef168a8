import { expect, test, loginAs, shot } from "./fixtures";

test("a county adds a middle school, opens its account, and deactivation ends the open session", async ({ browser }) => {
  const county = await browser.newPage();
  await loginAs(county, "mouding");
  const schoolName = `牟定县测试中学${Date.now() % 100000}`;
  await county.goto("/orgs/middle-schools/new");
  await county.getByLabel("学校名称").fill("中");
  await county.getByRole("button", { name: "保存" }).click();
  await expect(county.getByText("学校名称至少 2 个字")).toBeVisible();
  await county.getByLabel("学校名称").fill(schoolName);
  await county.getByRole("button", { name: "保存" }).click();
  await expect(county).toHaveURL(/\/orgs\?tab=middle/);
  await expect(county.getByRole("cell", { name: schoolName })).toBeVisible();

  const username = `md-test-${Date.now() % 100000}`;
  await county.goto("/users/new");
  await county.getByLabel("账号类型").selectOption({ label: "初级中学" });
  await county.getByLabel("所属单位").selectOption({ label: `牟定县·${schoolName}` });
  await county.getByLabel("用户名（登录用）").fill(username);
  await county.getByLabel("姓名").fill("测试老师");
  await county.getByLabel("初始密码").fill("short");
  await county.getByRole("button", { name: "开设账号" }).click();
  await expect(county.getByText("密码至少 8 位，且同时包含字母和数字", { exact: true })).toBeVisible();
  await county.getByLabel("初始密码").fill("start1234");
  await county.getByRole("button", { name: "开设账号" }).click();
  await expect(county).toHaveURL(/\/users$/);
  await shot(county, "users-county");

  // The new account signs in in its own browser context.
  const ctx = await browser.newContext();
  const teacher = await ctx.newPage();
  await loginAs(teacher, username, "start1234");
  // A password set by the county must be replaced first: every page leads to 修改密码.
  await expect(teacher).toHaveURL(/\/account/);
  await expect(teacher.getByText("您的密码由管理员设置")).toBeVisible();
  await teacher.goto("/applications");
  await expect(teacher).toHaveURL(/\/account/);

  // The county deactivates it, after confirming.
  await county.goto(`/users?q=${username}`);
  await county.getByRole("row", { name: new RegExp(username) }).getByRole("link", { name: "管理" }).click();
  await county.getByRole("button", { name: "停用该账号" }).click();
  await expect(county.getByRole("dialog")).toBeVisible();
  await shot(county, "confirm-deactivate");
  await county.getByRole("button", { name: "确认停用" }).click();
  await expect(county.getByText(/已停用该账号/)).toBeVisible();

  // The open session stops at its next request.
  await teacher.goto("/orgs");
  await expect(teacher).toHaveURL(/\/login/);
  await teacher.getByLabel("用户名").fill(username);
  await teacher.getByLabel("密码").fill("start1234");
  await teacher.getByRole("button", { name: "登录" }).click();
  await expect(teacher.getByText("用户名或密码错误")).toBeVisible();
  await ctx.close();
});

test("a user changes their own password", async ({ page }) => {
  // Its own account (opened by the county here), so no demo account's password changes.
  await loginAs(page, "yongren");
  const username = `yr-pw-${Date.now() % 100000}`;
  await page.goto("/users/new");
  await page.getByLabel("账号类型").selectOption({ label: "初级中学" });
  const org = page.getByLabel("所属单位");
  const school = await org.locator("option", { hasText: "永仁县·" }).first().getAttribute("value");
  await org.selectOption(school!);
  await page.getByLabel("用户名（登录用）").fill(username);
  await page.getByLabel("姓名").fill("改密老师");
  await page.getByLabel("初始密码").fill("start1234");
  await page.getByRole("button", { name: "开设账号" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.context().clearCookies();

  await loginAs(page, username, "start1234");
  await page.goto("/account");
  await page.getByLabel("当前密码").fill("start1234");
  await page.getByLabel("新密码", { exact: true }).fill("newpass123");
  await page.getByLabel("再次输入新密码").fill("newpass124");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("两次输入的新密码不一致，请重新输入")).toBeVisible();
  await page.getByLabel("当前密码").fill("start1234");
  await page.getByLabel("新密码", { exact: true }).fill("newpass123");
  await page.getByLabel("再次输入新密码").fill("newpass123");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("密码已修改。您在其他电脑或浏览器上的登录已全部退出")).toBeVisible();
  await page.context().clearCookies();
  await loginAs(page, username, "newpass123");
  await page.goto("/orgs");
  await expect(page).toHaveURL(/\/orgs/); // no longer sent to 修改密码
});
