"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordFollowUp } from "@/server/fieldwork/follow-ups";
import { recordFollowUpSchema } from "@/lib/schemas/fieldwork";
import { FOLLOW_UP_KIND_LABELS } from "@/lib/fieldwork";

export const recordFollowUpAction = defineAction({
  permission: "followUp.record",
  schema: recordFollowUpSchema,
  revalidate: ["/students", "/fieldwork"],
  run: async (actor, input) => {
    const r = await recordFollowUp(actor, input, now());
    const flag = r.flag
      ? "已标记流失风险：原初中、职业学校和县市教育体育局都会看到，直至解除标记或学生离校。"
      : r.alreadyFlagged ? "该生已有未解除的流失风险标记，标记保持不变。" : "";
    return { message: `已登记${FOLLOW_UP_KIND_LABELS[input.kind]}（${input.occurredOn}）。${flag}` };
  },
});
