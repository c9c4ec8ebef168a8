import { expect, test, loginAs, shot } from "./fixtures";
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { confirmationURL, singleServer } from "../playwright.config";

test.describe.configure({ mode: "serial" });

test("a county sends off students in the send-off week; the vocational school receives them and forms a class", async ({ page }) => {
  await loginAs(page, "chuxiong");
  await page.goto("/send-off");
  await expect(page.getByText(/当前处于送读期，可以送读/)).toBeVisible();
  const county = page.getByRole("table", { name: "各县市送读进度" });
  // 楚雄市's S in the demo 2020 plan is ⌊6911 × 30%⌋ = 2073; nobody is sent off before this spec.
  await expect(county.getByRole("row", { name: /楚雄市/ })).toContainText("0/2073");
  await page.getByLabel("选择李志强").check();
  await page.getByLabel("选择杨秀英").check();
  await page.getByRole("button", { name: "送读所选学生（2 人）" }).click();
  await expect(page.getByRole("dialog")).toContainText("确认送读 2 名学生？");
  await page.getByRole("button", { name: "确认送读" }).click();
  await expect(page.getByText(/已送读 2 人。/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("选择李志强")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "各县市送读进度" }).getByRole("row", { name: /楚雄市/ })).toContainText("2/2073");
  await shot(page, "send-off-county");
  await page.context().clearCookies();

  await loginAs(page, "chuxiong-zz");
  await page.goto("/reception");
  await expect(page.getByRole("cell", { name: "李志强", exact: true })).toBeVisible();
  await page.getByLabel("全选").check();
  await page.getByRole("button", { name: /登记已报到/ }).click();
  await expect(page.getByText(/已登记 2 名学生报到/)).toBeVisible();

  await page.getByLabel("班级名称", { exact: true }).fill("2020级汽修1班");
  await page.getByLabel("班级代码（用于学号）").fill("01");
  await page.getByLabel("专业", { exact: true }).fill("汽车运用与维修");
  await page.getByLabel("班额（人）").fill("40");
  await page.getByLabel("班主任姓名").fill("周老师");
  await page.getByLabel("班主任电话").fill("1381234567");
  await page.getByRole("button", { name: "创建班级" }).click();
  await expect(page.getByText("班主任电话应为 11 位手机号码")).toBeVisible();
  await page.getByLabel("班主任电话").fill("13812345678");
  await page.getByRole("button", { name: "创建班级" }).click();
  await expect(page.getByText("已创建班级“2020级汽修1班”。")).toBeVisible();

  await page.reload();
  await page.getByLabel("全选").check();
  await page.getByLabel("编入班级").selectOption({ label: "2020级汽修1班（0/40）" });
  await page.getByRole("button", { name: "编入并生成学号" }).click();
  await expect(page.getByText(/已编入 2 名学生并生成学号/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("cell", { name: "202001001", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "202001002", exact: true })).toBeVisible();
  await shot(page, "reception-school");
});

test("in 确认期 the school submits 附件4, the prefecture releases it, the county raises a discrepancy, the school answers", async ({ page }) => {
  test.skip(singleServer, "needs the second server (training clock in 确认期), which the single-connection embedded PGlite cannot serve; runs on PostgreSQL (TEST_DATABASE_URL)");
  // The second server's training clock is 2020-06-08 (确认期); sessions are valid on both.
  await loginAs(page, "chuxiong-zz");
  await page.goto(`${confirmationURL}/roster`);
  await expect(page.getByText("演练模式：系统日期为 2020年6月8日")).toBeVisible();
  await page.getByRole("button", { name: "提交名单" }).click();
  await expect(page.getByText("已提交第 1 版在读学生名单（2 人）。")).toBeVisible();
  // The current list is searched by name (decision 100: 50 a page, searchable).
  const current = page.getByRole("table", { name: "当前名单" });
  await expect(current.locator("tbody tr")).toHaveCount(2);
  await page.getByLabel(/姓名、身份证号/).fill("李志强");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(current.locator("tbody tr")).toHaveCount(1);
  await expect(current.locator("tbody tr").first()).toContainText("李志强");
  await shot(page, "roster-school-search");
  await page.context().clearCookies();

  await loginAs(page, "zhou");
  await page.goto(`${confirmationURL}/roster`);
  const row = page.getByRole("row", { name: /楚雄市职中/ });
  await row.getByRole("button", { name: "确认接收" }).click();
  await expect(row).toContainText("已接收");
  await row.getByRole("button", { name: /反馈给 1 个县市/ }).click();
  await expect(row).toContainText("已反馈：楚雄市");
  await shot(page, "roster-prefecture");
  await page.context().clearCookies();

  await loginAs(page, "chuxiong");
  await page.goto(`${confirmationURL}/roster`);
  await page.getByRole("button", { name: "对李志强提出异议" }).click();
  await page.getByLabel(/异议内容/).fill("该生已回原校");
  await page.getByRole("button", { name: "提交异议" }).click();
  await expect(page.getByText("有异议：该生已回原校")).toBeVisible();
  await shot(page, "roster-county");
  await page.context().clearCookies();

  await loginAs(page, "chuxiong-zz");
  await page.goto(`${confirmationURL}/roster`);
  await expect(page.getByRole("cell", { name: "该生已回原校", exact: true })).toBeVisible();
  await page.getByLabel("答复内容").fill("经核实该生仍在校就读");
  await page.getByRole("button", { name: "答复" }).click();
  await expect(page.getByRole("cell", { name: "经核实该生仍在校就读", exact: true })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出已提交的名单" }).click()]);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file!) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const texts: string[] = [];
  ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
  expect(texts).toContain("李志强");
  expect(texts).toContain("202001001");
  expect(texts.some((t) => /^\d{17}[\dX]$/.test(t))).toBe(true); // full ID as text in the official form
  expect(texts.join("")).toContain("学校（职业学校）");
});
