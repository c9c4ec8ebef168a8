import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, loginAs, shot, type Page } from "./fixtures";

// Uses only the UI and the demo seed. Creates the 2021 plan (and a 2022 import draft) so the 2020 demo
// plan other specs rely on stays as seeded.
const plan2020 = JSON.parse(readFileSync(path.join(__dirname, "../prisma/data/plan-2020.json"), "utf8")) as {
  counties: { name: string; cohortBase: number; sendOffCap: number; shanghaiTask: number }[];
  vocationalSchools: { name: string; enrolCap: number; shanghaiTask: number }[];
};
const floor30 = (n: number) => Math.floor((n * 3) / 10);

test.describe.configure({ mode: "serial" });

async function confirmDialog(page: Page, button: string, confirm: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: confirm }).click();
}

test("the bureau enters a plan with one over-cap county, sees the message, fixes it, issues and exports it", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.getByRole("link", { name: "招生计划" }).click();
  await page.getByRole("link", { name: "新建年度计划" }).click();
  await page.getByLabel("计划年度").fill("2021");
  await page.getByLabel("填写方式").selectOption({ label: "从空白表格开始" });
  await page.getByRole("button", { name: "开始填写" }).click();
  await expect(page.getByRole("heading", { name: "新建2021年送读招生计划" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /2018年初一入学时学籍人数/ })).toBeVisible();

  // Every county, 双柏县 with 502 (30% rounded up): the bound shows as the user types.
  for (const c of plan2020.counties) {
    await page.getByLabel(`${c.name}初中毕业生数`).fill(String(c.cohortBase));
    await page.getByLabel(`${c.name}送读计划`).fill(String(c.name === "双柏县" ? 502 : floor30(c.cohortBase)));
    await page.getByLabel(`${c.name}东西协作任务数`).fill(String(c.shanghaiTask));
  }
  const message = page.getByText("双柏县送读计划不得超过 501 人（1673 × 30% = 501.9）");
  await expect(message).toBeVisible();
  await expect(page.getByLabel("双柏县送读计划")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("total-cohortBase")).toHaveText("29640");
  await shot(page, "plan-editor-over-cap");

  // Saving is held back while a rule is broken.
  for (const s of plan2020.vocationalSchools) {
    await page.getByLabel(`${s.name}招生计划`).fill(String(s.enrolCap));
    await page.getByLabel(`${s.name}东西协作任务数`).fill(String(s.shanghaiTask));
  }
  await page.getByRole("button", { name: "保存为第 1 版草稿" }).click();
  await expect(page.getByText("还有 1 处需要修改")).toBeVisible();

  await page.getByLabel("双柏县送读计划").fill("501");
  await expect(message).toHaveCount(0);
  await expect(page.getByTestId("total-sendOffCap")).toHaveText(String(plan2020.counties.reduce((s, c) => s + floor30(c.cohortBase), 0)));
  await expect(page.getByTestId("total-enrolCap")).toHaveText("8920");
  await page.getByRole("button", { name: "保存为第 1 版草稿" }).click();

  await page.waitForURL(/\/plan\/2021\/v\/1\?notice=/);
  await expect(page.getByText("草稿（未下达）")).toBeVisible();
  await confirmDialog(page, "下达", "确认下达");
  await page.waitForURL(/\/plan\/2021\?notice=issued/);
  await expect(page.getByText("已下达2021年计划第 1 版")).toBeVisible();
  await expect(page.getByText(/现行版本：第 1 版/)).toBeVisible();
  await shot(page, "plan-issued");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出附件2（.xlsx）" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("附件2_楚雄州2021年义务教育职教班送读招生计划_第1版.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.worksheets[0];
  expect(ws.getCell("A2").value).toBe("楚雄州2021年义务教育职教班送读招生计划");
  expect(ws.getCell("A5").value).toBe("双柏县");
  expect(ws.getCell("C5").value).toBe("501（46※）");
  expect(ws.getCell("A14").value).toBe("合 计");
  expect(ws.getCell("C14").value).toBe("8886（600※）");
});

test("a county signs in, sees the issued plan and splits it among its schools", async ({ page }) => {
  await loginAs(page, "shuangbai");
  await page.getByRole("link", { name: "招生计划" }).click();
  await page.getByRole("link", { name: "查看2021年计划" }).click();
  await expect(page.getByText(/现行版本：第 1 版/)).toBeVisible();
  await expect(page.getByRole("row", { name: /双柏县 1673 501 46/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "全部版本" })).toHaveCount(0);
  await expect(page.getByTestId("county-unallocated")).toHaveText("501");

  await page.getByRole("link", { name: "分解到学校" }).click();
  await expect(page.getByRole("heading", { name: "双柏县2021年送读计划分解到学校" })).toBeVisible();
  await page.getByLabel("双柏县第一中学分配名额").fill("300");
  await page.getByLabel("双柏县妥甸中学分配名额").fill("150");
  await page.getByLabel("双柏县大庄中学分配名额").fill("52");
  await expect(page.getByText("分配合计 502 人，超过送读计划 501 人，请减少 1 人。")).toBeVisible();
  await page.getByLabel("双柏县大庄中学分配名额").fill("51");
  await expect(page.getByTestId("allocated")).toHaveText("501 人");
  await expect(page.getByTestId("unallocated")).toHaveText("0 人");
  await page.getByRole("button", { name: "保存分配" }).click();
  await expect(page.getByText("已保存：已分配 501 人，未分配 0 人（送读计划 501 人）。")).toBeVisible();
  await shot(page, "plan-county-split");

  // Drafts and other versions are not visible to a county, even by address.
  await page.goto("/plan/2020/v/1");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();

});

test("each middle school sees its own allocation", async ({ page }) => {
  await loginAs(page, "shuangbai-cz1");
  await page.goto("/plan/2021");
  await expect(page.getByRole("heading", { name: "双柏县第一中学的送读名额" })).toBeVisible();
  await expect(page.getByTestId("own-allocation")).toHaveText("300");
  await expect(page.getByRole("link", { name: "分解到学校" })).toHaveCount(0);
  await page.goto("/plan/2021/split");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("an amendment lowering S below what the county split is refused naming the schools; versions compared", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.goto("/plan/2021/v/1");
  await page.getByRole("link", { name: "调整计划" }).click();
  await page.getByLabel("调整原因（第 2 版）").fill("双柏县送读计划调减为 400 人");
  await page.getByLabel("双柏县送读计划").fill("400");
  await page.getByRole("button", { name: "保存为第 2 版草稿" }).click();
  await page.waitForURL(/\/plan\/2021\/v\/2\?notice=/);
  await confirmDialog(page, "下达", "确认下达");
  await expect(page.getByText(/不能下达第 2 版：双柏县送读计划调为 400 人，少于已分解到校的 501 人（双柏县大庄中学 51 人、双柏县第一中学 300 人、双柏县妥甸中学 150 人）/)).toBeVisible();
  await shot(page, "plan-amendment-refused");

  await page.getByRole("link", { name: "与第 1 版对比" }).click();
  await expect(page.getByText("共有 1 个数字不同")).toBeVisible();
  await expect(page.getByRole("row", { name: /^双柏县/ }).locator("[data-changed=true]")).toHaveText(/400（-101）/);
  await shot(page, "plan-compare");
});

test("the demo 2020 plan: the imported file's problems are listed on its draft; the corrected version is issued", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.goto("/plan/2020");
  await expect(page.getByText(/现行版本：第 2 版/)).toBeVisible();
  await page.getByRole("row", { name: /第 1 版/ }).getByRole("link", { name: "查看" }).click();
  await expect(page.getByRole("heading", { name: "导入文件有 9 处问题，本版不能下达" })).toBeVisible();
  await expect(page.getByRole("row", { name: /14 C 8892 合计行打印的送读计划 8892 与各县市之和 8893 不一致/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "下达", exact: true })).toHaveCount(0);
  await shot(page, "plan-demo-import-draft");
});

test("import: a file with an error is previewed with its cell, nothing stored until accepted, then kept as a draft", async ({ page }, testInfo) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sheet1");
  ws.getCell("A1").value = "楚雄州2022年义务教育职教班送读招生计划";
  ws.mergeCells("A1:E1");
  ws.getRow(2).values = ["县 市", "初中毕业生（人）", "义教职教班送读控制在以下计划数以内", "职业学校", "义教职教班招生控制在以下计划数以内"];
  plan2020.counties.forEach((c, i) => {
    ws.getRow(3 + i).getCell(1).value = c.name;
    ws.getRow(3 + i).getCell(2).value = c.cohortBase;
    ws.getRow(3 + i).getCell(3).value = c.name === "永仁县" ? "327 (24 *)" : `${floor30(c.cohortBase)}（${c.shanghaiTask}※）`;
  });
  plan2020.vocationalSchools.forEach((s, i) => {
    ws.getRow(3 + i).getCell(4).value = s.name;
    ws.getRow(3 + i).getCell(5).value = s.shanghaiTask ? `${s.enrolCap}（${s.shanghaiTask}※）` : s.enrolCap;
  });
  const file = testInfo.outputPath("附件2-2022.xlsx");
  await wb.xlsx.writeFile(file);

  await loginAs(page, "zhou");
  await page.goto("/plan/import");
  await page.getByLabel("附件2文件（.xlsx）").setInputFiles(file);
  await page.getByRole("button", { name: "读取并检查" }).click();
  await expect(page.getByRole("heading", { name: "检查结果：发现 1 处问题" })).toBeVisible();
  await expect(page.getByRole("row", { name: "Sheet1 9 C 327 (24 *) 永仁县送读计划不得超过 326 人（1087 × 30% = 326.1）" })).toBeVisible();
  await shot(page, "plan-import-preview");

  // Nothing stored yet.
  await page.goto("/plan");
  await expect(page.getByRole("link", { name: "查看2022年计划" })).toHaveCount(0);

  await page.goto("/plan/import");
  await page.getByLabel("附件2文件（.xlsx）").setInputFiles(file);
  await page.getByRole("button", { name: "读取并检查" }).click();
  await page.getByRole("button", { name: "保存为导入草稿（有 1 处问题，不能下达）" }).click();
  await page.waitForURL(/\/plan\/2022\/v\/1\?notice=/);
  await expect(page.getByText("导入草稿（有问题，不能下达）")).toBeVisible();
  await expect(page.getByRole("heading", { name: "导入文件有 1 处问题，本版不能下达" })).toBeVisible();

  // Corrected as version 2 in the editor, then issued.
  await page.getByRole("link", { name: "修正为新草稿" }).click();
  await expect(page.getByText("永仁县送读计划不得超过 326 人（1087 × 30% = 326.1）")).toBeVisible();
  await page.getByLabel("永仁县送读计划").fill("326");
  await page.getByLabel("调整原因（第 2 版）").fill("永仁县送读计划按30%向下取整");
  await page.getByRole("button", { name: "保存为第 2 版草稿" }).click();
  await page.waitForURL(/\/plan\/2022\/v\/2\?notice=/);
  await confirmDialog(page, "下达", "确认下达");
  await expect(page.getByText("已下达2022年计划第 2 版")).toBeVisible();
});

test("a corrupt file gets a clear message", async ({ page }, testInfo) => {
  const file = testInfo.outputPath("附件2.xlsx");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(file, "这不是表格");
  await loginAs(page, "zhou");
  await page.goto("/plan/import");
  await page.getByLabel("附件2文件（.xlsx）").setInputFiles(file);
  await page.getByRole("button", { name: "读取并检查" }).click();
  await expect(page.getByText("文件无法读取：请上传 .xlsx 格式的附件2（WPS 或 Excel 另存为 .xlsx）")).toBeVisible();
});
