import { z } from "zod";

const ids = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string().min(1)).min(1, "请至少选择一名学生"));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择日期");
const phone = z.string().trim().regex(/^1[3-9]\d{9}$/, "班主任电话应为 11 位手机号码");

export const sendOffSchema = z.object({ applicationIds: ids });

export const arrivalSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ARRIVED"), enrolmentIds: ids, arrivedOn: isoDate }),
  z.object({ status: z.literal("NOT_ARRIVED"), enrolmentIds: ids }),
]);

export const classSchema = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(2, "班级名称至少 2 个字").max(30, "班级名称不超过 30 个字"),
  code: z.string().trim().regex(/^[A-Za-z0-9]{1,6}$/, "班级代码为 1–6 位字母或数字，用于生成学号"),
  major: z.string().trim().min(2, "请填写专业").max(30, "专业不超过 30 个字"),
  sizeLimit: z.coerce.number({ error: "请填写班额" }).int("班额必须是整数").min(1, "班额至少为 1").max(80, "班额不超过 80 人"),
  headTeacherName: z.string().trim().min(2, "请填写班主任姓名").max(20, "班主任姓名不超过 20 个字"),
  headTeacherPhone: phone,
});

export const assignClassSchema = z.object({ classId: z.string().min(1, "请选择班级"), enrolmentIds: ids });

export const studentNoSchema = z.object({
  enrolmentId: z.string().min(1),
  studentNo: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, "学号为 1–20 位字母、数字或连字符"),
});

export const patternSchema = z.object({ pattern: z.string().trim() });
