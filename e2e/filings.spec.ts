import { expect, test, loginAs, shot, type Page } from "./fixtures";
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";

// Uses the demo seed: 元谋县 (yuanmou) has a 2020 实施方案 draft only and two approved applications;
// the training clock is 2020-05-08 (送读期), so 3月31日 and 4月30日 have passed.
test.describe.configure({ mode: "serial" });

const acceptNextDialog = (page: Page) => page.once("dialog", (d) => d.accept());
/** The "状态" line of a filing page. */
const status = (page: Page) => page.getByRole("definition").filter({ has: page.locator("span.rounded") }).first();

test("实施方案: county submits, prefecture returns with a comment, county resubmits, prefecture approves, county sends off", async ({ page }) => {
  await loginAs(page, "yuanmou");
  await page.goto("/send-off");
  await expect(page.getByText(/本县市2020年义务教育职教班实施方案尚未经州教育体育局审核通过/)).toBeVisible();
  // The server refuses too (not only the note): the gate is in the send-off transaction.
  await page.getByLabel("选择何小龙").check();
  await page.getByRole("button", { name: "送读所选学生（1 人）" }).click();
  await page.getByRole("button", { name: "确认送读" }).click();
  await expect(page.getByText(/元谋县2020年义务教育职教班实施方案尚未经州教育体育局审核通过（“审核通过后才能实施”），暂时不能送读/)).toBeVisible();
  await shot(page, "filings-send-off-refused");

  await page.goto("/filings");
  const mine = page.getByRole("table", { name: "本单位需报送的材料" });
  await expect(mine.getByRole("row", { name: /义务教育职教班实施方案/ })).toContainText("逾期 38 天");
  await shot(page, "filings-county-overview");
  await mine.getByRole("row", { name: /义务教育职教班实施方案/ }).getByRole("link", { name: "填写和提交" }).click();
  await page.getByLabel("方案要点（可只上传方案文件）").fill("元谋县义务教育职教班实施方案：成立领导小组，4月下旬宣传报名，送读期组织送读。");
  acceptNextDialog(page);
  await page.getByRole("button", { name: "提交", exact: true }).click();
  // The page shows the submitted version (the form is gone: nothing can be changed before review).
  await expect(status(page)).toContainText("已提交，待审核第 1 版");

  await loginAs(page, "zhou");
  await page.goto("/filings");
  const board = page.getByRole("table", { name: "2020年义务教育职教班实施方案报送情况" });
  await expect(board.getByRole("row", { name: /元谋县教育体育局/ })).toContainText("已提交，待审核");
  await expect(board.getByRole("row", { name: /元谋县教育体育局/ })).toContainText("逾期提交（2020年5月8日）");
  await shot(page, "filings-prefecture-board");
  await board.getByRole("row", { name: /元谋县教育体育局/ }).getByRole("link", { name: "审核" }).click();
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(page.getByText("退回修改时请填写意见（至少 2 个字），说明需要修改什么。")).toBeVisible();
  await page.getByLabel("审核意见（退回修改时必填）").fill("请补充巩固措施和县级责任分工");
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(status(page)).toContainText("已退回修改");
  await expect(page.getByRole("main")).toContainText("意见：请补充巩固措施和县级责任分工");

  await loginAs(page, "yuanmou");
  await page.goto("/filings/implementation-plan?year=2020");
  await expect(page.getByText(/第 1 版已退回修改。审核意见：请补充巩固措施和县级责任分工/)).toBeVisible();
  const summary = page.getByLabel("方案要点（可只上传方案文件）");
  await expect(summary).toHaveValue(/成立领导小组/);
  await summary.fill("元谋县义务教育职教班实施方案：成立领导小组；巩固措施：教育局、初中、职中三方包保到人。");
  acceptNextDialog(page);
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expect(status(page)).toContainText("已提交，待审核第 2 版");
  const versions = page.getByRole("table", { name: "历次版本" });
  await expect(versions.getByRole("row", { name: /第 1 版/ })).toContainText("已退回修改");
  await expect(versions.getByRole("row", { name: /第 2 版/ })).toContainText("已提交，待审核");
  await shot(page, "filings-county-resubmitted");

  await loginAs(page, "zhou");
  await page.goto("/filings");
  await page.getByRole("table", { name: "2020年义务教育职教班实施方案报送情况" }).getByRole("row", { name: /元谋县教育体育局/ }).getByRole("link", { name: "审核" }).click();
  await expect(page.getByRole("heading", { name: /第 2 版/ })).toBeVisible();
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(status(page)).toContainText("审核通过");
  await expect(page.getByRole("button", { name: "审核通过" })).toHaveCount(0);

  await loginAs(page, "yuanmou");
  await page.goto("/send-off");
  await expect(page.getByText(/实施方案尚未经州教育体育局审核通过/)).toHaveCount(0);
  await page.getByLabel("选择何小龙").check();
  await page.getByLabel("选择李春花").check();
  await page.getByRole("button", { name: "送读所选学生（2 人）" }).click();
  await page.getByRole("button", { name: "确认送读" }).click();
  await expect(page.getByText(/已送读 2 人。/)).toBeVisible();
  await shot(page, "filings-county-sent-off");
});

test("附件5: a vocational school files its teaching plan and its county bureau sees it as 已备案", async ({ page }) => {
  await loginAs(page, "yuanmou-zz");
  await page.goto("/filings");
  await page.getByRole("table", { name: "本单位需报送的材料" }).getByRole("row", { name: /教学方案（附件5）/ }).getByRole("link", { name: "填写和提交" }).click();
  await page.getByLabel("管理模式").fill("按全日制在校生方式管理，分管副校长负责，选派骨干教师担任班主任。");
  await page.getByLabel("教学目标").fill("开齐开足义务教育课程，掌握现代农艺基本技能。");
  await page.getByLabel("第 1 个班级名称").fill("2020级职教1班");
  await page.getByLabel("第 1 个班级专业").fill("现代农艺技术");
  await page.getByLabel("第 1 个班级班额").fill("40");
  await page.getByLabel("第 1 个班级班主任姓名").fill("杨光");
  await page.getByLabel("第 1 个班级联系电话").fill("13887821111");
  await page.getByLabel("义教课程第 1 门周课时").fill("5");
  await page.getByLabel("义教课程第 2 门周课时").fill("5");
  await page.getByLabel("职教课程第 1 门课程名称").fill("果蔬栽培");
  await page.getByLabel("职教课程第 1 门周课时").fill("6");
  // Submitting before the plan is complete: refused with what is missing, everything typed stays.
  acceptNextDialog(page);
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expect(page.getByText("还不能提交，请先填写：巩固措施、教学考核。可以先保存为草稿。")).toBeVisible();
  await expect(page.getByLabel("职教课程第 1 门课程名称")).toHaveValue("果蔬栽培");
  await page.getByLabel("巩固措施").fill("班主任包保到人，每月家访，巩固率纳入考核。");
  await page.getByLabel("教学考核").fill("学业合格、技能达标、巩固率95%以上。");
  await page.getByLabel(/^附件/).setInputFiles({ name: "教学方案.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  acceptNextDialog(page);
  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expect(status(page)).toContainText("已提交，待备案第 1 版");
  await shot(page, "filings-annex5-submitted");

  await loginAs(page, "yuanmou");
  await page.goto("/filings");
  const board = page.getByRole("table", { name: "2020年义务教育职教班教学方案（附件5）报送情况" });
  await expect(board.getByRole("row", { name: /元谋县职业高级中学|元谋县职中/ })).toContainText("已提交，待备案");
  await board.getByRole("row", { name: /元谋县职/ }).getByRole("link", { name: "审核" }).click();
  const sheet = page.getByRole("table", { name: "附件5 教学方案" });
  await expect(sheet).toContainText("2020级职教1班（现代农艺技术）");
  await expect(sheet).toContainText("果蔬栽培");
  await page.getByRole("button", { name: "备案" }).click();
  await expect(status(page)).toContainText("已备案");
  await shot(page, "filings-annex5-county");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出附件5（Excel）" }).click();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await (await download).path()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("附件5")!;
  expect(String(ws.getCell("A2").value)).toMatch(/义务教育职教班教学方案$/);
  expect(ws.getCell("A3").value).toBe("管理模式");
  expect(ws.getCell("A5").value).toBe("班级设立");
  await page.goto("/filings");
  await expect(page.getByRole("table", { name: "2020年义务教育职教班教学方案（附件5）报送情况" }).getByRole("row", { name: /元谋县职/ })).toContainText("已备案");
});
