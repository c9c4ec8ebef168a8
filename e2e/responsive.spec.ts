import { expect, test, loginAs, shot, type Page } from "./fixtures";
import type { Locator } from "@playwright/test";

// Decision 082: below 640 px every list is a column of cards, the navigation a menu button, forms one
// column with the right phone keyboards. 390 × 844 is a common phone; 1400 × 900 a desktop.
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1400, height: 900 };


async function fitsTheWidth(page: Page) {
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    const w = window.innerWidth;
    // the outermost elements that stick out on the right (for the failure message)
    const out = Array.from(document.body.querySelectorAll<HTMLElement>("*")).filter((e) => e.getBoundingClientRect().right > w + 1);
    const outermost = out.filter((e) => !out.includes(e.parentElement as HTMLElement)).slice(0, 5);
    return {
      scrollWidth: document.documentElement.scrollWidth, innerWidth: w,
      culprits: outermost.map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> ${(e.textContent ?? "").slice(0, 40)}`),
    };
  });
  expect(scrollWidth, `${new URL(page.url()).pathname} scrolls sideways: ${culprits.join(" | ")}`).toBeLessThanOrEqual(innerWidth);
}

/** How many lines the text of `el` takes (distinct tops of its line boxes). */
const lines = (el: Locator) => el.evaluate((node) => {
  const r = document.createRange();
  r.selectNodeContents(node);
  return new Set(Array.from(r.getClientRects()).filter((b) => b.width > 0).map((b) => Math.round(b.top))).size;
});

test("phone: the send-off list is a column of cards, and choosing rows on the cards selects exactly them", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await loginAs(page, "chuxiong");
  await page.goto("/send-off");
  const list = page.getByRole("table", { name: "待送读学生" });
  await expect(list.getByLabel("选择李志强")).toBeVisible();
  await fitsTheWidth(page);
  // the header row is gone; only the 全选 checkbox stays above the cards
  await expect(list.locator("thead th", { hasText: "学生姓名" })).toBeHidden();
  await expect(list.locator("thead th", { hasText: "身份证号码" })).toBeHidden();
  await expect(list.getByLabel("全选")).toBeVisible();
  // a card: the name is its heading, on one line; every other field is "label value", the school on one line
  const card = list.locator("tbody tr").filter({ has: page.getByLabel("选择李志强") });
  const name = card.locator("td", { hasText: /^李志强$/ });
  expect(await lines(name)).toBe(1);
  const school = card.locator('td[data-label="初中学校"]');
  await expect(school).toBeVisible();
  expect(await lines(school), "初中学校 and its label on one line").toBe(1);
  const cardBox = (await card.boundingBox())!;
  expect(cardBox.width).toBeGreaterThan(PHONE.width - 60); // the card spans the screen, not a squeezed column
  await shot(page, "phone-send-off");

  // choose two cards: the form carries exactly their ids, once each (no second copy of the inputs)
  await list.getByLabel("选择李志强").check();
  await list.getByLabel("选择杨秀英").check();
  await expect(page.getByRole("button", { name: "送读所选学生（2 人）" })).toBeEnabled();
  const chosen = await Promise.all(["选择李志强", "选择杨秀英"].map((l) => list.getByLabel(l).getAttribute("value")));
  const form = list.locator("xpath=ancestor::form");
  const sent = await form.evaluate((f) => new FormData(f as HTMLFormElement).getAll("applicationIds"));
  expect(sent.sort()).toEqual(chosen.sort());
  const rows = await list.locator("tbody tr").filter({ has: page.locator('input[name="applicationIds"]') }).count();
  expect(await form.locator('input[name="applicationIds"]').count()).toBe(rows);
  await page.getByRole("button", { name: "送读所选学生（2 人）" }).click();
  await expect(page.getByRole("dialog")).toContainText("确认送读 2 名学生？");
  // Not confirmed here: send-off-roster.spec.ts sends these two off later and counts from zero.
  await page.getByRole("dialog").getByRole("button", { name: "取消" }).click();
  // 全选 in card mode chooses every card of the page
  await list.getByLabel("全选").check();
  expect(await form.evaluate((f) => new FormData(f as HTMLFormElement).getAll("applicationIds").length)).toBe(rows);
  await list.getByLabel("全选").uncheck();
  await expect(page.getByRole("button", { name: "送读所选学生（0 人）" })).toBeDisabled();
  // wide progress tables keep their columns and scroll inside their own frame
  await expect(page.getByRole("table", { name: "各县市送读进度" }).getByRole("columnheader", { name: "已送读" })).toBeVisible();
});

test("phone: the navigation is one line with the current section; the menu opens and is used by keyboard", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await loginAs(page, "chuxiong");
  await page.goto("/send-off");
  const nav = page.getByRole("navigation", { name: "主导航" });
  const toggle = nav.getByRole("button", { name: /当前栏目：\s*送读/ });
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "报名申请" })).toBeHidden();
  // header, banner and closed menu together stay small (it took a third of the screen before)
  const header = (await page.locator("header").boundingBox())!;
  expect(header.height).toBeLessThan(120);
  const banner = page.getByRole("note").filter({ hasText: "演练模式" });
  if (await banner.count()) expect(await lines(banner)).toBe(1);
  // the signed-in line is cut, the full text in its title
  const who = page.locator("[data-signed-in]");
  await expect(who).toHaveAttribute("title", /楚雄市.*·/);
  expect(await lines(who)).toBe(1);
  await shot(page, "phone-nav-closed");

  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "送读" })).toHaveAttribute("aria-current", "page");
  await shot(page, "phone-nav-open");
  await page.keyboard.press("Tab"); // into the list: 首页
  await expect(nav.getByRole("link", { name: "首页" })).toBeFocused();
  const apps = nav.getByRole("link", { name: "报名申请" });
  while (!(await apps.evaluate((a) => a === document.activeElement))) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/applications/);
  await expect(nav.getByRole("button", { name: /当前栏目：\s*报名申请/ })).toHaveAttribute("aria-expanded", "false");
  await fitsTheWidth(page);
  await shot(page, "phone-applications");
});

test("phone: the 附件3 form is one column with a number pad for phones, a text keyboard for the ID; scans and photos can come from the camera", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await loginAs(page, "chuxiong-cz1");
  await page.goto("/applications/new");
  await expect(page.getByLabel("班级名")).toBeVisible();
  await fitsTheWidth(page);
  const x = async (label: string) => (await page.getByLabel(label, { exact: true }).boundingBox())!;
  const [a, b] = [await x("班级名"), await x("班主任姓名")];
  expect(b.x).toBe(a.x); // stacked, not side by side
  expect(b.y).toBeGreaterThan(a.y);
  expect(a.width).toBeGreaterThan(PHONE.width - 100);
  await expect(page.getByLabel("班主任联系电话")).toHaveAttribute("inputmode", "numeric");
  await expect(page.getByLabel("监护人联系电话")).toHaveAttribute("inputmode", "numeric");
  await expect(page.getByLabel("初中学籍号")).toHaveAttribute("inputmode", "numeric");
  // 学生联系电话 may be "无" and the ID may end with X: neither gets a number pad
  await expect(page.getByLabel("学生联系电话")).toHaveAttribute("inputmode", "text");
  await expect(page.getByLabel("身份证号码")).toHaveAttribute("inputmode", "text");
  await expect(page.getByLabel("身份证号码")).toHaveAttribute("pattern", "[0-9]{17}[0-9Xx]");
  await expect(page.getByLabel("身份证号码")).toHaveAttribute("autocapitalize", "characters");
  await shot(page, "phone-application-form");

  // scans and photos (the consent scan, leave proofs, visit photos share one component): the file input keeps
  // photos and PDFs choosable; 拍照上传 opens the rear camera and adds the photo to that input. Checked on the
  // visit form (the 2020 demo has no draft application to open; applications.spec.ts uploads a PNG consent scan).
  await loginAs(page, "chuxiong-zz");
  await page.goto("/fieldwork");
  const file = page.locator("#files");
  await expect(file).toHaveAttribute("accept", /image\/jpeg/);
  await expect(file).toHaveAttribute("accept", /application\/pdf/);
  await expect(file).not.toHaveAttribute("capture", /.*/); // a PDF must stay choosable
  const camera = page.locator('input[data-camera-for="files"]');
  await expect(camera).toHaveAttribute("capture", "environment");
  await expect(camera).toHaveAttribute("accept", /image\//);
  await expect(camera).not.toHaveAttribute("name", /.*/); // only #files is submitted
  await expect(page.getByRole("button", { name: "拍照上传" })).toBeVisible();
  // what the camera hands back lands in the form's own input, added to what was chosen before
  await file.setInputFiles({ name: "通知.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n") });
  await camera.setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) });
  expect(await file.evaluate((i) => Array.from((i as HTMLInputElement).files ?? []).map((f) => f.name))).toEqual(["通知.pdf", "photo.jpg"]);
  await fitsTheWidth(page);
  await shot(page, "phone-fieldwork");
});

test("phone: the roster and the home page are cards and fit the screen; no list page scrolls sideways", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await loginAs(page, "chuxiong");
  await page.goto("/roster?year=2019"); // the county's check of the schools' 附件4 lists
  const roster = page.getByRole("table", { name: /名单$/ }).first();
  await expect(roster.locator("tbody tr").first()).toBeVisible();
  await expect(roster.getByRole("columnheader", { name: "学生姓名" })).toBeHidden();
  const first = roster.locator("tbody tr").first();
  await expect(first.locator('td[data-label="身份证号码"]')).toBeVisible();
  expect(await lines(first.locator('td[data-card="title"]'))).toBe(1);
  await fitsTheWidth(page);
  await shot(page, "phone-roster");
  await page.goto("/");
  await fitsTheWidth(page);
  await shot(page, "phone-home");

  for (const [user, paths] of [
    ["chuxiong-zz", ["/reception?year=2019", "/students", "/fieldwork", "/registration", "/graduation", "/filings", "/filings/teaching-plan?year=2020", "/filings/teaching-plan?year=2019", "/inbox", "/account"]],
    ["zhou", ["/", "/applications", "/send-off", "/roster", "/retention", "/aid", "/plan", "/plan/2020", "/calendar", "/audit", "/users", "/orgs", "/graduation", "/filings"]],
    ["chuxiong-cz1", ["/", "/applications", "/students", "/fieldwork", "/applications/import"]],
    ["chuxiong", ["/plan/2020", "/plan/2020/split", "/calendar", "/retention", "/aid"]],
  ] as const) {
    await loginAs(page, user);
    for (const path of paths) {
      await page.goto(path);
      await fitsTheWidth(page);
    }
  }
  // a student's page (status, aid, leave forms)
  await page.goto("/students?year=2019");
  await page.getByRole("table", { name: "送读学生" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/students\/./);
  await fitsTheWidth(page);
});

test("desktop: the same lists are tables with their header row, the navigation a row of tabs", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await loginAs(page, "chuxiong");
  await page.goto("/send-off");
  const list = page.getByRole("table", { name: "待送读学生" });
  await expect(list.getByRole("columnheader", { name: "学生姓名" })).toBeVisible();
  const name = list.locator("tbody tr").filter({ has: page.getByLabel("选择李志强") }).locator("td").nth(1);
  const box = (await name.boundingBox())!;
  const row = (await list.locator("tbody tr").first().boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(row.height - 1); // a cell of a table row, not a card line
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("button", { name: /当前栏目/ })).toBeHidden();
  await expect(nav.getByRole("link", { name: "报名申请" })).toBeVisible();
  await expect(page.locator("[data-signed-in]")).toHaveText(/楚雄市/);
  await shot(page, "desktop-send-off");
  await loginAs(page, "chuxiong-cz1");
  await page.goto("/applications/new");
  await expect(page.getByLabel("班级名")).toBeVisible();
  await shot(page, "desktop-application-form");
  await page.goto("/");
  await shot(page, "desktop-home");
  await loginAs(page, "chuxiong");
  await page.goto("/roster?year=2019");
  await expect(page.getByRole("table", { name: /名单$/ }).first().getByRole("columnheader", { name: "学生姓名" })).toBeVisible();
  await shot(page, "desktop-roster");
  await loginAs(page, "chuxiong-zz");
  await page.goto("/fieldwork");
  await expect(page.locator("#files")).toBeVisible();
  await expect(page.getByRole("button", { name: "拍照上传" })).toBeHidden(); // a desktop has a file chooser, not a camera
});
