"use server";
import { defineAction } from "@/server/action";
import { submissionSchema } from "@/lib/schemas/roster";
import { confirmAllRows } from "@/server/roster/roster";
import { now } from "@/server/clock";

export const confirmAllRowsAction = defineAction({
  permission: "roster.check",
  schema: submissionSchema,
  revalidate: ["/roster"],
  run: async (actor, input) => {
    const n = await confirmAllRows(actor, input, now());
    return { message: `已确认其余 ${n} 名学生。` };
  },
});
