"use server";
import { defineAction } from "@/server/action";
import { importPreviewSchema } from "@/lib/schemas/plan";
import { previewAnnex2Import, type ImportPreview } from "@/server/plan/import";

export const previewAnnex2ImportAction = defineAction<typeof importPreviewSchema, ImportPreview>({
  permission: "plan.edit",
  schema: importPreviewSchema,
  run: async (actor, input) => {
    const preview = await previewAnnex2Import(actor, { fileName: input.file.name, bytes: Buffer.from(await input.file.arrayBuffer()) });
    const n = preview.problems.length;
    return {
      message: n === 0
        ? "文件已读取，没有发现问题。核对无误后请点“接受并保存为草稿”。尚未保存任何内容。"
        : `文件已读取，发现 ${n} 处问题（见下表）。尚未保存任何内容。`,
      data: preview,
    };
  },
});
