/**
 * 附件4 printed by a real spreadsheet program (issue 16, item 2): LibreOffice (Debian's
 * libreoffice-calc, headless) converts a 3-page 附件4 to PDF; every page must carry the table's
 * two header rows (print titles) and "第 n 页 共 3 页", the first page the title and 学校 line,
 * the last the 填报说明.
 *
 * Optional: skipped, with the reason printed, when `soffice` or `pdftotext` is not installed
 * (CI does not install LibreOffice). The PDF and one PNG per page are kept in test-results/
 * (test-results/annex4-3-pages.pdf, test-results/screens/annex4-pdf-page-N.png).
 */
import { describe, expect, test } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeAnnex4 } from "@/server/exports/annex4";
import { rosterRow, written } from "./roster-rows";

function which(cmd: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

const soffice = process.env.SOFFICE_PATH ?? which("soffice");
const pdftotext = which("pdftotext");
const missing = !soffice ? "soffice (LibreOffice)" : !pdftotext ? "pdftotext (poppler-utils)" : null;
if (missing) {
  console.warn(
    `[skipped] 附件4 PDF check — ${missing} is not installed; install with apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils to run it`,
  );
}

/** Students for exactly three printed pages at the layout's row height (27–28 rows a page). */
const STUDENTS = 70;

describe("附件4 printed through LibreOffice", () => {
  test.skipIf(missing !== null)(
    "a 3-page 附件4: header rows and page numbers on every page, title and 学校 line on the first, 填报说明 on the last",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "annex4-pdf-"));
      try {
        const xlsx = path.join(dir, "annex4.xlsx");
        const rows = Array.from({ length: STUDENTS }, (_, i) => rosterRow(i));
        writeFileSync(xlsx, await written((out) => writeAnnex4(out, [{ schoolName: "楚雄技师学院", rows }], ["楚雄市", "双柏县", "牟定县"])));
        // A profile of its own: runs beside another LibreOffice (or another test run) do not collide.
        execFileSync(
          soffice!,
          [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx],
          { timeout: 240_000, stdio: "pipe" },
        );
        const pdf = path.join(dir, "annex4.pdf");
        expect(existsSync(pdf)).toBe(true);
        const text = execFileSync(pdftotext!, ["-layout", pdf, "-"], { encoding: "utf8" });
        const pages = text.split("\f").filter((p) => p.trim() !== "");

        mkdirSync("test-results/screens", { recursive: true });
        copyFileSync(pdf, "test-results/annex4-3-pages.pdf");
        if (which("pdftoppm")) execFileSync("pdftoppm", ["-png", "-r", "60", pdf, "test-results/screens/annex4-pdf-page"]);

        expect(pages).toHaveLength(3);
        pages.forEach((page, i) => {
          const squeezed = page.replace(/\s+/g, ""); // pdftotext spaces CJK text its own way
          for (const header of ["序号", "学生姓名", "身份证号码", "所属县市", "原初中学校", "义务教育职教班", "学籍号", "学号"]) {
            expect(squeezed, `page ${i + 1}: ${header}`).toContain(header);
          }
          expect(squeezed, `page ${i + 1} footer`).toContain(`第${i + 1}页共3页`);
        });
        expect(pages[0]).toContain("楚雄州义务教育职教班在读学生名单");
        expect(pages[0]).toContain("学校（职业学校）：楚雄技师学院");
        expect(pages[1]).not.toContain("学校（职业学校）");
        expect(pages[2]).toContain("填报说明");
        // Every student is printed once.
        for (const r of rows) expect(text.split(r.idNumber).length - 1, r.idNumber).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
