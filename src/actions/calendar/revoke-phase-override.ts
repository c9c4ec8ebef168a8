"use server";
import { defineAction } from "@/server/action";
import { revokeOverrideFormSchema } from "@/lib/schemas/calendar";
import { revokePhaseOverride } from "@/server/calendar/edit-calendar";

export const revokePhaseOverrideAction = defineAction({
  permission: "calendar.edit",
  schema: revokeOverrideFormSchema,
  revalidate: ["/calendar", "/"],
  run: async (actor, input) => {
    const r = await revokePhaseOverride(actor, input);
    return { message: r.message, data: { version: r.version } };
  },
});
