import { expect, test, loginAs, shot } from "./fixtures";
import { tinyPng } from "../prisma/factories/applications";

// Issue 21 (field work). The base server's training clock is 2020-05-08 (送读期). 楚雄技师学院 records its
// 宣传期 visit to 双柏县第一中学, which confirms it; 双柏县 sees which of its schools nobody visited. Then
// 双柏县第一中学 sends 王小兰 to 楚雄技师学院, which records her arrival; the middle school records a home visit
// with a 流失风险 flag, and the flag shows for 楚雄技师学院 on its 走访与回访 page and on the student page.
test.describe.configure({ mode: "serial" });

test("a vocational school records a publicity visit; the middle school confirms it; the county sees the schools nobody visited", async ({ page }) => {
  await loginAs(page, "jishi");
  await page.getByRole("link", { name: "走访与回访" }).click();
  const form = page.getByRole("form", { name: "登记宣传走访" });
  await form.getByLabel("走访的初中学校").selectOption({ label: "双柏县 双柏县第一中学" });
  await form.getByLabel("走访日期").fill("2019-12-20");
  await form.getByLabel("参加人员").fill("招生办 杨老师、电子商务专业 普老师");
  await form.getByLabel("宣传内容").fill("介绍义务教育职教班的专业、东西协作送读上海和资助政策，发放报名申请表");
  await form.getByLabel("覆盖学生人数").fill("86");
  await form.getByLabel("覆盖家长人数").fill("40");
  await form.getByRole("button", { name: "登记宣传走访" }).click();
  // Outside the programme year: refused in Chinese, what was typed stays.
  await expect(form.getByText(/宣传走访日期（2019年12月20日）不在2020年度内/)).toBeVisible();
  await expect(form.getByLabel("参加人员")).toHaveValue("招生办 杨老师、电子商务专业 普老师");
  await form.getByLabel("走访日期").fill("2020-04-24");
  await form.getByLabel(/照片或文件/).setInputFiles({ name: "宣传现场.png", mimeType: "image/png", buffer: tinyPng(80, 60) });
  await form.getByRole("button", { name: "登记宣传走访" }).click();
  await expect(form.getByText("已登记到双柏县双柏县第一中学的宣传走访（2020-04-24），等待该校确认。")).toBeVisible();
  const row = page.getByRole("table", { name: "宣传走访记录" }).getByRole("row", { name: /双柏县第一中学/ });
  await expect(row).toContainText("待初中确认");
  await expect(row.getByRole("link", { name: "宣传现场.png" })).toBeVisible();
  await shot(page, "fieldwork-visit-recorded");

  await loginAs(page, "shuangbai-cz1");
  await page.goto("/fieldwork");
  const mine = page.getByRole("table", { name: "宣传走访记录" }).getByRole("row", { name: /楚雄技师学院/ });
  await expect(mine).toContainText("86 / 40");
  await mine.getByRole("button", { name: "确认走访" }).click();
  await expect(page.getByRole("table", { name: "宣传走访记录" }).getByRole("row", { name: /楚雄技师学院/ })).toContainText("初中已确认");
  await shot(page, "fieldwork-visit-confirmed");

  await loginAs(page, "shuangbai");
  await page.goto("/fieldwork");
  const coverage = page.getByRole("table", { name: "初中学校宣传走访覆盖情况" });
  await expect(coverage.getByRole("row", { name: /双柏县第一中学/ })).toContainText("已走访");
  await expect(coverage.getByRole("row", { name: /双柏县妥甸中学/ })).toContainText("本年度尚无职业学校走访");
  await expect(page.getByRole("heading", { name: /所本年度尚无职业学校走访/ })).toBeVisible();
  await shot(page, "fieldwork-county-coverage");

  // The counts feed the September 招生情况及工作总结 (computed now, frozen when the county submits).
  await page.goto("/filings/annual-report?year=2020");
  const figures = page.getByRole("table", { name: "招生情况（按当前数据生成，提交时固定）" });
  await expect(figures.getByRole("row", { name: /宣传期走访初中学校次数/ })).toContainText("1");
  await expect(figures.getByRole("row", { name: /走访到的初中学校数/ })).toContainText("1 / 3");
  await shot(page, "fieldwork-report-figures");
});

test("a middle school records a home visit with a 流失风险 flag; it shows in the vocational school inbox", async ({ page }) => {
  await loginAs(page, "shuangbai-cz1");
  await page.goto("/send-off");
  await page.getByLabel("选择王小兰").check();
  await page.getByRole("button", { name: "送读所选学生（1 人）" }).click();
  await page.getByRole("button", { name: "确认送读" }).click();
  await expect(page.getByText(/已送读 1 人。/)).toBeVisible();

  await loginAs(page, "jishi");
  await page.goto("/reception");
  await page.getByLabel("选择王小兰").check();
  await page.getByRole("button", { name: /登记已报到/ }).click();
  await expect(page.getByText(/已登记 1 名学生报到/)).toBeVisible();

  await loginAs(page, "shuangbai-cz1");
  await page.goto("/students?view=ENROLLED");
  await page.getByRole("link", { name: "王小兰" }).click();
  const form = page.getByRole("form", { name: "登记跟踪回访" });
  await form.getByLabel("回访方式").selectOption({ label: "家访" });
  await form.getByLabel("原初中参加人员").fill("班主任 王老师");
  await form.getByLabel("该生有流失风险").check();
  await form.getByLabel("流失风险原因").fill("母亲身体不好，希望她回家照顾弟妹");
  await form.getByRole("button", { name: "登记回访" }).click();
  // Empty notes: refused, nothing stored, the form keeps what was typed.
  await expect(form.getByText("请填写回访情况记录")).toBeVisible();
  await expect(page.getByRole("list", { name: "跟踪回访记录" })).toHaveCount(0);
  await form.getByLabel("回访情况记录").fill("到学生家中走访，学生想学电子商务，母亲犹豫；约定下周与楚雄技师学院班主任再次家访。");
  await form.getByRole("button", { name: "登记回访" }).click();
  await expect(page.getByText(/已登记家访（2020-05-08）。已标记流失风险/)).toBeVisible();
  const card = page.getByRole("region", { name: "跟踪回访与家访" });
  await expect(card.getByRole("status")).toContainText("流失风险（2020年5月8日起");
  // Notes are not shown in the list: only on their own page, which is audited.
  await expect(card.getByRole("list", { name: "跟踪回访记录" })).not.toContainText("母亲犹豫");
  await shot(page, "fieldwork-home-visit-flag");

  await loginAs(page, "jishi");
  // The flag is a to-do line in the vocational school's inbox, linking to the student page.
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: /流失风险：王小兰（双柏县 双柏县第一中学）/ })).toBeVisible();
  await shot(page, "fieldwork-flag-in-inbox");
  await page.goto("/fieldwork");
  const flags = page.getByRole("table", { name: "流失风险学生" });
  await expect(flags.getByRole("row", { name: /王小兰/ })).toContainText("双柏县第一中学");
  await shot(page, "fieldwork-flags-vocational");
  await flags.getByRole("link", { name: "王小兰" }).click();
  await expect(page.getByRole("region", { name: "跟踪回访与家访" }).getByRole("status")).toContainText("母亲身体不好");
  await page.getByRole("link", { name: /查看记录内容/ }).click();
  await expect(page.getByText("本次查看已记入操作日志")).toBeVisible();
  await expect(page.getByText(/母亲犹豫/)).toBeVisible();
  await shot(page, "fieldwork-follow-up-notes");
});
