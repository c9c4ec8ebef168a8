"use server";
import { defineAction } from "@/server/action";
import { phaseOverrideFormSchema } from "@/lib/schemas/calendar";
import { setPhaseOverride } from "@/server/calendar/edit-calendar";

export const setPhaseOverrideAction = defineAction({
  permission: "calendar.edit",
  schema: phaseOverrideFormSchema,
  revalidate: ["/calendar", "/"],
  run: async (actor, input) => {
    const r = await setPhaseOverride(actor, input);
    return { message: r.message, data: { version: r.version } };
  },
});
