"use server";
import { signIn } from "@/auth";
import { defineAction } from "@/server/action";
import { changeOwnPasswordSchema } from "@/lib/schemas/org";
import { changeOwnPassword } from "@/server/users/users";

export const changeOwnPasswordAction = defineAction({
  permission: "user.changeOwnPassword",
  schema: changeOwnPasswordSchema,
  revalidate: ["/"],
  run: async (actor, input) => {
    await changeOwnPassword(actor, input);
    // The change ended every session of this user (sessionVersion); this one continues signed in anew.
    await signIn("credentials", { username: actor.username, password: input.password, redirect: false });
    return { message: "密码已修改，您在其他电脑或浏览器上的登录已全部退出。下次登录请使用新密码。" };
  },
});
