"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { fileToUpload } from "@/server/documents/documents";
import { recordExplanation } from "@/server/retention/write";
import { recordExplanationSchema } from "@/lib/schemas/retention";

export const recordExplanationAction = defineAction({
  permission: "retention.explain",
  schema: recordExplanationSchema,
  revalidate: ["/retention"],
  run: async (actor, input) => {
    await recordExplanation(actor, { year: input.year, text: input.text, file: input.file ? await fileToUpload(input.file) : undefined }, now());
    return { message: input.file ? "已记录原因说明和附件，考核单位可以看到。" : "已记录原因说明，考核单位可以看到。" };
  },
});
