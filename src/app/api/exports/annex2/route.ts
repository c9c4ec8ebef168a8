import { route } from "@/server/route";
import { AppError } from "@/server/errors";
import { exportAnnex2 } from "@/server/plan/export";
import { parseYearParam } from "@/lib/year";
import { xlsxResponse } from "@/server/exports/xlsx";

export const dynamic = "force-dynamic";

/** GET ?year=2020[&version=2] → 附件2 (.xlsx). Same permission table and scope as the pages; audited. */
export const GET = route("plan.export", async (actor, request) => {
  const params = new URL(request.url).searchParams;
  const year = parseYearParam(params.get("year"));
  const versionParam = params.get("version");
  const version = versionParam ? Number(versionParam) : undefined;
  if (year === null || (version !== undefined && (!Number.isInteger(version) || version < 1))) {
    throw new AppError("VALIDATION", "导出地址中的年度或版本号有误，请回到招生计划页面点“导出附件2”。");
  }
  const { fileName, bytes } = await exportAnnex2(actor, { year, version });
  return xlsxResponse(bytes, fileName, `annex2-${year}.xlsx`);
}, { errors: "text" });
