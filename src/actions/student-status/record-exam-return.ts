"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordExamReturn } from "@/server/student-status/write";
import { examReturnSchema } from "@/lib/schemas/student-status";

export const recordExamReturnAction = defineAction({
  permission: "student.leave",
  schema: examReturnSchema,
  revalidate: ["/students"],
  run: async (actor, input) => {
    await recordExamReturn(actor, input, now());
    return { message: `已登记返回原初中参加学业水平考试（${input.occurredOn} 至 ${input.examUntil}），该生仍为在读，不计流失。` };
  },
});
