"use server";
import { defineAction } from "@/server/action";
import { setActiveSchema } from "@/lib/schemas/org";
import { setUserActive } from "@/server/users/users";

export const setUserActiveAction = defineAction({
  permission: "user.manage",
  schema: setActiveSchema,
  revalidate: ["/users"],
  run: async (actor, input) => {
    await setUserActive(actor, input);
    return { message: input.active ? "已恢复启用该账号。" : "已停用该账号：它无法再登录，已打开的页面在下一次操作时退出。" };
  },
});
