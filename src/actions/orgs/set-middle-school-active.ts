"use server";
import { defineAction } from "@/server/action";
import { setActiveSchema } from "@/lib/schemas/org";
import { setMiddleSchoolActive } from "@/server/orgs/orgs";

export const setMiddleSchoolActiveAction = defineAction({
  permission: "org.middleSchool.manage",
  schema: setActiveSchema,
  revalidate: ["/orgs"],
  run: async (actor, input) => {
    await setMiddleSchoolActive(actor, input);
    return { message: input.active ? "已恢复启用该学校。" : "已停用该学校，其账号将无法登录；历史数据全部保留。" };
  },
});
