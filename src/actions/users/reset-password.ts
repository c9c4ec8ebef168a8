"use server";
import { defineAction } from "@/server/action";
import { resetPasswordSchema } from "@/lib/schemas/org";
import { resetPassword } from "@/server/users/users";

export const resetPasswordAction = defineAction({
  permission: "user.manage",
  schema: resetPasswordSchema,
  revalidate: ["/users"],
  run: async (actor, input) => {
    await resetPassword(actor, input);
    return { message: "已重置密码。请把新密码告知本人，其首次登录后须修改密码。" };
  },
});
