"use server";
import { defineAction } from "@/server/action";
import { waiveSendOffGate } from "@/server/filings/write";
import { waiveGateSchema } from "@/lib/schemas/filings";

export const waiveSendOffGateAction = defineAction({
  permission: "filing.waive",
  schema: waiveGateSchema,
  revalidate: ["/filings", "/send-off"],
  run: async (actor, input) => ({ message: (await waiveSendOffGate(actor, input)).message }),
});
