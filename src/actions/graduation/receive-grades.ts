"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { receiveGrades } from "@/server/graduation/write";
import { receiveGradesSchema } from "@/lib/schemas/graduation";

export const receiveGradesAction = defineAction({
  permission: "graduation.middle",
  schema: receiveGradesSchema,
  revalidate: ["/graduation", "/students"],
  run: async (actor, input) => {
    await receiveGrades(actor, input, now());
    return { message: "已登记接收成绩和档案。" };
  },
});
