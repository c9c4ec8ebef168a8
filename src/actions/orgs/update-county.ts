"use server";
import { defineAction } from "@/server/action";
import { countyUpdateSchema } from "@/lib/schemas/org";
import { updateCounty } from "@/server/orgs/orgs";

export const updateCountyAction = defineAction({
  permission: "org.county.manage",
  schema: countyUpdateSchema,
  revalidate: ["/orgs"],
  run: async (actor, input) => {
    const c = await updateCounty(actor, input);
    return { message: `已保存“${c.name}”。` };
  },
});
