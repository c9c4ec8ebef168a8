"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { sendGrades } from "@/server/graduation/write";
import { sendGradesSchema } from "@/lib/schemas/graduation";

export const sendGradesAction = defineAction({
  permission: "graduation.vocational",
  schema: sendGradesSchema,
  revalidate: ["/graduation", "/students"],
  run: async (actor, input) => {
    await sendGrades(actor, input, now());
    return { message: "已登记成绩和档案送回原初中，等待原初中登记接收。" };
  },
});
