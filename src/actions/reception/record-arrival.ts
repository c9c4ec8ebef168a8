"use server";
import { defineAction } from "@/server/action";
import { arrivalSchema } from "@/lib/schemas/reception";
import { recordArrival } from "@/server/reception/reception";
import { now } from "@/server/clock";

export const recordArrivalAction = defineAction({
  permission: "reception.edit",
  schema: arrivalSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    const n = await recordArrival(actor, input, now());
    return { message: input.status === "ARRIVED" ? `已登记 ${n} 名学生报到（${input.arrivedOn}）。` : `已登记 ${n} 名学生未报到。` };
  },
});
