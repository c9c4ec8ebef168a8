"use server";
import { defineAction } from "@/server/action";
import { patternSchema } from "@/lib/schemas/reception";
import { setStudentNoPattern } from "@/server/reception/reception";

export const setStudentNoPatternAction = defineAction({
  permission: "class.manage",
  schema: patternSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    await setStudentNoPattern(actor, input);
    return { message: "学号规则已保存，新编班的学生按新规则生成学号。" };
  },
});
