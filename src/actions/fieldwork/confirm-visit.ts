"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { confirmVisit } from "@/server/fieldwork/visits";
import { confirmVisitSchema } from "@/lib/schemas/fieldwork";

export const confirmVisitAction = defineAction({
  permission: "publicity.confirm",
  schema: confirmVisitSchema,
  revalidate: ["/fieldwork"],
  run: async (actor, input) => {
    const v = await confirmVisit(actor, input, now());
    return { message: `已确认${v.vocationalSchool.name}${v.visitedOn}到本校的宣传走访。` };
  },
});
