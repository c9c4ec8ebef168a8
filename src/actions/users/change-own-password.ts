"use server";
import { defineAction } from "@/server/action";
import { changeOwnPasswordSchema } from "@/lib/schemas/org";
import { changeOwnPassword } from "@/server/users/users";

export const changeOwnPasswordAction = defineAction({
  permission: "user.changeOwnPassword",
  schema: changeOwnPasswordSchema,
  revalidate: ["/"],
  run: async (actor, input) => {
    await changeOwnPassword(actor, input);
    return { message: "密码已修改。下次登录请使用新密码。" };
  },
});
