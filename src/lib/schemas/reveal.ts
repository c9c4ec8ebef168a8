import { z } from "zod";

export const REVEAL_PAGES = ["student", "application"] as const;
export type RevealPage = (typeof REVEAL_PAGES)[number];
export const REVEAL_PAGE_LABELS: Record<RevealPage, string> = { student: "学生页面", application: "报名申请页面" };

export const revealIdNumberSchema = z.object({
  applicationId: z.string().trim().min(1, "缺少学生编号，请刷新页面后重试"),
  page: z.enum(REVEAL_PAGES).catch("application"),
});
