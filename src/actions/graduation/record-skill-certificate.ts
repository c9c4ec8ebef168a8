"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordSkillCertificate } from "@/server/graduation/write";
import { skillCertificateSchema } from "@/lib/schemas/graduation";

export const recordSkillCertificateAction = defineAction({
  permission: "graduation.vocational",
  schema: skillCertificateSchema,
  revalidate: ["/graduation", "/students"],
  run: async (actor, input) => {
    await recordSkillCertificate(actor, input, now());
    return { message: `已登记职业技能等级证书：${input.name}（${input.level}，编号 ${input.number}）。` };
  },
});
