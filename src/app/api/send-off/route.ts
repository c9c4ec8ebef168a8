// JSON endpoint for send-off (used by integrations and the two-server benchmark); same rules as the page's action.
import { jsonRoute } from "@/server/route";
import { sendOffSchema } from "@/lib/schemas/reception";
import { sendOff } from "@/server/send-off/send-off";
import { now } from "@/server/clock";

export const dynamic = "force-dynamic";
export const POST = jsonRoute("sendOff.execute", sendOffSchema, (actor, input) => sendOff(actor, input, now()));
