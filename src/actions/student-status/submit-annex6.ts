"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { programmeYear } from "@/server/calendar/calendar";
import { submitAnnex6 } from "@/server/student-status/registration";
import { submitAnnex6Schema } from "@/lib/schemas/student-status";

export const submitAnnex6Action = defineAction({
  permission: "annex6.submit",
  schema: submitAnnex6Schema,
  revalidate: ["/registration"],
  run: async (actor, input) => {
    const t = now();
    const sub = await submitAnnex6(actor, input, programmeYear(t), t);
    return { message: `已报送第 ${sub.version} 版附件6（${sub.rowCount} 人）。` };
  },
});
