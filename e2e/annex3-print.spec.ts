// 附件3 batch printing (issue 16, item 3): all approved forms of a class or a school as one print job,
// one form per A4 page — checked with print media emulation and the PDF the browser prints.
import { expect, test, loginAs, shot, type Page } from "./fixtures";

/** Pages of the PDF Chromium prints for the current page (A4, the page's own @page size and margins). */
async function printedPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

test("a middle school prints one class's approved forms: one A4 page per student", async ({ page }) => {
  await loginAs(page, "chuxiong-cz1"); // 楚雄市第一中学: approved demo applications in 九年级（1）（2）（3）班
  await page.goto("/applications");
  await page.getByRole("link", { name: "批量打印已审核同意的申请表（全校）" }).click();
  await expect(page.getByRole("heading", { name: /批量打印报名申请表（附件3）/ })).toBeVisible();
  const schoolForms = page.locator("article.annex3-sheet");
  const schoolCount = await schoolForms.count();
  expect(schoolCount).toBeGreaterThanOrEqual(6);
  await expect(page.getByRole("status")).toContainText(`已审核同意的申请表共 ${schoolCount} 份，每份一页`);

  await page.getByLabel("班级").selectOption("九年级（1）班");
  await page.getByRole("button", { name: "显示" }).click();
  await expect(page).toHaveURL(/className=/);
  const forms = page.locator("article.annex3-sheet");
  const n = await forms.count();
  expect(n).toBeGreaterThanOrEqual(2);
  expect(n).toBeLessThan(schoolCount);
  // every form is this class's, pre-filled, in the annex's wording
  for (let i = 0; i < n; i++) {
    const form = forms.nth(i);
    await expect(form.getByRole("cell", { name: "九年级（1）班", exact: true })).toBeVisible();
    await expect(form).toContainText("专业为");
    await expect(form).toContainText("（可不填）");
    await expect(form.locator(".tick", { hasText: "√" })).toHaveCount(1);
  }
  await shot(page, "annex3-batch-print");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
  // a page break after every form but the last
  const breaks = await forms.evaluateAll((els) => els.map((el) => getComputedStyle(el).breakAfter));
  expect(breaks).toEqual([...Array(n - 1).fill("page"), "auto"]);
  await page.setViewportSize({ width: 688, height: 1010 }); // A4 minus the page margins, at 96 dpi
  // each form fits on its sheet
  for (const box of await forms.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))) {
    expect(box).toBeLessThanOrEqual(1010);
  }
  await shot(page, "annex3-batch-print-media");
  expect(await printedPages(page)).toBe(n);

  // the whole school: still one page per student
  await page.emulateMedia({ media: "screen" });
  await page.goto("/applications/print");
  await expect(schoolForms).toHaveCount(schoolCount);
  // the demo's student without a phone and guardian with a landline, as written on the paper
  const zhang = page.getByRole("article", { name: "楚雄州义务教育职教班报名申请表：张建国" });
  await expect(zhang.getByRole("cell", { name: "无", exact: true })).toBeVisible();
  await expect(zhang.getByLabel("08783123456")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  expect(await printedPages(page)).toBe(schoolCount);
});

test("a county bureau first chooses the school", async ({ page }) => {
  await loginAs(page, "chuxiong");
  await page.goto("/applications/print");
  await expect(page.getByText("请先在“初中学校”中选择一所学校")).toBeVisible();
  await expect(page.locator("article.annex3-sheet")).toHaveCount(0);
  await page.getByLabel("初中学校").selectOption({ label: "楚雄市第一中学" });
  await page.getByRole("button", { name: "显示" }).click();
  await expect(page.locator("article.annex3-sheet").first()).toBeVisible();
  await expect(page.getByRole("status")).toContainText("楚雄市第一中学");
});

test("phones as the policy says them: a landline is accepted with a visible warning, a student may have “无”", async ({ page }) => {
  await loginAs(page, "chuxiong-cz1");
  await page.goto("/applications/new");
  await page.getByLabel("监护人联系电话").fill("0878 3123456");
  await page.getByLabel("学生联系电话").fill("无");
  await page.getByLabel("学生姓名").click(); // leave the fields
  await expect(page.getByText("⚠ 监护人联系电话“0878-3123456”是固定电话，已接受")).toBeVisible();
  await expect(page.locator("#studentPhone-error")).toHaveCount(0);
  await page.getByLabel("监护人联系电话").fill("无");
  await page.getByLabel("学生姓名").click();
  await expect(page.locator("#guardianPhone-error")).toHaveText("监护人联系电话必须填写，不能填“无”：请填写11位手机号码，没有手机的填写带区号的固定电话");
  await page.getByLabel("监护人联系电话").fill("0878-3123456");
  await page.getByLabel("学生姓名").click();
  await shot(page, "applications-phone-warning");

  // the stored landline is marked on the application's page
  await page.goto("/applications?q=张建国");
  await page.getByRole("link", { name: "查看张建国的报名申请" }).click();
  await expect(page.getByText("⚠ 监护人联系电话“0878-3123456”是固定电话")).toBeVisible();
  await expect(page.getByText("无（学生没有电话）")).toBeVisible();
});
