import { boundedFormData, route } from "@/server/route";
import { importApplications } from "@/server/applications/import";
import { fileToUpload } from "@/server/documents/documents";
import { toActionError } from "@/server/action";
import { AppError } from "@/server/errors";
import { now } from "@/server/clock";
import { MAX_UPLOAD_BYTES } from "@/lib/schemas/application-workflow";

export const dynamic = "force-dynamic";

/** The file limit plus room for the multipart envelope. */
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/**
 * POST multipart (field "file") → a stream of NDJSON lines for the progress bar:
 *   {"type":"progress","stage":"read|check|save","done":n,"total":m}
 *   {"type":"result", ...ImportResult}   or   {"type":"error","message":"…"}
 * The import itself is all-or-nothing (one transaction). The wrapper checks the origin.
 */
export const POST = route("application.import", async (actor, req) => {
  const form = await boundedFormData(req, MAX_BODY_BYTES);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("VALIDATION", "请先选择填好的导入模板（.xlsx 文件）。");
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
}, { errors: "text" });
