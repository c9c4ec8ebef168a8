"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { signAssessment } from "@/server/retention/write";
import { signAssessmentSchema } from "@/lib/schemas/retention";

export const signAssessmentAction = defineAction({
  permission: "retention.assess",
  schema: signAssessmentSchema,
  revalidate: ["/retention"],
  run: async (actor, input) => {
    const row = await signAssessment(actor, input, now());
    return { message: `已签署第 ${row.version} 版考核结果：${row.result === "PASS" ? "达标" : "未达标"}。签署后不能修改，如需更正请签署新版本。` };
  },
});
