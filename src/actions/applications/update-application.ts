"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { updateApplication } from "@/server/applications/write";
import { applicationPayloadSchema } from "@/lib/schemas/application-workflow";
import { AppError } from "@/server/errors";

export const updateApplicationAction = defineAction({
  permission: "application.edit",
  schema: applicationPayloadSchema,
  revalidate: ["/applications"],
  run: async (actor, input) => {
    if (!input.id) throw new AppError("VALIDATION", "缺少申请编号，请返回列表重新打开该申请。");
    const r = await updateApplication(actor, input.id, input.values, now());
    const message =
      r.changed.length === 0
        ? "内容没有变化，无需保存。"
        : r.consentReset
          ? "已保存修改。因申请表内容有变化，原签字已作废、申请退回草稿：请重新打印申请表，请学生和监护人重新签字后再登记。"
          : "已保存修改。";
    return { message, data: { id: r.id } };
  },
});
