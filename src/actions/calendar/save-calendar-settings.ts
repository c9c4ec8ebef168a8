"use server";
import { defineAction } from "@/server/action";
import { calendarSettingsFormSchema } from "@/lib/schemas/calendar";
import { saveCalendarSettings } from "@/server/calendar/edit-calendar";

export const saveCalendarSettingsAction = defineAction({
  permission: "calendar.edit",
  schema: calendarSettingsFormSchema,
  revalidate: ["/calendar", "/"],
  run: async (actor, input) => {
    const r = await saveCalendarSettings(actor, input);
    return {
      message: r.changed
        ? `已保存${input.year}年工作日历（第 ${r.version} 版），各阶段时间已按新设置重新计算。`
        : "设置没有变化，无需保存。",
      data: { version: r.version },
    };
  },
});
