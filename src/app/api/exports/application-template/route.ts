import { getActor } from "@/server/auth/actor";
import { can } from "@/server/auth/permissions";
import { applicationTemplate } from "@/server/applications/template";
import { errorResponse } from "@/server/route";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** GET → the bulk-import template (.xlsx) for the signed-in middle school; audited. */
export async function GET() {
  const actor = await getActor();
  if (!actor) return text(401, "登录已失效，请重新登录后再下载模板。");
  if (!can(actor.role, "application.import")) return text(404, "未找到该文件：只有初级中学可以下载报名申请导入模板。");
  let file: Awaited<ReturnType<typeof applicationTemplate>>;
  try {
    file = await applicationTemplate(actor);
  } catch (err) {
    return errorResponse(err);
  }
  const { fileName, bytes } = file;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="application-template.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
