"use server";
import { defineAction } from "@/server/action";
import { userCreateSchema } from "@/lib/schemas/org";
import { createUser } from "@/server/users/users";

export const createUserAction = defineAction({
  permission: "user.manage",
  schema: userCreateSchema,
  revalidate: ["/users"],
  run: async (actor, input) => {
    const u = await createUser(actor, input);
    return { message: `已开设账号“${u.username}”。请把初始密码告知本人，首次登录后须修改密码。`, data: { id: u.id } };
  },
});
