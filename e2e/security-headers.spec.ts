import { expect, test, loginAs, shot } from "./fixtures";

// Issue 10 §9: the production server sends the security headers, and the pages still work under the CSP.
test("pages carry a nonce CSP without inline-script allowance, nosniff and a referrer policy", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  const res = await page.goto("/login");
  const h = res!.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["strict-transport-security"]).toBeUndefined(); // plain HTTP here
  await loginAs(page, "chuxiong-cz1");
  await page.goto("/applications");
  await expect(page.getByRole("heading", { name: /报名申请/ }).first()).toBeVisible();
  await shot(page, "security-headers-applications");
  expect(errors).toEqual([]);
  const https = await page.request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toContain("max-age=");
});
