// GET /api/exports/annex6?year=2020[&school=<id>][&source=live|submitted] → 附件6 .xlsx (streamed).
import { PassThrough, Readable } from "node:stream";
import { z } from "zod";
import { route } from "@/server/route";
import { requiredYearParam } from "@/lib/year";
import { annex6Sheets } from "@/server/student-status/registration";
import { writeAnnex6 } from "@/server/exports/annex6";
import { officialCountyNames } from "@/server/roster/roster";
import { db } from "@/server/db";
import { audit } from "@/server/audit";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

const query = z.object({
  year: requiredYearParam,
  school: z.string().optional(),
  source: z.enum(["live", "submitted"]).default("submitted"),
});

export const GET = route("annex6.export", async (actor, req) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "导出参数有误，请从“秋季注册（附件6）”页面点击导出。");
  const { year, school, source } = parsed.data;
  const sheets = await annex6Sheets(actor, { year, schoolId: school, source });
  if (sheets.length === 0) throw new AppError("NOT_FOUND", "没有可导出的附件6：学校尚未报送，或其中没有本县市的学生。");
  const rowCount = sheets.reduce((n, s) => n + s.rows.length, 0);
  // Full ID numbers of minors leave the server: audited before streaming.
  await db().$transaction((tx) => audit(tx, actor, "export.annex6", { type: "VocationalSchool", id: school }, { year, source, sheets: sheets.map((s) => s.schoolName), rowCount }));
  const pass = new PassThrough();
  writeAnnex6(pass, sheets, await officialCountyNames(actor)).catch((err) => pass.destroy(err));
  const name = sheets.length === 1 ? `附件6_${sheets[0].schoolName}_${year}.xlsx` : `附件6_注册中职学籍学生名单_${year}.xlsx`;
  return new Response(Readable.toWeb(pass) as ReadableStream, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="annex6.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "no-store",
    },
  });
});
