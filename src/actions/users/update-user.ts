"use server";
import { defineAction } from "@/server/action";
import { userUpdateSchema } from "@/lib/schemas/org";
import { updateUser } from "@/server/users/users";

export const updateUserAction = defineAction({
  permission: "user.manage",
  schema: userUpdateSchema,
  revalidate: ["/users"],
  run: async (actor, input) => {
    await updateUser(actor, input);
    return { message: "已保存账号信息。" };
  },
});
