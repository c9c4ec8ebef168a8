// GET /api/exports/audit?from=&to=&org=&action=&entity= → the filtered 操作日志 as .xlsx (audited).
import { route } from "@/server/route";
import { now } from "@/server/clock";
import { exportAuditLog } from "@/server/exports/audit-log";
import { auditFilterSchema } from "@/lib/schemas/audit";
import { AppError } from "@/server/errors";
import { xlsxResponse } from "@/server/exports/xlsx";

export const dynamic = "force-dynamic";

export const GET = route("audit.read", async (actor, req) => {
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "导出参数有误，请在操作日志页面重新选择筛选条件后导出。");
  const { fileName, bytes } = await exportAuditLog(actor, parsed.data, now());
  return xlsxResponse(bytes, fileName, "audit-log.xlsx");
}, { errors: "text" });
