"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { voidAid } from "@/server/aid/write";
import { voidAidSchema } from "@/lib/schemas/aid";

export const voidAidAction = defineAction({
  permission: "aid.record",
  schema: voidAidSchema,
  revalidate: ["/aid", "/students"],
  run: async (actor, input) => {
    await voidAid(actor, input, now());
    return { message: "已作废该记录（保留并标明作废原因）。" };
  },
});
