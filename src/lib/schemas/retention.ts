/** Form schemas for the retention assessment (巩固考核): the school's explanation and the assessor's sign-off. */
import { z } from "zod";
import { optionalFile } from "@/lib/schemas/student-status";

const schoolId = z.string({ error: "缺少职业学校编号，请刷新页面后重试" }).trim().min(1, "缺少职业学校编号，请刷新页面后重试");
const year = z.coerce.number({ error: "年度无效，请刷新页面后重试" }).int("年度无效，请刷新页面后重试").min(2000, "年度无效，请刷新页面后重试").max(2100, "年度无效，请刷新页面后重试");
const optionalText = (max: number, what: string) => z.string().trim().max(max, `${what}不超过 ${max} 个字`).optional().transform((v) => v || undefined);

export const recordExplanationSchema = z.object({
  year,
  text: z.string({ error: "请填写未达 95% 的原因" }).trim().min(10, "请具体说明未达 95% 的原因（至少 10 个字）").max(2000, "原因说明不超过 2000 个字"),
  file: optionalFile, // optional attachment: a scan or photo (证明材料、情况说明盖章件)
});

export const signAssessmentSchema = z.object({
  vocationalSchoolId: schoolId,
  year,
  result: z.enum(["PASS", "FAIL"], { error: "请选择考核结果：达标或未达标" }),
  comment: z.string({ error: "请填写考核意见" }).trim().min(2, "请填写考核意见").max(1000, "考核意见不超过 1000 个字"),
  method: optionalText(1000, "考核办法"),
  reason: optionalText(500, "更正原因"),
});
