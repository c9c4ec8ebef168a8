"use server";
import { defineAction } from "@/server/action";
import { fileToUpload } from "@/server/documents/documents";
import { attachProof } from "@/server/student-status/write";
import { attachProofSchema } from "@/lib/schemas/student-status";

export const attachProofAction = defineAction({
  permission: "student.proof",
  schema: attachProofSchema,
  revalidate: ["/students"],
  run: async (actor, input) => {
    const e = await attachProof(actor, { eventId: input.eventId, file: await fileToUpload(input.file!) });
    return { message: e.exempt ? "已上传有效证明，该生不计入职业学校巩固考核。" : "已上传证明。" };
  },
});
