import { expect, test, loginAs, shot } from "./fixtures";

// Issue 15 item 1: every year-bound page has the one year selector (?year=YYYY); today's programme year
// (2020 on the e2e server's training clock) is the default; a past year is read-only where its phase is over.
// Read-only: nothing here writes.

const selector = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "选择年度" });

test("the year selector on every year-bound page reaches 2020 (today's year, the default) and 2019, through ?year=", async ({ page }) => {
  await loginAs(page, "zhou");
  const pages: [string, RegExp][] = [
    ["/plan", /送读招生计划/], ["/applications", /报名申请/], ["/send-off", /送读/], ["/roster", /在读学生名单/],
    ["/filings", /报送材料/], ["/students", /送读学生/], ["/registration", /秋季中职学籍注册/], ["/retention", /巩固率/], ["/calendar", /工作日历/],
  ];
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(selector(page).getByRole("link", { name: "2020年（今年）" }), path).toHaveAttribute("aria-current", "page");
    if (path !== "/plan") await expect(page.getByRole("heading", { level: 1 }), path).toContainText("2020年");
    await selector(page).getByRole("link", { name: "2019年" }).click();
    await expect(page, path).toHaveURL(path === "/plan" ? /\/plan(\?year=|\/)2019$/ : new RegExp(`${path}\\?year=2019`));
    await expect(page.getByRole("heading", { level: 1 }), path).toContainText(path === "/plan" ? heading : /2019年/);
    await expect(selector(page).getByRole("link", { name: "2019年" }), path).toHaveAttribute("aria-current", "page");
  }
  await page.goto("/students?year=2019");
  await shot(page, "years-students-2019");
  // The plan keeps its own address per year: ?year= opens it.
  await page.goto("/plan?year=2020");
  await expect(page).toHaveURL(/\/plan\/2020$/);
  await expect(selector(page).getByRole("link", { name: "2020年（今年）" })).toHaveAttribute("aria-current", "page");
  // The demo has a 2019 plan too (the dashboards' past year); a year without one says so.
  await page.goto("/plan?year=2019");
  await expect(page).toHaveURL(/\/plan\/2019$/);
  await page.goto("/plan?year=2018");
  await expect(page.getByRole("status")).toContainText("2018年还没有送读招生计划");
});

test("a past year is read-only: the page says so and shows no forms; today's year keeps them", async ({ page }) => {
  await loginAs(page, "chuxiong-zz");
  await page.goto("/roster?year=2019");
  await expect(page.getByTestId("read-only-year")).toHaveText("2019年的名单确认已经结束，本页只供查看，不能再修改。");
  await expect(page.getByRole("button", { name: /提交名单/ })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "当前名单" })).toBeVisible();
  await shot(page, "years-roster-2019-read-only");
  await page.goto("/roster");
  await expect(page.getByTestId("read-only-year")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /提交名单/ })).toBeVisible();

  await page.goto("/reception?year=2019");
  await expect(page.getByTestId("read-only-year")).toContainText("2019年的报到和编班已经结束");
  await expect(page.getByRole("button", { name: "创建班级" })).toHaveCount(0);
  await page.goto("/reception");
  await expect(page.getByRole("button", { name: "创建班级" })).toBeVisible();

  await page.goto("/registration?year=2019");
  await expect(page.getByTestId("read-only-year")).toContainText("2019年的秋季中职学籍注册期已经结束");
  await expect(page.getByRole("button", { name: /报送附件6/ })).toHaveCount(0);
  await page.context().clearCookies();

  await loginAs(page, "chuxiong-cz1");
  await page.goto("/applications?year=2019");
  await expect(page.getByTestId("read-only-year")).toContainText("2019年的报名录入期已经结束");
  await expect(page.getByRole("link", { name: "录入报名申请" })).toHaveCount(0);
  await shot(page, "years-applications-2019-read-only");
  await page.goto("/applications");
  await expect(page.getByRole("link", { name: "录入报名申请" })).toBeVisible();

  await loginAs(page, "chuxiong");
  await page.goto("/send-off?year=2019");
  await expect(page.getByTestId("read-only-year")).toContainText("2019年的送读期已经结束");
  await expect(page.getByRole("heading", { name: "待送读学生（已审核同意）" })).toHaveCount(0);
  await page.goto("/send-off");
  await expect(page.getByRole("heading", { name: "待送读学生（已审核同意）" })).toBeVisible();
});

test("a year without a calendar: the bureau sees a proposal from the published holiday schedule, or that it is not yet published", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.goto("/calendar?year=2025");
  const proposal = page.getByTestId("calendar-proposal");
  await expect(proposal).toContainText("根据国务院办公厅公布的2025年节假日安排：劳动节5月1日至5月5日放假调休，共 5 天；4月27日上班。");
  await expect(page.getByRole("table", { name: "建议的2025年各阶段时间" }).getByRole("row", { name: /^送读期/ })).toContainText("2025年5月6日（星期二）");
  const form = page.getByRole("form", { name: "2025年工作日历设置" });
  await expect(form.getByLabel("五一劳动节假期最后一天")).toHaveValue("2025-05-05");
  await expect(form.getByLabel("调休上班日（可不填）")).toHaveValue("2025-04-27");
  await expect(form.getByRole("button", { name: "确认并保存2025年工作日历" })).toBeVisible();
  await shot(page, "years-calendar-proposal-2025");

  await page.goto("/calendar?year=2035");
  await expect(page.getByTestId("calendar-proposal")).toContainText("国务院办公厅2035年部分节假日安排尚未公布");
  await expect(page.getByRole("form", { name: "2035年工作日历设置" }).getByLabel("五一劳动节假期最后一天")).toHaveValue("");
  await shot(page, "years-calendar-unpublished");
});
