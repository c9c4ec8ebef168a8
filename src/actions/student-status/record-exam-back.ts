"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordExamBack } from "@/server/student-status/write";
import { examBackSchema } from "@/lib/schemas/student-status";

export const recordExamBackAction = defineAction({
  permission: "student.leave",
  schema: examBackSchema,
  revalidate: ["/students"],
  run: async (actor, input) => {
    await recordExamBack(actor, input, now());
    return { message: `已登记该生于 ${input.examBackOn} 返回职业学校。` };
  },
});
