"use server";
import { redirect } from "next/navigation";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { versionIdSchema } from "@/lib/schemas/plan";
import { discardDraft } from "@/server/plan/write";

export const discardPlanDraftAction = defineAction({
  permission: "plan.edit",
  schema: versionIdSchema,
  run: async (actor, input) => {
    const r = await discardDraft(actor, input, now());
    redirect(`/plan/${r.year}?notice=discarded&v=${r.version}`);
  },
});
