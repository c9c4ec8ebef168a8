"use server";
import { defineAction } from "@/server/action";
import { submissionSchema } from "@/lib/schemas/roster";
import { releaseRoster } from "@/server/roster/roster";
import { now } from "@/server/clock";

export const releaseRosterAction = defineAction({
  permission: "roster.release",
  schema: submissionSchema,
  revalidate: ["/roster"],
  run: async (actor, input) => {
    const n = await releaseRoster(actor, input, now());
    return { message: `已将名单反馈给 ${n} 个县市。` };
  },
});
