import { errorResponse } from "@/server/route";
import { getActor } from "@/server/auth/actor";
import { can } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { exportAnnex2 } from "@/server/plan/export";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

const STATUS: Partial<Record<AppError["code"], number>> = { NOT_FOUND: 404, FORBIDDEN: 404, INVALID_STATE: 409, VALIDATION: 400 };

/** GET ?year=2020[&version=2] → 附件2 (.xlsx). Same permission table and scope as the pages; audited. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return text(401, "登录已失效，请重新登录后再导出附件2。");
  if (!can(actor.role, "plan.export")) return text(404, "未找到该文件，或您无权导出附件2。");
  const params = new URL(request.url).searchParams;
  const year = Number(params.get("year"));
  const versionParam = params.get("version");
  const version = versionParam ? Number(versionParam) : undefined;
  if (!Number.isInteger(year) || year < 2000 || year > 2100 || (version !== undefined && (!Number.isInteger(version) || version < 1))) {
    return text(400, "导出地址中的年度或版本号有误，请回到招生计划页面点“导出附件2”。");
  }
  try {
    const { fileName, bytes } = await exportAnnex2(actor, { year, version });
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="annex2-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    if (err instanceof AppError) return text(STATUS[err.code] ?? 400, err.message);
    return errorResponse(err);
  }
}
