"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { correctEvent } from "@/server/student-status/write";
import { correctEventSchema } from "@/lib/schemas/student-status";

export const correctEventAction = defineAction({
  permission: "student.leave",
  schema: correctEventSchema,
  revalidate: ["/students"],
  run: async (actor, input) => {
    await correctEvent(actor, input, now());
    return { message: "已更正：原记录标为“已作废”并保留在时间线上。" };
  },
});
