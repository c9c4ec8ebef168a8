import { errorResponse } from "@/server/route";
import { getActor } from "@/server/auth/actor";
import { getDocumentForDownload } from "@/server/documents/documents";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * An uploaded document (scan of a signed form, proof …), only for users who may see it:
 * anybody else gets 404 ("not found", never "forbidden"). Every download is audited.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return text(401, "登录已失效，请重新登录后再打开文件。");
  const { id } = await ctx.params;
  try {
    const doc = await getDocumentForDownload(actor, id);
    const download = new URL(req.url).searchParams.get("download") === "1";
    const name = encodeURIComponent(doc.fileName);
    return new Response(Buffer.from(doc.bytes), {
      headers: {
        "Content-Type": doc.mimeType,
        "Content-Length": String(doc.size),
        "Content-Disposition": `${download ? "attachment" : "inline"}; filename="document"; filename*=UTF-8''${name}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        // Images open sandboxed; Chrome refuses to show a PDF under `sandbox`, so PDFs get only nosniff.
        ...(doc.mimeType.startsWith("image/") ? { "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox" } : {}),
      },
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return text(404, err.message);
    return errorResponse(err);
  }
}
