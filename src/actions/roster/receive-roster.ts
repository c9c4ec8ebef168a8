"use server";
import { defineAction } from "@/server/action";
import { submissionSchema } from "@/lib/schemas/roster";
import { receiveRoster } from "@/server/roster/roster";
import { now } from "@/server/clock";

export const receiveRosterAction = defineAction({
  permission: "roster.receive",
  schema: submissionSchema,
  revalidate: ["/roster"],
  run: async (actor, input) => {
    await receiveRoster(actor, input, now());
    return { message: "已确认接收。" };
  },
});
