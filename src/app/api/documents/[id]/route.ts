import { route } from "@/server/route";
import { getDocumentForDownload } from "@/server/documents/documents";

export const dynamic = "force-dynamic";

/**
 * An uploaded document (scan of a signed form, proof …), only for users who may see it:
 * anybody else gets 404 ("not found", never "forbidden"). Every download is audited.
 */
export const GET = route<{ params: Promise<{ id: string }> }>("document.read", async (actor, req, ctx) => {
  const { id } = await ctx.params;
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
}, { errors: "text" });
