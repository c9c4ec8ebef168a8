"use server";
import { defineAction } from "@/server/action";
import { setContinuation } from "@/server/graduation/write";
import { continuationSchema } from "@/lib/schemas/graduation";
import { CONTINUATION_LABELS } from "@/lib/graduation";

export const setContinuationAction = defineAction({
  permission: "graduation.vocational",
  schema: continuationSchema,
  revalidate: ["/graduation", "/students", "/registration"],
  run: async (actor, input) => {
    await setContinuation(actor, input);
    return { message: `已登记升学去向：${CONTINUATION_LABELS[input.path]}。` };
  },
});
