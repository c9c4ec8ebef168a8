"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { voidGraduationRecord } from "@/server/graduation/write";
import { voidGraduationRecordSchema } from "@/lib/schemas/graduation";

export const voidGraduationRecordAction = defineAction({
  permission: "graduation.void",
  schema: voidGraduationRecordSchema,
  revalidate: ["/graduation", "/students"],
  run: async (actor, input) => {
    await voidGraduationRecord(actor, input, now());
    return { message: "已作废该记录（保留在时间线上），可以重新登记。" };
  },
});
