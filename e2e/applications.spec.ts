import { expect, test, loginAs, shot, type Page } from "./fixtures";
import ExcelJS from "exceljs";
import { idCheckDigit } from "../src/lib/validators/id-number";
import { applicationInput, importRow, tinyPng } from "../prisma/factories/applications";
import { IMPORT_COLUMNS } from "../src/lib/schemas/application-import";

// Unique valid ID numbers for this run (南华县 region code, born 2005, male: odd 17th digit).
const run = Math.floor(Math.random() * 900) + 50;
function idNumber(n: number, sex: "MALE" | "FEMALE" = "MALE") {
  const first17 = `532324200503${String(1 + (n % 28)).padStart(2, "0")}${String(run).padStart(3, "0").slice(0, 2)}${sex === "MALE" ? 2 * (n % 5) + 1 : 2 * (n % 5)}`;
  return first17 + idCheckDigit(first17);
}

async function fillApplication(page: Page, id: string) {
  await page.getByLabel("班级名").fill("九年级（2）班");
  await page.getByLabel("班主任姓名").fill("杨老师");
  await page.getByLabel("班主任联系电话").fill("13887811111");
  await page.getByLabel("学生姓名").fill("者小龙");
  await page.getByLabel("学生联系电话").fill("15987822222");
  await page.getByLabel("初中学籍号").fill("05323242017123");
  await page.getByLabel("身份证号码").fill(id);
  await page.getByLabel("县（市）").fill("南华县");
  await page.getByLabel("乡（镇）").fill("龙川镇");
  await page.getByLabel("村（居）委会").fill("大庄村委会");
  await page.getByLabel("村（街）").fill("小村");
  await page.getByLabel("法定监护人姓名").fill("者大山");
  await page.getByRole("radio", { name: "父子" }).check();
  await page.getByLabel("监护人联系电话").fill("18687833333");
  await page.getByRole("radio", { name: "南华县职中" }).check();
  await page.getByRole("radio", { name: /^（一）/ }).check();
}

test("a middle school enters an application, fixes a wrong ID digit, prints it, uploads the signed scan and approves it", async ({ page, browser }) => {
  await loginAs(page, "nanhua-cz1");
  await page.goto("/applications");
  await expect(page.getByRole("heading", { name: /报名申请（附件3）· 2020年/ })).toBeVisible();
  await page.getByRole("link", { name: "录入报名申请" }).click();
  await expect(page.getByText("南华县第一中学", { exact: true })).toBeVisible(); // 初中学校名 preset

  const good = idNumber(1);
  // one wrong digit in the sequence code (position 15): the check digit no longer fits
  const wrong = good.slice(0, 14) + String((Number(good[14]) + 1) % 10) + good.slice(15);
  await fillApplication(page, wrong);
  await page.getByLabel("身份证号码").blur();
  await expect(page.getByText("身份证号码校验位不正确，请逐位核对")).toBeVisible();
  await shot(page, "applications-wrong-id");

  await page.getByLabel("身份证号码").fill(good);
  await page.getByLabel("身份证号码").blur();
  await expect(page.getByText("身份证号码校验位不正确，请逐位核对")).toHaveCount(0);
  await expect(page.getByText(/出生日期 2005-03-\d\d，性别：男/)).toBeVisible();
  await expect(page.getByLabel("性别")).toHaveValue("MALE"); // filled from the 17th digit
  await shot(page, "applications-form");
  await page.getByRole("button", { name: "保存报名申请" }).click();

  await page.waitForURL(/\/applications\/[^/]+\?saved=1$/);
  const url = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("heading", { name: /报名申请：者小龙/ })).toBeVisible();
  await expect(page.getByText("草稿（待签字）").first()).toBeVisible();
  await expect(page.getByText(good, { exact: true })).toHaveCount(0); // masked until the click (decision 072)
  await page.getByRole("button", { name: "显示完整身份证号" }).click();
  await expect(page.getByText(good, { exact: true })).toBeVisible();

  // a correction before printing: 修改 keeps everything else as entered
  await page.getByRole("link", { name: "修改", exact: true }).click();
  await expect(page.getByLabel("身份证号码")).toHaveValue(good);
  await expect(page.getByRole("radio", { name: "南华县职中" })).toBeChecked();
  await page.getByLabel("学生联系电话").fill("15987822223");
  await page.getByRole("button", { name: "保存修改" }).click();
  await page.waitForURL(/\?saved=1$/);
  await expect(page.getByText("15987822223")).toBeVisible();

  // print: the 附件3 layout, pre-filled
  await page.getByRole("link", { name: "打印申请表" }).click();
  await expect(page.getByRole("heading", { name: "楚雄州义务教育职教班报名申请表" })).toBeVisible();
  await expect(page.getByLabel(good)).toBeVisible(); // the 18 boxes
  await expect(page.getByText(/填表说明：1./)).toBeVisible();
  await expect(page.locator(".tick", { hasText: "√" })).toHaveCount(1);
  await shot(page, "applications-print");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 688, height: 1010 }); // A4 minus the 14 mm / 12 mm page margins, at 96 dpi
  await shot(page, "applications-print-media");
  await page.setViewportSize(viewport);
  // what the browser prints: exactly one A4 page
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).toHaveLength(1);
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("link", { name: "返回申请" }).click();

  // review is refused before signatures and scan
  await expect(page.getByText(/尚不能审核：还缺学生本人签字/)).toBeVisible();

  // signatures + scan → 已签字
  await page.getByLabel("学生本人已在纸质申请表上签字（按手印）").check();
  await page.getByLabel("法定监护人已在纸质申请表上签字（按手印）").check();
  await page.getByLabel("签字后申请表的扫描件或照片").setInputFiles({ name: "签字申请表.png", mimeType: "image/png", buffer: tinyPng(40, 30) });
  await page.getByRole("button", { name: "保存签字情况" }).click();
  await expect(page.getByText("已登记签字并保存扫描件")).toBeVisible();
  await expect(page.getByText("已签字（待审核）").first()).toBeVisible();
  const scanHref = await page.getByRole("link", { name: /查看（签字申请表.png/ }).getAttribute("href");
  const scan = await page.request.get(scanHref!);
  expect(scan.status()).toBe(200);
  expect(scan.headers()["content-type"]).toBe("image/png");

  // approve
  await page.getByRole("radio", { name: "同意", exact: true }).check();
  await expect(page.getByLabel("盖章日期")).toHaveValue("2020-05-08");
  await page.getByRole("button", { name: "登记审核意见" }).click();
  // the form gives way to the recorded opinion
  await expect(page.getByText(/同意，盖章日期 2020年5月8日，登记人/)).toBeVisible();
  await expect(page.getByText("审核同意").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "登记审核意见" })).toHaveCount(0);
  await shot(page, "applications-approved");

  // the list masks the ID number
  await page.goto("/applications?q=者小龙");
  await expect(page.getByRole("cell", { name: `${good.slice(0, 6)}********${good.slice(14)}` })).toBeVisible();
  await expect(page.getByText(good)).toHaveCount(0);
  await shot(page, "applications-list");

  // (other accounts in their own browser contexts: a late prefetch cannot bring back the first session)
  const as = async (username: string) => {
    const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const p = await ctx.newPage();
    await loginAs(p, username);
    return p;
  };

  // another school: the application and its scan are "not found"
  const other = await as("nanhua-cz2");
  await other.goto(url);
  await expect(other.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  expect((await other.request.get(scanHref!)).status()).toBe(404);
  await other.context().close();

  // the chosen vocational school sees it, without phones or address before send-off
  const voc = await as("nanhua-zz");
  await voc.goto(url);
  await expect(voc.getByRole("heading", { name: /报名申请：者小龙/ })).toBeVisible();
  await expect(voc.getByText("学生送读到本校后可见").first()).toBeVisible();
  await expect(voc.getByText("15987822223")).toHaveCount(0);
  expect((await voc.request.get(scanHref!)).status()).toBe(404);
  await shot(voc, "applications-vocational-view");
  await voc.context().close();
});

test("a middle school imports the template: errors by row and column, nothing stored, then all rows", async ({ page }) => {
  await loginAs(page, "nanhua-cz1");
  await page.goto("/applications/import");
  await expect(page.getByRole("heading", { name: "批量导入报名申请" })).toBeVisible();

  const res = await page.request.get("/api/exports/application-template");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("spreadsheetml");
  const template = Buffer.from(await res.body());

  // Fill the downloaded template the way a teacher would: under its own headers.
  const fill = async (rows: ReturnType<typeof importRow>[]) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("报名申请")!;
    ws.getRow(1).eachCell((cell, col) => {
      const column = IMPORT_COLUMNS.find((c) => c.header === String(cell.value));
      if (column) rows.forEach((r, j) => (ws.getCell(j + 2, col).value = r[column.key]));
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const rows = [0, 1, 2].map((i) =>
    importRow(applicationInput("x", { idNumber: idNumber(10 + i, i === 1 ? "FEMALE" : "MALE"), sex: i === 1 ? "FEMALE" : "MALE", studentName: `导入生${i + 1}` }), "南华县职中"),
  );

  const bad = rows.map((r) => ({ ...r }));
  bad[1].guardianPhone = "1868783333"; // 10 digits, worksheet row 3
  await page.getByLabel("填好的导入文件（.xlsx）").setInputFiles({ name: "报名-有错.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await fill(bad) });
  await page.getByRole("button", { name: "开始导入" }).click();
  await expect(page.getByText(/共 3 行，其中 1 行有问题/)).toBeVisible();
  const problem = page.getByRole("row", { name: /第 3 行/ });
  await expect(problem).toContainText("监护人联系电话");
  await expect(problem).toContainText("11位");
  await shot(page, "applications-import-errors");

  await page.getByLabel("填好的导入文件（.xlsx）").setInputFiles({ name: "报名.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await fill(rows) });
  await page.getByRole("button", { name: "开始导入" }).click();
  await expect(page.getByText("导入成功：共 3 份报名申请已保存为草稿")).toBeVisible();
  await shot(page, "applications-import-done");

  await page.goto("/applications?q=导入生");
  await expect(page.getByRole("row", { name: /导入生/ })).toHaveCount(3);
  await expect(page.getByRole("row", { name: /导入生/ }).first()).toContainText("草稿（待签字）");
});
