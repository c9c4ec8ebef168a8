"use server";
import { defineAction } from "@/server/action";
import { reviewFiling } from "@/server/filings/write";
import { reviewFilingSchema } from "@/lib/schemas/filings";

export const reviewFilingAction = defineAction({
  permission: "filing.review",
  schema: reviewFilingSchema,
  revalidate: ["/filings"],
  run: async (actor, input) => {
    const r = await reviewFiling(actor, input);
    return { message: r.message, data: { status: r.status } };
  },
});
