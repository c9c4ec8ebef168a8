"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordExplanation } from "@/server/retention/write";
import { recordExplanationSchema } from "@/lib/schemas/retention";

export const recordExplanationAction = defineAction({
  permission: "retention.explain",
  schema: recordExplanationSchema,
  revalidate: ["/retention"],
  run: async (actor, input) => {
    await recordExplanation(actor, input, now());
    return { message: "已记录原因说明，考核单位可以看到。" };
  },
});
