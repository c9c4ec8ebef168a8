// GET /api/exports/annex3?year=2020[&school=<middle school id>] → 附件3 汇总表 .xlsx (a middle school's applications).
import { z } from "zod";
import { route } from "@/server/route";
import { annex3ExportRows } from "@/server/applications/export";
import { writeAnnex3 } from "@/server/exports/annex3";
import { auditAlone } from "@/server/audit";
import { AppError } from "@/server/errors";
import { xlsxResponse } from "@/server/exports/xlsx";

export const dynamic = "force-dynamic";

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  school: z.string().min(1).optional(),
});

export const GET = route("application.export", async (actor, req) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "导出参数有误，请从“报名申请”页面点击导出。");
  const { year, school } = parsed.data;
  const { school: ms, rows } = await annex3ExportRows(actor, { year, middleSchoolId: school });
  // Full ID numbers and phones of minors leave the server: the file is sent only once its audit row is written.
  const [, bytes] = await Promise.all([
    auditAlone(actor, "export.annex3", { type: "MiddleSchool", id: ms.id }, { year, school: ms.label, rowCount: rows.length }),
    writeAnnex3({ middleSchoolLabel: ms.label, year }, rows),
  ]);
  const name = `附件3_报名申请_${ms.label}_${year}.xlsx`;
  return xlsxResponse(bytes, name, "annex3.xlsx");
});
