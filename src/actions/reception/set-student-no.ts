"use server";
import { defineAction } from "@/server/action";
import { studentNoSchema } from "@/lib/schemas/reception";
import { setStudentNo } from "@/server/reception/reception";

export const setStudentNoAction = defineAction({
  permission: "class.manage",
  schema: studentNoSchema,
  revalidate: ["/reception"],
  run: async (actor, input) => {
    await setStudentNo(actor, input);
    return { message: `学号已改为 ${input.studentNo}。` };
  },
});
