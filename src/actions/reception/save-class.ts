"use server";
import { defineAction } from "@/server/action";
import { classSchema } from "@/lib/schemas/reception";
import { saveClass } from "@/server/reception/reception";
import { now } from "@/server/clock";

export const saveClassAction = defineAction({
  permission: "class.manage",
  schema: classSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    const c = await saveClass(actor, input, now());
    return { message: input.id ? `已保存班级“${c.name}”。` : `已创建班级“${c.name}”。` };
  },
});
