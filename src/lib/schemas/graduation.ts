/** Form schemas for 毕业 (issue 14 item 4–5): completion, files sent back, certificates, continuation path. */
import { z } from "zod";
import { CONTINUATION_PATHS } from "@/lib/graduation";

const ID = z.string({ error: "缺少学生编号，请刷新页面后重试" }).trim().min(1, "缺少学生编号，请刷新页面后重试");
const EVENT = z.string({ error: "缺少记录编号，请刷新页面后重试" }).trim().min(1, "缺少记录编号，请刷新页面后重试");
const isoDate = (what: string) =>
  z.string({ error: `请填写${what}` }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, `请按“年-月-日”填写${what}，例如 2020-07-10`);
const text = (what: string, max: number) =>
  z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`).max(max, `${what}不超过 ${max} 个字`);
const ids = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string().min(1)).min(1, "请至少选择一名学生"));

export const completeProgrammeSchema = z.object({ enrolmentIds: ids, completedOn: isoDate("完成义务教育的日期") });

export const sendGradesSchema = z.object({
  enrolmentId: ID,
  sentOn: isoDate("送回日期"),
  comment: z.string().trim().max(200, "说明不超过 200 个字").optional().default(""),
});

export const receiveGradesSchema = z.object({ eventId: EVENT, receivedOn: isoDate("接收日期") });

export const compulsoryCertificateSchema = z.object({
  enrolmentId: ID,
  number: text("义务教育证书编号", 40),
  issuedOn: isoDate("发证日期"),
});

export const skillCertificateSchema = z.object({
  enrolmentId: ID,
  name: text("证书名称（职业/工种）", 60),
  level: text("等级", 20),
  number: text("证书编号", 40),
  issuedOn: isoDate("发证日期"),
});

export const voidGraduationRecordSchema = z.object({
  eventId: EVENT,
  reason: z.string({ error: "请填写作废原因" }).trim().min(2, "请填写作废原因（至少 2 个字）").max(200, "作废原因不超过 200 个字"),
});

export const continuationSchema = z.object({
  enrolmentId: ID,
  path: z.enum(CONTINUATION_PATHS, { error: "请选择升学去向" }),
  note: z.string().trim().max(100, "说明不超过 100 个字").optional().default(""),
});
