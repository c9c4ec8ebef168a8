"use server";
import { defineAction } from "@/server/action";
import { assignClassSchema } from "@/lib/schemas/reception";
import { assignToClass } from "@/server/reception/reception";

export const assignClassAction = defineAction({
  permission: "class.manage",
  schema: assignClassSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    const r = await assignToClass(actor, input);
    return { message: `已编入 ${r.assigned} 名学生并生成学号，该班还可编入 ${r.remaining} 人。` };
  },
});
