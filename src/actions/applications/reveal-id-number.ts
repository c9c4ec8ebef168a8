"use server";
import { defineAction } from "@/server/action";
import { revealIdNumber } from "@/server/applications/reveal";
import { revealIdNumberSchema } from "@/lib/schemas/reveal";

/** "显示完整身份证号": returns the number to the clicking user only; the reveal is audited. */
export const revealIdNumberAction = defineAction({
  permission: "application.read",
  schema: revealIdNumberSchema,
  run: async (actor, input) => {
    const data = await revealIdNumber(actor, input);
    return { message: "已显示完整身份证号码，本次查看已记入操作日志。", data };
  },
});
