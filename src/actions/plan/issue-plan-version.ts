"use server";
import { redirect } from "next/navigation";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { versionIdSchema } from "@/lib/schemas/plan";
import { issueVersion } from "@/server/plan/write";

export const issuePlanVersionAction = defineAction({
  permission: "plan.issue",
  schema: versionIdSchema,
  run: async (actor, input) => {
    const r = await issueVersion(actor, input, now());
    redirect(`/plan/${r.year}?notice=issued&v=${r.version}`);
  },
});
