/** Form schemas for 经费保障 (policy 七, decision 026): amounts typed in yuan, stored in fen. */
import { z } from "zod";
import { parseYuan } from "@/lib/money";

export const AID_KINDS = ["COMPULSORY_AID", "LIVING", "TRANSPORT"] as const;
export type AidKind = (typeof AID_KINDS)[number];
export const AID_KIND_LABELS: Record<AidKind, string> = {
  COMPULSORY_AID: "义务教育阶段资助",
  LIVING: "生活费补助",
  TRANSPORT: "往返交通费补助",
};

/** An amount in yuan as typed → integer fen; negative, non-numeric or more than two decimals is refused in Chinese. */
export const yuanAmount = z
  .union([z.string(), z.number()], { error: "请填写金额（元）" })
  .transform((v, ctx) => {
    const r = parseYuan(String(v));
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.fen;
  });

const isoDate = (what: string) =>
  z.string({ error: `请填写${what}` }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, `请按“年-月-日”填写${what}，例如 2020-07-10`);
const year = z.coerce.number({ error: "年度无效，请刷新页面后重试" }).int("年度无效，请刷新页面后重试").min(2000, "年度无效，请刷新页面后重试").max(2100, "年度无效，请刷新页面后重试");

export const studentAidSchema = z.object({
  enrolmentId: z.string({ error: "缺少学生编号，请刷新页面后重试" }).trim().min(1, "缺少学生编号，请刷新页面后重试"),
  kind: z.enum(AID_KINDS, { error: "请选择资助项目" }),
  amount: yuanAmount,
  period: z.string({ error: "请填写资助期间" }).trim().min(2, "请填写资助期间，例如 2020年春季学期").max(30, "资助期间不超过 30 个字"),
  paidOn: isoDate("发放日期"),
  comment: z.string().trim().max(100, "说明不超过 100 个字").optional().default(""),
});

export const schoolSubsidySchema = z.object({
  vocationalSchoolId: z.string({ error: "请选择职业学校" }).trim().min(1, "请选择职业学校"),
  year,
  amount: yuanAmount,
  purpose: z.string().trim().max(100, "用途不超过 100 个字").optional().default(""),
  paidOn: isoDate("拨付日期"),
});

export const voidAidSchema = z.object({
  id: z.string({ error: "缺少记录编号，请刷新页面后重试" }).trim().min(1, "缺少记录编号，请刷新页面后重试"),
  target: z.enum(["STUDENT", "SCHOOL"], { error: "缺少记录类型，请刷新页面后重试" }),
  reason: z.string({ error: "请填写作废原因" }).trim().min(2, "请填写作废原因（至少 2 个字）").max(200, "作废原因不超过 200 个字"),
});
