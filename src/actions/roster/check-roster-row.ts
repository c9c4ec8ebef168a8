"use server";
import { defineAction } from "@/server/action";
import { checkRowSchema } from "@/lib/schemas/roster";
import { checkRosterRow } from "@/server/roster/roster";
import { now } from "@/server/clock";

export const checkRosterRowAction = defineAction({
  permission: "roster.check",
  schema: checkRowSchema,
  revalidate: ["/roster"],
  run: async (actor, input) => {
    await checkRosterRow(actor, input, now());
    return { message: input.status === "CONFIRMED" ? "已确认。" : "已提出异议，职业学校将看到并答复。" };
  },
});
