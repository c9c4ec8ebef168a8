"use server";
import { defineAction } from "@/server/action";
import { now } from "@/server/clock";
import { allocationSchema } from "@/lib/schemas/plan";
import { saveAllocations } from "@/server/plan/allocation";

export const saveAllocationsAction = defineAction({
  permission: "allocation.edit",
  schema: allocationSchema,
  revalidate: ["/plan"],
  run: async (actor, input) => {
    const r = await saveAllocations(actor, input, now());
    return {
      message: r.changed === 0
        ? `分配没有变化：已分配 ${r.total} 人，未分配 ${r.unallocated} 人。`
        : `已保存：已分配 ${r.total} 人，未分配 ${r.unallocated} 人（送读计划 ${r.cap} 人）。`,
      data: r,
    };
  },
});
