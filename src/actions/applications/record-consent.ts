"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordConsent } from "@/server/applications/write";
import { fileToUpload } from "@/server/documents/documents";
import { consentSchema } from "@/lib/schemas/application-workflow";

export const recordConsentAction = defineAction({
  permission: "application.edit",
  schema: consentSchema,
  revalidate: ["/applications"],
  run: async (actor, input) => {
    const file = input.file ? await fileToUpload(input.file) : undefined;
    const r = await recordConsent(actor, { id: input.id, studentSigned: input.studentSigned, guardianSigned: input.guardianSigned, file }, now());
    const message =
      r.status === "SIGNED"
        ? "已登记签字并保存扫描件，申请状态为“已签字”，可以进行学校审核。"
        : `已保存。还需：${r.missing.join("、")}，才能进行学校审核。`;
    return { message, data: r };
  },
});
