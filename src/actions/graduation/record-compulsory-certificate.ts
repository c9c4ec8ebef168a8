"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { recordCompulsoryCertificate } from "@/server/graduation/write";
import { compulsoryCertificateSchema } from "@/lib/schemas/graduation";

export const recordCompulsoryCertificateAction = defineAction({
  permission: "graduation.middle",
  schema: compulsoryCertificateSchema,
  revalidate: ["/graduation", "/students"],
  run: async (actor, input) => {
    await recordCompulsoryCertificate(actor, input, now());
    return { message: `已登记义务教育证书（编号 ${input.number}）。` };
  },
});
