"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { reviewApplication } from "@/server/applications/write";
import { reviewSchema } from "@/lib/schemas/application-workflow";

export const reviewApplicationAction = defineAction({
  permission: "application.review",
  schema: reviewSchema,
  revalidate: ["/applications"],
  run: async (actor, input) => {
    const r = await reviewApplication(actor, input, now());
    return {
      message: r.status === "APPROVED" ? "已登记学校审核意见：同意。该学生可在送读期送读。" : "已登记学校审核意见：不同意。",
      data: r,
    };
  },
});
