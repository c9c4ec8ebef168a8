"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { withdrawApplication } from "@/server/applications/write";
import { withdrawSchema } from "@/lib/schemas/application-workflow";

export const withdrawApplicationAction = defineAction({
  permission: "application.edit",
  schema: withdrawSchema,
  revalidate: ["/applications"],
  run: async (actor, input) => {
    await withdrawApplication(actor, input, now());
    return { message: "已撤回该报名申请。申请内容和办理记录都会保留。" };
  },
});
