"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { receiveAnnex6 } from "@/server/student-status/registration";
import { receiveAnnex6Schema } from "@/lib/schemas/student-status";

export const receiveAnnex6Action = defineAction({
  permission: "annex6.receive",
  schema: receiveAnnex6Schema,
  revalidate: ["/registration"],
  run: async (actor, input) => {
    await receiveAnnex6(actor, input, now());
    return { message: "已接收该校附件6。" };
  },
});
