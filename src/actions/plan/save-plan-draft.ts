"use server";
import { redirect } from "next/navigation";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { planDraftSchema } from "@/lib/schemas/plan";
import { saveDraft } from "@/server/plan/write";

export const savePlanDraftAction = defineAction({
  permission: "plan.edit",
  schema: planDraftSchema,
  // On success the browser goes to the saved draft (a server-side redirect: the editor page itself
  // would otherwise re-render first and say that the year's plan now exists).
  run: async (actor, input) => {
    const saved = await saveDraft(actor, input, now());
    redirect(`/plan/${saved.year}/v/${saved.version}?notice=${saved.created ? "created" : "saved"}`);
  },
});
