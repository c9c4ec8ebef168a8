import { z } from "zod";

export const submitRosterSchema = z.object({ reason: z.string().trim().max(200, "原因不超过 200 个字").optional() });
export const submissionSchema = z.object({ submissionId: z.string().min(1) });
export const checkRowSchema = z.object({
  submissionId: z.string().min(1),
  enrolmentId: z.string().min(1),
  status: z.enum(["CONFIRMED", "DISCREPANCY"]),
  comment: z.string().trim().max(200, "异议内容不超过 200 个字").optional(),
});
export const answerSchema = z.object({
  checkId: z.string().min(1),
  answer: z.string().trim().min(2, "请填写答复内容").max(200, "答复不超过 200 个字"),
});
