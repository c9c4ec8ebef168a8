"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { changeChosenSchool } from "@/server/applications/change-school";
import { fileToUpload } from "@/server/documents/documents";
import { changeSchoolSchema } from "@/lib/schemas/application-workflow";

export const changeSchoolAction = defineAction({
  permission: "application.edit",
  schema: changeSchoolSchema,
  revalidate: ["/applications"],
  run: async (actor, input) => {
    const file = input.file ? await fileToUpload(input.file) : undefined;
    const r = await changeChosenSchool(actor, { id: input.id, toVocationalSchoolId: input.toVocationalSchoolId, file }, now());
    return { message: `已将报名就读学校由${r.from}改为${r.to}，重新签字的选择说明已保存。` };
  },
});
