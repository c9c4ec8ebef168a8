import { getActor } from "@/server/auth/actor";
import { can } from "@/server/auth/permissions";
import { importApplications } from "@/server/applications/import";
import { fileToUpload } from "@/server/documents/documents";
import { toActionError } from "@/server/action";
import { now } from "@/server/clock";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * POST multipart (field "file") → a stream of NDJSON lines for the progress bar:
 *   {"type":"progress","stage":"read|check|save","done":n,"total":m}
 *   {"type":"result", ...ImportResult}   or   {"type":"error","message":"…"}
 * The import itself is all-or-nothing (one transaction).
 */
export async function POST(req: Request) {
  const actor = await getActor();
  if (!actor) return text(401, "登录已失效，请重新登录后再导入。");
  if (!can(actor.role, "application.import")) return text(404, "未找到该页面。");
  // Same-origin only (the session cookie alone must not be enough to post a file).
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin && host && new URL(origin).host !== host) return text(403, "请从系统页面上传文件。");

  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return text(400, "没有收到文件，请重新选择文件后再导入。");
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return text(400, "请先选择填好的导入模板（.xlsx 文件）。");
  const upload = await fileToUpload(file);
  const at = now();

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (obj: unknown) => controller.enqueue(encoder.encode(JSON.stringify(obj) + "\n"));
      try {
        const result = await importApplications(actor, upload, at, {
          onProgress: (p) => send({ type: "progress", ...p }),
        });
        send({ type: "result", ...result });
      } catch (err) {
        const state = toActionError(err);
        send({ type: "error", message: state?.message ?? "导入失败，请稍后重试。" });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}
