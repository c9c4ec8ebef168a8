"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { completeProgramme } from "@/server/graduation/write";
import { completeProgrammeSchema } from "@/lib/schemas/graduation";

export const completeProgrammeAction = defineAction({
  permission: "graduation.vocational",
  schema: completeProgrammeSchema,
  revalidate: ["/graduation", "/students", "/registration"],
  run: async (actor, input) => {
    const n = await completeProgramme(actor, input, now());
    return { message: `已为 ${n} 名学生登记完成义务教育。` };
  },
});
