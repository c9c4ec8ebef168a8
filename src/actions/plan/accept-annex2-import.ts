"use server";
import { redirect } from "next/navigation";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { importAcceptSchema } from "@/lib/schemas/plan";
import { acceptAnnex2Import } from "@/server/plan/import";

export const acceptAnnex2ImportAction = defineAction({
  permission: "plan.edit",
  schema: importAcceptSchema,
  run: async (actor, input) => {
    const r = await acceptAnnex2Import(
      actor,
      { fileName: input.file.name, bytes: Buffer.from(await input.file.arrayBuffer()), year: input.year, amendReason: input.amendReason },
      now(),
    );
    redirect(`/plan/${r.year}/v/${r.version}?notice=imported`);
  },
});
