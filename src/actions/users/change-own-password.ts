"use server";
import { signIn } from "@/auth";
import { defineAction } from "@/server/action";
import { changeOwnPasswordSchema } from "@/lib/schemas/org";
import { changeOwnPassword } from "@/server/users/users";
import { PASSWORD_CHANGED } from "@/lib/schemas/org";

export const changeOwnPasswordAction = defineAction({
  permission: "user.changeOwnPassword",
  schema: changeOwnPasswordSchema,
  revalidate: ["/"],
  run: async (actor, input) => {
    await changeOwnPassword(actor, input);
    // The change ended every session of this user (sessionVersion); this browser signs in anew and
    // lands on the account page, which says so.
    await signIn("credentials", { username: actor.username, password: input.password, redirectTo: "/account?changed=1" });
    return { message: PASSWORD_CHANGED };
  },
});
