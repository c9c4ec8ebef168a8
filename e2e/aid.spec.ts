import { expect, test, loginAs, shot } from "./fixtures";

// Aid (issue 14 item 6, decision 026) on the demo year 2019: amounts in yuan with two decimals; a bad amount is
// refused on its field and nothing is stored; the county summary adds up.
test.describe.configure({ mode: "serial" });

test("a county records aid for a student: a negative amount is refused, 625.50 is stored and shown", async ({ page }) => {
  await loginAs(page, "shuangbai");
  await page.goto("/aid?year=2019");
  await expect(page.getByRole("heading", { name: "2019年资助与补助" })).toBeVisible();
  await page.getByRole("table", { name: "学生资助" }).getByRole("link", { name: "王志刚" }).click();
  const card = page.getByRole("region", { name: "资助" });
  const before = await card.getByTestId("aid-total").textContent();
  const form = card.getByRole("form", { name: "登记资助" });
  await form.getByLabel("项目").selectOption({ label: "生活费补助" });
  await form.getByLabel("金额（元）").fill("-625");
  await form.getByLabel("期间").fill("2019年9月");
  await form.getByRole("button", { name: "登记资助" }).click();
  await expect(form.getByText("金额不能为负数")).toBeVisible();
  await expect(card.getByTestId("aid-total")).toHaveText(before ?? "");
  await form.getByLabel("金额（元）").fill("625.5");
  await form.getByRole("button", { name: "登记资助" }).click();
  await expect(card.getByRole("table", { name: "资助记录" })).toContainText("625.50");
  await shot(page, "aid-student");
});

test("the prefecture sees the county summary with the subsidies to schools", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.goto("/aid?year=2019");
  const rows = page.getByTestId("county-row");
  await expect(rows.filter({ hasText: "楚雄市" })).toContainText("74,000.00"); // 50,000.00 + 24,000.00 to schools
  await expect(page.getByTestId("sum-row")).toBeVisible();
  await expect(page.getByRole("table", { name: "对职业学校的补助" })).toContainText("楚雄技师学院");
  await shot(page, "aid-prefecture-summary");
});
