"use server";
import { defineAction } from "@/server/action";
import { vocationalSchoolSchema } from "@/lib/schemas/org";
import { saveVocationalSchool } from "@/server/orgs/orgs";

export const saveVocationalSchoolAction = defineAction({
  permission: "org.vocationalSchool.manage",
  schema: vocationalSchoolSchema,
  revalidate: ["/orgs"],
  run: async (actor, input) => {
    const s = await saveVocationalSchool(actor, input);
    return { message: input.id ? `已保存“${s.name}”。` : `已新增“${s.name}”。` };
  },
});
