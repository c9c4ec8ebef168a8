"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordSchoolSubsidy } from "@/server/aid/write";
import { schoolSubsidySchema } from "@/lib/schemas/aid";
import { formatYuan } from "@/lib/money";

export const recordSchoolSubsidyAction = defineAction({
  permission: "aid.record",
  schema: schoolSubsidySchema,
  revalidate: ["/aid"],
  run: async (actor, input) => {
    await recordSchoolSubsidy(actor, input, now());
    return { message: `已登记对职业学校的补助 ${formatYuan(input.amount)} 元。` };
  },
});
