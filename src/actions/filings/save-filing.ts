"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { fileToUpload } from "@/server/documents/documents";
import { saveFiling } from "@/server/filings/write";
import { FILING_LABELS, saveFilingSchema } from "@/lib/schemas/filings";

export const saveFilingAction = defineAction({
  permission: "filing.submit",
  schema: saveFilingSchema,
  revalidate: ["/filings"],
  run: async (actor, input) => {
    const file = input.file ? await fileToUpload(input.file) : undefined;
    const submit = input.intent === "submit";
    const r = await saveFiling(actor, { kind: input.kind, year: input.year, content: input.payload, file, submit }, now());
    const label = `${input.year}年${FILING_LABELS[input.kind]}`;
    return {
      message: submit ? `已提交${label}（第 ${r.version} 版），等待审核。` : `已保存${label}草稿（第 ${r.version} 版），尚未提交。`,
      data: r,
    };
  },
});
