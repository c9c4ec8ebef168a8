import { expect, test, loginAs, shot, type Page } from "./fixtures";

// The e2e server runs with ZJB_TRAINING_DATE=2020-05-08; the demo seed sets the 2020 calendar
// (holiday ends 2020-05-05 → 送读期 2020-05-06 … 2020-05-14). Every change made here is undone
// before the test ends, so the other specs still see the default window.
// Declared serial: the first test moves the 2020 window that the last two read, and the second sets the
// 2021 calendar once; if one fails, the ones after it are skipped instead of failing for its leftovers.
test.describe.configure({ mode: "serial" });

const phaseRow = (page: Page, label: string) => page.getByRole("table", { name: /各阶段时间/ }).getByRole("row", { name: new RegExp(`^${label}`) });

test("the bureau sees the computed 2020 windows, changes the settings and overrides 送读期 with a reason, then restores it", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "工作日历" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "2020年工作日历" })).toBeVisible();
  const sendOff = phaseRow(page, "送读期");
  await expect(sendOff).toContainText("2020年5月6日（星期三）");
  await expect(sendOff).toContainText("2020年5月14日（星期四）");
  await expect(sendOff).toContainText("9 天，其中 7 个工作日");
  await expect(phaseRow(page, "稳定期")).toContainText("2020年5月15日");
  await expect(phaseRow(page, "巩固期")).toContainText("2020年9月15日");
  await expect(phaseRow(page, "报名录入期")).toContainText("2020年4月21日");
  await expect(page.getByRole("table", { name: /截止日期/ }).getByRole("row", { name: /年度招生报告和工作总结/ })).toContainText("还有 145 天");
  await shot(page, "calendar-bureau");

  // A holiday end outside Apr 28 – May 10 is refused with what to do; nothing typed is lost.
  const settings = page.getByRole("form", { name: "2020年工作日历设置" });
  await settings.getByLabel("五一劳动节假期最后一天").fill("2020-06-01");
  await settings.getByRole("button", { name: "保存修改" }).click();
  await expect(settings.getByText("五一劳动节收假日期（2020年6月1日）应在2020年4月28日至2020年5月10日之间").first()).toBeVisible();
  await expect(settings.getByLabel("五一劳动节假期最后一天")).toHaveValue("2020-06-01");

  // An extra non-working day pushes the end of 送读期 by one working day; then it is taken out again.
  await settings.getByLabel("五一劳动节假期最后一天").fill("2020-05-05");
  await settings.getByLabel("其他非工作日（可不填）").fill("2020-05-07");
  await settings.getByRole("button", { name: "保存修改" }).click();
  await expect(settings.getByText(/已保存2020年工作日历（第 \d+ 版）/)).toBeVisible();
  await expect(sendOff).toContainText("2020年5月15日（星期五）");
  await expect(sendOff).toContainText("10 天，其中 7 个工作日");
  await settings.getByLabel("其他非工作日（可不填）").fill("");
  await settings.getByRole("button", { name: "保存修改" }).click();
  await expect(sendOff).toContainText("2020年5月14日（星期四）");

  // Override 送读期: the reason is required.
  const override = page.getByRole("form", { name: "调整阶段时间" });
  await override.getByLabel("要调整的阶段").selectOption({ label: "送读期" });
  await expect(override.getByLabel("调整后的开始日期")).toHaveValue("2020-05-06");
  await expect(override.getByLabel("调整后的结束日期")).toHaveValue("2020-05-14");
  await override.getByLabel("调整后的结束日期").fill("2020-05-15");
  await override.getByRole("button", { name: "保存调整" }).click();
  await expect(override.getByText(/请填写调整原因（至少 2 个字）/)).toBeVisible();
  await override.getByLabel("调整原因").fill("演练：送读延长一天");
  await override.getByRole("button", { name: "保存调整" }).click();
  await expect(override.getByText("已将2020年送读期调整为 2020年5月6日至2020年5月15日")).toBeVisible();
  await expect(sendOff).toContainText("2020年5月15日（星期五）");
  await expect(sendOff).toContainText("已调整");
  await expect(sendOff).toContainText("原因：演练：送读延长一天");
  await expect(phaseRow(page, "稳定期")).toContainText("2020年5月16日");
  const history = page.getByRole("table", { name: "阶段时间调整记录" });
  await expect(history.getByRole("row", { name: /演练：送读延长一天/ })).toContainText("生效中");
  await shot(page, "calendar-override");

  // Everyone sees the moved window: the home page of the bureau shows it too.
  await page.goto("/");
  await expect(page.getByRole("list", { name: "各阶段" }).getByRole("listitem").filter({ hasText: "送读期" })).toContainText("已调整");
  await page.goto("/calendar");

  // Restore the computed window (with a reason); the override stays in the history.
  await page.getByLabel("恢复送读期的原因").fill("演练结束，恢复按规则计算");
  await page.getByRole("button", { name: "恢复送读期的计算时间" }).click();
  await expect(page.getByText("已恢复2020年送读期的计算时间：2020年5月6日至2020年5月14日")).toBeVisible();
  await expect(sendOff).toContainText("2020年5月14日（星期四）");
  await expect(sendOff).not.toContainText("已调整");
  await expect(history.getByRole("row", { name: /演练：送读延长一天/ })).toContainText("已失效");
  const changes = page.getByRole("table", { name: "工作日历修改记录" });
  await expect(changes.getByRole("row", { name: /恢复阶段计算时间/ }).first()).toContainText("演练结束，恢复按规则计算");
  await shot(page, "calendar-restored");
});

test("the bureau confirms the proposed calendar of a year that has none", async ({ page }) => {
  await loginAs(page, "zhou");
  await page.goto("/calendar");
  await page.getByRole("navigation", { name: "选择年度" }).getByRole("link", { name: "2021年" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "2021年工作日历" })).toBeVisible();
  await expect(page.getByText("2021年的工作日历尚未设置")).toBeVisible();
  // Proposed from the State Council schedule: 5月1日至5日放假调休，4月25日、5月8日上班.
  await expect(page.getByTestId("calendar-proposal")).toContainText("4月25日、5月8日上班");
  const form = page.getByRole("form", { name: "2021年工作日历设置" });
  await expect(form.getByLabel("五一劳动节假期最后一天")).toHaveValue("2021-05-05");
  await form.getByRole("button", { name: "确认并保存2021年工作日历" }).click();
  await expect(phaseRow(page, "送读期")).toContainText("2021年5月6日（星期四）");
  await expect(phaseRow(page, "送读期")).toContainText("2021年5月14日（星期五）");
  await expect(page.getByRole("heading", { name: "修改设置" })).toBeVisible();
  await expect(page.getByRole("table", { name: "工作日历修改记录" })).toContainText("设置工作日历");
});

test("a county sees the timeline with the current phase on its home page, and the calendar read-only", async ({ page }) => {
  await loginAs(page, "dayao");
  const progress = page.getByRole("region", { name: "2020年工作进度" });
  await expect(progress).toBeVisible();
  await expect(progress.getByTestId("current-phase")).toContainText("送读期");
  await expect(progress.getByTestId("current-phase")).toContainText("2020年5月6日至2020年5月14日，含今天还有 7 天");
  await expect(progress.getByText("组织初中学校将已同意的学生送读到职业学校")).toBeVisible();
  await expect(progress.getByTestId("next-deadline")).toContainText("年度招生报告和工作总结：2020年9月30日截止，还有 145 天");
  const current = progress.getByRole("list", { name: "各阶段" }).locator('[aria-current="step"]');
  await expect(current).toHaveCount(1);
  await expect(current).toContainText("送读期（当前阶段）");
  await expect(progress.getByRole("figure")).toBeVisible();
  await shot(page, "home-county-timeline");

  await progress.getByRole("link", { name: "查看工作日历" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "2020年工作日历" })).toBeVisible();
  await expect(phaseRow(page, "送读期")).toContainText("2020年5月14日");
  await expect(page.getByRole("heading", { name: "修改设置" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "调整阶段时间" })).toHaveCount(0);
  await shot(page, "calendar-county");
});

test("a vocational school and a middle school see their own task for 送读期", async ({ page }) => {
  await loginAs(page, "jishi");
  await expect(page.getByTestId("current-phase")).toContainText("送读期");
  await expect(page.getByText("接收送读学生报到，及时编班、选派优秀教师担任班主任并开展教育教学活动")).toBeVisible();
  await page.context().clearCookies();
  await loginAs(page, "dayao-cz1");
  await expect(page.getByText("将已报名并经学生及其监护人签字同意的学生送读到职业学校")).toBeVisible();
});
