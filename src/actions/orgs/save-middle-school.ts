"use server";
import { defineAction } from "@/server/action";
import { middleSchoolSchema } from "@/lib/schemas/org";
import { saveMiddleSchool } from "@/server/orgs/orgs";
import { now } from "@/server/clock";

export const saveMiddleSchoolAction = defineAction({
  permission: "org.middleSchool.manage",
  schema: middleSchoolSchema,
  revalidate: ["/orgs"],
  run: async (actor, input) => {
    const s = await saveMiddleSchool(actor, input, now());
    return { message: input.id ? `已保存“${s.name}”。` : `已新增“${s.name}”。`, data: { id: s.id } };
  },
});
