/** Form schemas for field work: publicity visits (宣传走访), follow-ups (跟踪回访) and the 流失风险 flag. */
import { z } from "zod";
import { FOLLOW_UP_KINDS } from "@/lib/fieldwork";

const id = (what: string) => z.string({ error: `缺少${what}编号，请刷新页面后重试` }).trim().min(1, `缺少${what}编号，请刷新页面后重试`);
const isoDate = (what: string) =>
  z.string({ error: `请填写${what}` }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, `请按“年-月-日”填写${what}，例如 2020-04-24`);
const text = (what: string, min: number, max: number) =>
  z.string({ error: `请填写${what}` }).trim().min(min, `请填写${what}`).max(max, `${what}不超过 ${max} 个字`);
const optionalText = (what: string, max: number) => z.string().trim().max(max, `${what}不超过 ${max} 个字`).optional().default("");
const count = (what: string) =>
  z.coerce.number({ error: `请填写${what}（整数，没有填 0）` }).int(`${what}须为整数`).min(0, `${what}不能为负数`).max(100000, `${what}过大，请核对`);

// Files from the browser; an empty file input arrives as a File of size 0 (= no file).
const files = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.custom<File>((v) => typeof File !== "undefined" && v instanceof File, { error: "请选择照片或文件" })),
).transform((fs) => fs.filter((f) => f.size > 0)).refine((fs) => fs.length <= 5, { message: "一次最多上传 5 个文件" });

export const recordVisitSchema = z.object({
  middleSchoolId: id("初中学校").refine((v) => v.length > 0, "请选择走访的初中学校"),
  visitedOn: isoDate("走访日期"),
  people: text("参加人员", 2, 200),
  content: text("宣传内容", 2, 1000),
  studentsReached: count("覆盖学生人数"),
  parentsReached: count("覆盖家长人数"),
  files,
});

export const confirmVisitSchema = z.object({ visitId: id("走访记录") });
export const voidVisitSchema = z.object({ visitId: id("走访记录"), reason: text("作废原因", 2, 200) });

export const recordFollowUpSchema = z
  .object({
    enrolmentId: id("学生"),
    kind: z.enum(FOLLOW_UP_KINDS, { error: "请选择回访方式" }),
    occurredOn: isoDate("回访日期"),
    middleSchoolParticipants: optionalText("原初中参加人员", 100),
    vocationalParticipants: optionalText("职业学校参加人员", 100),
    otherParticipants: optionalText("其他参加人员", 100),
    notes: text("回访情况记录", 2, 2000),
    risk: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    riskReason: optionalText("流失风险原因", 200),
  })
  .superRefine((v, ctx) => {
    if (!v.middleSchoolParticipants && !v.vocationalParticipants) {
      ctx.addIssue({ code: "custom", path: ["middleSchoolParticipants"], message: "请至少填写一方（原初中或职业学校）的参加人员" });
    }
    if (v.risk && v.riskReason.length < 2) {
      ctx.addIssue({ code: "custom", path: ["riskReason"], message: "标记流失风险时须写明原因" });
    }
  });
export type RecordFollowUpInput = z.output<typeof recordFollowUpSchema>;

export const clearRiskFlagSchema = z.object({ flagId: id("风险标记"), reason: text("解除原因", 2, 200) });
