"use server";
import { defineAction } from "@/server/action";
import { idOnlySchema } from "@/lib/schemas/org";
import { unlockUser } from "@/server/users/users";

export const unlockUserAction = defineAction({
  permission: "user.unlock",
  schema: idOnlySchema,
  revalidate: ["/users"],
  run: async (actor, input) => {
    await unlockUser(actor, input);
    return { message: "已解除锁定：该账号可以重新登录。" };
  },
});
