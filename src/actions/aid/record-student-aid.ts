"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordStudentAid } from "@/server/aid/write";
import { studentAidSchema, AID_KIND_LABELS } from "@/lib/schemas/aid";
import { formatYuan } from "@/lib/money";

export const recordStudentAidAction = defineAction({
  permission: "aid.record",
  schema: studentAidSchema,
  revalidate: ["/aid", "/students"],
  run: async (actor, input) => {
    await recordStudentAid(actor, input, now());
    return { message: `已登记${AID_KIND_LABELS[input.kind]} ${formatYuan(input.amount)} 元（${input.period}）。` };
  },
});
