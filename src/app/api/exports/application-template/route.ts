import { route } from "@/server/route";
import { applicationTemplate } from "@/server/applications/template";
import { xlsxResponse } from "@/server/exports/xlsx";

export const dynamic = "force-dynamic";

/** GET → the bulk-import template (.xlsx) for the signed-in middle school; audited. */
export const GET = route("application.import", async (actor) => {
  const { fileName, bytes } = await applicationTemplate(actor);
  return xlsxResponse(bytes, fileName, "application-template.xlsx");
}, { errors: "text" });
