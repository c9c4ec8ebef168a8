// GET /api/exports/annex5?id=<filing id> → 附件5 教学方案 .xlsx in the annex's layout.
import { z } from "zod";
import { route } from "@/server/route";
import { getFiling } from "@/server/filings/read";
import { annex5Workbook } from "@/server/exports/annex5";
import { auditAlone } from "@/server/audit";
import { AppError, notFound } from "@/server/errors";
import { xlsxResponse } from "@/server/exports/xlsx";

export const dynamic = "force-dynamic";

const query = z.object({ id: z.string().trim().min(1) });

export const GET = route("filing.read", async (actor, req) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "导出参数有误，请从教学方案页面点击导出。");
  const f = await getFiling(actor, parsed.data.id);
  if (f.kind !== "TEACHING_PLAN") throw notFound("教学方案");
  const bytes = await annex5Workbook(f.filerName, f.content);
  await auditAlone(actor, "export.annex5", { type: "Filing", id: f.id }, { year: f.year, version: f.version, school: f.filerName });
  const name = `附件5_${f.filerName}_${f.year}_第${f.version}版.xlsx`;
  return xlsxResponse(bytes, name, "annex5.xlsx");
});
