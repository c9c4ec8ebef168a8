"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { createApplication } from "@/server/applications/write";
import { applicationPayloadSchema } from "@/lib/schemas/application-workflow";

export const createApplicationAction = defineAction({
  permission: "application.edit",
  schema: applicationPayloadSchema,
  revalidate: ["/applications"],
  run: async (actor, input) => {
    const a = await createApplication(actor, input.values, now());
    return {
      message: `已保存${a.studentName}的报名申请（草稿）。下一步：打印申请表，请学生本人和法定监护人签字按手印。`,
      data: { id: a.id },
    };
  },
});
