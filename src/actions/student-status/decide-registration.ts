"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { decideRegistration } from "@/server/student-status/registration";
import { registrationSchema } from "@/lib/schemas/student-status";
import { REGISTRATION_LABELS } from "@/lib/student-status";

export const decideRegistrationAction = defineAction({
  permission: "registration.edit",
  schema: registrationSchema,
  revalidate: ["/registration", "/students"],
  run: async (actor, input) => {
    const n = await decideRegistration(actor, input, now());
    return { message: `已为 ${n} 名学生登记“${REGISTRATION_LABELS[input.decision]}”。` };
  },
});
