"use server";
import { defineAction } from "@/server/action";
import { submitRosterSchema } from "@/lib/schemas/roster";
import { submitRoster } from "@/server/roster/roster";
import { now } from "@/server/clock";

export const submitRosterAction = defineAction({
  permission: "roster.submit",
  schema: submitRosterSchema,
  revalidate: ["/roster"],
  run: async (actor, input) => {
    const s = await submitRoster(actor, input, now());
    return { message: `已提交第 ${s.version} 版在读学生名单（${s.rowCount} 人）。` };
  },
});
