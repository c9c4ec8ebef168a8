"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { voidVisit } from "@/server/fieldwork/visits";
import { voidVisitSchema } from "@/lib/schemas/fieldwork";

export const voidVisitAction = defineAction({
  permission: "publicity.record",
  schema: voidVisitSchema,
  revalidate: ["/fieldwork"],
  run: async (actor, input) => {
    await voidVisit(actor, input, now());
    return { message: "已作废：该记录标为“已作废”并保留，不再计入走访次数。" };
  },
});
