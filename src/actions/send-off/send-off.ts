"use server";
import { defineAction } from "@/server/action";
import { sendOffSchema } from "@/lib/schemas/reception";
import { sendOff } from "@/server/send-off/send-off";
import { now } from "@/server/clock";

export const sendOffAction = defineAction({
  permission: "sendOff.execute",
  schema: sendOffSchema,
  revalidate: ["/send-off"],
  run: async (actor, input) => {
    const r = await sendOff(actor, input, now());
    const voc = r.remaining.vocational.map((v) => `${v.name}剩余 ${v.remaining}`).join("，");
    return {
      message: `已送读 ${r.sent} 人。本县市送读计划剩余 ${r.remaining.county} 个名额，学校分配剩余 ${r.remaining.middleSchool} 个名额；${voc}。`,
      data: r,
    };
  },
});
