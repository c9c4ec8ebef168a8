// GET /api/exports/annex4?year=2020[&school=<id>][&source=live|submitted] → 附件4 .xlsx .
import { z } from "zod";
import { route } from "@/server/route";
import { requiredYearParam } from "@/lib/year";
import { annex4Sheets, officialCountyNames } from "@/server/roster/roster";
import { annex4Bytes } from "@/server/exports/annex4";
import { auditAlone } from "@/server/audit";
import { AppError } from "@/server/errors";
import { xlsxResponse } from "@/server/exports/xlsx";

export const dynamic = "force-dynamic";

const query = z.object({
  year: requiredYearParam,
  school: z.string().optional(),
  source: z.enum(["live", "submitted"]).default("submitted"),
});

export const GET = route("roster.export", async (actor, req) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "导出参数有误，请从“在读名单”页面点击导出。");
  const { year, school, source } = parsed.data;
  const [sheets, countyNames] = await Promise.all([annex4Sheets(actor, { year, schoolId: school, source }), officialCountyNames(actor)]);
  if (sheets.length === 0) throw new AppError("NOT_FOUND", "没有可导出的名单：学校尚未提交，或尚未反馈给本县市。");
  const rowCount = sheets.reduce((n, s) => n + s.rows.length, 0);
  // Full ID numbers of minors leave the server: the file is sent only once its audit row is written.
  const [, bytes] = await Promise.all([auditAlone(actor, "export.annex4", { type: "VocationalSchool", id: school }, { year, source, sheets: sheets.map((s) => s.schoolName), rowCount }), annex4Bytes(sheets, countyNames)]);
  const name = sheets.length === 1 ? `附件4_${sheets[0].schoolName}_${year}.xlsx` : `附件4_在读学生名单_${year}.xlsx`;
  return xlsxResponse(bytes, name, "annex4.xlsx");
});
