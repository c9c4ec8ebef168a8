"use server";
import { defineAction } from "@/server/action";
import { answerSchema } from "@/lib/schemas/roster";
import { answerDiscrepancy } from "@/server/roster/roster";
import { now } from "@/server/clock";

export const answerDiscrepancyAction = defineAction({
  permission: "roster.answer",
  schema: answerSchema,
  revalidate: ["/roster"],
  run: async (actor, input) => {
    await answerDiscrepancy(actor, input, now());
    return { message: "已答复。" };
  },
});
