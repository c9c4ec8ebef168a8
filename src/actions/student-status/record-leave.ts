"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { fileToUpload } from "@/server/documents/documents";
import { recordLeave } from "@/server/student-status/write";
import { recordLeaveSchema } from "@/lib/schemas/student-status";
import { LEAVE_TYPE_LABELS, exemptionExplanation } from "@/lib/student-status";

export const recordLeaveAction = defineAction({
  permission: "student.leave",
  schema: recordLeaveSchema,
  revalidate: ["/students"],
  run: async (actor, input) => {
    const file = input.file ? await fileToUpload(input.file) : undefined;
    const e = await recordLeave(actor, { ...input, file }, now());
    return { message: `已登记离校：${LEAVE_TYPE_LABELS[input.type]}（${input.occurredOn}）。${exemptionExplanation(input.type, !!e.proofDocumentId)}` };
  },
});
