/** Form schemas for the student page (离校, 证明, 考试返校, 更正), autumn registration and 附件6. */
import { z } from "zod";
import { LEAVE_TYPES, REGISTRATION_DECISIONS } from "@/lib/student-status";

const ID = z.string({ error: "缺少学生编号，请刷新页面后重试" }).trim().min(1, "缺少学生编号，请刷新页面后重试");
const isoDate = (what: string) =>
  z.string({ error: `请填写${what}` }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, `请按“年-月-日”填写${what}，例如 2020-06-15`);

// A File from the browser; an empty file input arrives as a File of size 0 (= no file).
export const optionalFile = z
  .custom<File>((v) => typeof File !== "undefined" && v instanceof File, { error: "请选择证明的扫描件或照片" })
  .optional()
  .transform((f) => (f && f.size > 0 ? f : undefined));

export const recordLeaveSchema = z
  .object({
    enrolmentId: ID,
    type: z.enum(LEAVE_TYPES, { error: "请选择离校类型" }),
    occurredOn: isoDate("离校日期"),
    otherSchoolName: z.string().trim().max(60, "学校名称不超过 60 个字").optional().default(""),
    comment: z.string().trim().max(200, "情况说明不超过 200 个字").optional().default(""),
    file: optionalFile,
  })
  .superRefine((v, ctx) => {
    if (v.type === "LEFT_OTHER_HIGH_SCHOOL" && v.otherSchoolName.length < 2) {
      ctx.addIssue({ code: "custom", path: ["otherSchoolName"], message: "请填写学生转入的高中阶段学校名称" });
    }
    if (v.type === "LEFT_OTHER" && v.comment.length < 2) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "离校类型为“其他”时须写明原因" });
    }
  });
export type RecordLeaveInput = z.output<typeof recordLeaveSchema>;

export const attachProofSchema = z.object({
  eventId: ID,
  file: optionalFile.refine((f) => f !== undefined, { message: "请选择证明的扫描件或照片" }),
});

export const correctEventSchema = z.object({
  eventId: ID,
  reason: z.string({ error: "请填写更正原因" }).trim().min(2, "请填写更正原因（至少 2 个字）").max(200, "更正原因不超过 200 个字"),
});

export const confirmReturnSchema = z.object({ eventId: ID });

export const examReturnSchema = z
  .object({
    enrolmentId: ID,
    occurredOn: isoDate("离开职业学校的日期"),
    examUntil: isoDate("考试结束日期"),
    comment: z.string().trim().max(200, "说明不超过 200 个字").optional().default(""),
  })
  .refine((v) => v.examUntil >= v.occurredOn, { path: ["examUntil"], message: "考试结束日期不能早于离开日期" });

export const examBackSchema = z.object({ eventId: ID, examBackOn: isoDate("返回职业学校的日期") });

const ids = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string().min(1)).min(1, "请至少选择一名学生"));
export const registrationSchema = z.object({
  enrolmentIds: ids,
  decision: z.enum(REGISTRATION_DECISIONS, { error: "请选择注册中职学籍或不继续" }),
});

export const submitAnnex6Schema = z.object({ reason: z.string().trim().max(200).optional() });
export const receiveAnnex6Schema = z.object({ submissionId: ID });
