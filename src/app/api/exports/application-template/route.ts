import { route } from "@/server/route";
import { applicationTemplate } from "@/server/applications/template";

export const dynamic = "force-dynamic";

/** GET → the bulk-import template (.xlsx) for the signed-in middle school; audited. */
export const GET = route("application.import", async (actor) => {
  const { fileName, bytes } = await applicationTemplate(actor);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="application-template.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}, { errors: "text" });
