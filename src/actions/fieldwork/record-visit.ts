"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { fileToUpload } from "@/server/documents/documents";
import { recordVisit } from "@/server/fieldwork/visits";
import { recordVisitSchema } from "@/lib/schemas/fieldwork";

export const recordVisitAction = defineAction({
  permission: "publicity.record",
  schema: recordVisitSchema,
  revalidate: ["/fieldwork"],
  run: async (actor, input) => {
    const files = await Promise.all(input.files.map(fileToUpload));
    const { school } = await recordVisit(actor, { ...input, files }, now());
    return { message: `已登记到${school.county.name}${school.name}的宣传走访（${input.visitedOn}），等待该校确认。` };
  },
});
