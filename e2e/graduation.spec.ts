import { expect, test, loginAs, shot } from "./fixtures";

// Graduation (issue 14 items 4–5, decisions 024/025) on the demo year 2019: 楚雄市职中's graduates completed on
// 2019-07-05; 王志刚 has no 职业技能等级证书 yet, 陈玉梅's files are not yet received and she has no 义务教育证书.
test.describe.configure({ mode: "serial" });

test("a vocational school records two certificates", async ({ page }) => {
  await loginAs(page, "chuxiong-zz");
  await page.goto("/graduation?year=2019");
  await expect(page.getByRole("heading", { name: "2019年毕业与证书" })).toBeVisible();
  const school = page.getByTestId("school-row").filter({ hasText: "楚雄市职中" });
  await expect(school).toContainText("楚雄市职中");
  await page.getByRole("link", { name: "楚雄市职中缺证书名单" }).click();
  const list = page.getByRole("table", { name: "完成义务教育的学生" });
  await expect(list.getByRole("row", { name: /王志刚/ })).toContainText("缺职业技能等级证书");
  await shot(page, "graduation-school-missing");

  await list.getByRole("link", { name: "王志刚" }).click();
  const card = page.getByRole("region", { name: "毕业与证书" });
  await expect(card).toContainText("2019年7月5日完成义务教育");
  await expect(card.getByTestId("continuation")).toContainText("继续在本校就读中职（免试）");
  const form = card.getByRole("form", { name: "登记职业技能等级证书" });
  // Bad input: nothing typed → Chinese field messages, nothing stored.
  await form.getByRole("button", { name: "登记职业技能等级证书" }).click();
  await expect(form.getByText("请填写证书名称（职业/工种）")).toBeVisible();
  await form.getByLabel("证书名称（职业/工种）").fill("汽车维修工");
  await form.getByLabel("等级").fill("初级（五级）");
  await form.getByLabel("证书编号").fill("S2019-WZG-01");
  await form.getByRole("button", { name: "登记职业技能等级证书" }).click();
  await expect(card.getByTestId("skill")).toContainText("汽车维修工（初级（五级）），编号 S2019-WZG-01");
  await form.getByLabel("证书名称（职业/工种）").fill("汽车美容装潢工");
  await form.getByLabel("等级").fill("初级（五级）");
  await form.getByLabel("证书编号").fill("S2019-WZG-02");
  await form.getByRole("button", { name: "登记职业技能等级证书" }).click();
  await expect(card.getByTestId("skill").getByRole("listitem")).toHaveCount(2);
  await expect(card.getByTestId("skill")).toContainText("汽车美容装潢工（初级（五级）），编号 S2019-WZG-02");
  await expect(page.getByRole("list", { name: "状态时间线" })).toContainText("颁发职业技能等级证书：汽车美容装潢工");
  await shot(page, "graduation-student-two-certificates");

  await page.goto("/graduation?year=2019&missing=SKILL");
  await expect(page.getByRole("table", { name: "完成义务教育的学生" })).not.toContainText("王志刚");
});

test("the middle school receives the files and records the 义务教育证书; a leaver has none", async ({ page }) => {
  await loginAs(page, "chuxiong-cz3");
  await page.goto("/graduation?year=2019&missing=COMPULSORY");
  const list = page.getByRole("table", { name: "完成义务教育的学生" });
  await expect(list.getByRole("row", { name: /陈玉梅/ })).toContainText("原初中未接收");
  await shot(page, "graduation-middle-school");
  await list.getByRole("link", { name: "陈玉梅" }).click();
  const card = page.getByRole("region", { name: "毕业与证书" });
  await card.getByRole("form", { name: "登记接收档案" }).getByRole("button", { name: "登记已接收" }).click();
  await expect(card.getByTestId("grades")).toContainText("原初中已于2020年5月8日接收");
  const cert = card.getByRole("form", { name: "登记义务教育证书" });
  await cert.getByRole("button", { name: "登记义务教育证书" }).click();
  await expect(cert.getByText("请填写义务教育证书编号")).toBeVisible();
  await cert.getByLabel("证书编号").fill("532301201900099");
  await cert.getByRole("button", { name: "登记义务教育证书" }).click();
  await expect(card.getByTestId("compulsory")).toContainText("编号 532301201900099");
  await shot(page, "graduation-middle-school-certificate");

  // 苏国强 left (到其他高中阶段学校就读): no certificate form, the reason is shown.
  await page.goto("/students?year=2019&view=LEFT");
  await page.getByRole("link", { name: "苏国强" }).click();
  await expect(page.getByRole("region", { name: "毕业与证书" })).toContainText("该生已离校，没有在职业学校完成义务教育，不登记档案移交和证书。");
  await expect(page.getByRole("form", { name: "登记义务教育证书" })).toHaveCount(0);
});

test("the prefecture sees each school's graduates and who still lacks a certificate", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.goto("/graduation?year=2019");
  const rows = page.getByTestId("school-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "楚雄技师学院" })).toContainText("30");
  await shot(page, "graduation-prefecture");
  await page.getByRole("link", { name: "楚雄技师学院缺证书名单" }).click();
  await expect(page.getByRole("heading", { name: /楚雄技师学院：缺任一证书/ })).toBeVisible();
});
