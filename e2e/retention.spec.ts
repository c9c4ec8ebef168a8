import { expect, test, loginAs, shot } from "./fixtures";
import { tinyPng } from "../prisma/factories/applications";

// Retention assessment (issue 14) on the demo year 2019: 楚雄技师学院 (州属) kept 30 of 31 assessed
// students (33 confirmed, 2 exempt leavers with proof, 1 dropout) → 96.77 %, above 95 %: each source
// county is credited at the actual rate. The prefecture signs the assessment; 楚雄市 sees its credits;
// 楚雄市职中 (60 %) is flagged and its explanation is shown with 楚雄市's county assessment.
test.describe.configure({ mode: "serial" });

test("the prefecture opens 楚雄技师学院's 2019 assessment, sees rate, exempt leavers and credits, signs it off", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.goto("/retention?year=2019");
  const row = page.getByRole("row", { name: /楚雄技师学院/ });
  await expect(row).toContainText("96.77%");
  await expect(row).toContainText("30 ÷ 31");
  await expect(page.getByRole("row", { name: /楚雄市职中/ })).toContainText("未达 95%，须说明原因");
  await shot(page, "retention-board-prefecture");

  await row.getByRole("link", { name: "楚雄技师学院" }).click();
  await expect(page.getByRole("heading", { name: "楚雄技师学院 2019年巩固考核" })).toBeVisible();
  await expect(page.getByTestId("rate")).toHaveText("96.77%");
  await expect(page.getByTestId("formula")).toHaveText("巩固率 = 秋季注册时仍在读 30 人 ÷（确认名单 33 人 − 有证明的离校 2 人）= 30 ÷ 31 = 96.77%");
  await expect(page.getByTestId("exempt")).toHaveText("2");
  await expect(page.getByTestId("lost")).toHaveText("1");
  const exempt = page.getByRole("table", { name: /不计入考核的离校学生/ });
  await expect(exempt.getByRole("row")).toHaveCount(3);
  await expect(exempt).toContainText("回原初中就读");
  await expect(exempt).toContainText("到其他高中阶段学校就读");
  const credits = page.getByTestId("credit-row");
  await expect(credits).toHaveCount(4);
  await expect(credits.filter({ hasText: "楚雄市" })).toContainText("12 人 × 实际巩固率 30/31 = 11.6129，四舍五入计 12 人");
  await expect(credits.filter({ hasText: "武定县" })).toContainText("5 人 × 实际巩固率 30/31 = 4.8387，四舍五入计 5 人");

  // Sign-off: the form refuses without a result, keeps the comment; then signs version 1.
  const form = page.getByRole("form", { name: "签署考核结果" });
  await form.getByLabel("考核意见").fill("巩固率 96.77%，达到考核标准。");
  await form.getByLabel(/我已核对/).check();
  await form.getByRole("button", { name: "签署第 1 版考核结果" }).click();
  await expect(form.getByText("请选择考核结果：达标或未达标")).toBeVisible();
  await expect(form.getByLabel("考核意见")).toHaveValue("巩固率 96.77%，达到考核标准。");
  await form.getByLabel("达标", { exact: true }).check();
  await form.getByRole("button", { name: "签署第 1 版考核结果" }).click();
  await expect(page.getByText(/已签署第 1 版考核结果：达标/)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/第 1 版：达标（签署时巩固率 96.77%）/)).toBeVisible();
  await expect(page.getByRole("button", { name: "签署第 2 版考核结果" })).toBeVisible(); // v1 frozen: a correction is v2
  await shot(page, "retention-assessment-signed");
});

test("a county sees its credited counts and assesses its own school with its method", async ({ page }) => {
  await loginAs(page, "chuxiong");
  await page.goto("/retention?year=2019");
  const credits = page.getByRole("table", { name: /计入中职招生完成数/ });
  const jishi = credits.getByRole("row", { name: /楚雄技师学院/ });
  await expect(jishi).toContainText("96.77%");
  await expect(jishi).toContainText("12 人 × 实际巩固率 30/31 = 11.6129，四舍五入计 12 人");
  await shot(page, "retention-county-credits");

  await page.getByRole("link", { name: "楚雄市职中" }).click();
  await expect(page.getByTestId("rate")).toHaveText("60.00%");
  await expect(page.getByText("未达 95%，须说明原因")).toBeVisible();
  await expect(page.getByText(/1 人辍学外出务工/)).toBeVisible(); // the school's explanation, shown to the assessor
  await expect(page.getByText(/第 1 版：未达标/)).toBeVisible();
  await expect(page.getByText(/考核办法：按州局考核标准/)).toBeVisible();
  await shot(page, "retention-county-school");
});

test("a vocational school below 95 % sees its flag and adds an explanation with a document; too short is refused and kept", async ({ page }) => {
  await loginAs(page, "chuxiong-zz");
  await page.goto("/retention?year=2019");
  await page.getByRole("link", { name: "楚雄市职中" }).click();
  const form = page.getByRole("form", { name: "填写原因说明" });
  await form.getByLabel("未达 95% 的原因").fill("补充说明");
  await form.getByRole("button", { name: "提交原因说明" }).click();
  await expect(form.getByText(/至少 10 个字/)).toBeVisible();
  await expect(form.getByLabel("未达 95% 的原因")).toHaveValue("补充说明");
  await form.getByLabel("未达 95% 的原因").fill("补充说明：两名转学学生的在读证明已于 10 月补齐，待重新核定。");
  await form.getByLabel("附件（可不传）").setInputFiles({ name: "补齐的在读证明.png", mimeType: "image/png", buffer: tinyPng(40, 30) });
  await form.getByRole("button", { name: "提交原因说明" }).click();
  await expect(page.getByText("已记录原因说明和附件，考核单位可以看到。")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "补齐的在读证明.png" })).toBeVisible(); // shown to the assessor with the text
  await shot(page, "retention-school-explanation");
});
