// GET /api/exports/audit?from=&to=&org=&action=&entity= → the filtered 操作日志 as .xlsx (audited).
import { route } from "@/server/route";
import { now } from "@/server/clock";
import { exportAuditLog } from "@/server/exports/audit-log";
import { auditFilterSchema } from "@/lib/schemas/audit";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

export const GET = route("audit.read", async (actor, req) => {
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("VALIDATION", "导出参数有误，请在操作日志页面重新选择筛选条件后导出。");
  const { fileName, bytes } = await exportAuditLog(actor, parsed.data, now());
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="audit-log.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "no-store",
    },
  });
}, { errors: "text" });
