"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { confirmReturn } from "@/server/student-status/write";
import { confirmReturnSchema } from "@/lib/schemas/student-status";

export const confirmReturnAction = defineAction({
  permission: "student.confirmReturn",
  schema: confirmReturnSchema,
  revalidate: ["/students"],
  run: async (actor, input) => {
    await confirmReturn(actor, input, now());
    return { message: "已确认该生回校就读。" };
  },
});
