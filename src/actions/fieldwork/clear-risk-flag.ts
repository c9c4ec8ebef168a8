"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { clearRiskFlag } from "@/server/fieldwork/follow-ups";
import { clearRiskFlagSchema } from "@/lib/schemas/fieldwork";

export const clearRiskFlagAction = defineAction({
  permission: "riskFlag.clear",
  schema: clearRiskFlagSchema,
  revalidate: ["/students", "/fieldwork"],
  run: async (actor, input) => {
    const f = await clearRiskFlag(actor, input, now());
    return { message: `已解除${f.enrolment.application.studentName}的流失风险标记。` };
  },
});
