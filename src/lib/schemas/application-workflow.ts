/**
 * 附件3 — what happens to an application after entry (SPEC §5): consent, school review,
 * withdrawal, list filters. Pure module shared by forms, actions and the server.
 */
import { z } from "zod";
import { parseYearParam } from "@/lib/year";

export const APPLICATION_STATUSES = ["DRAFT", "SIGNED", "APPROVED", "REJECTED", "SENT_OFF", "WITHDRAWN"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  DRAFT: "草稿（待签字）",
  SIGNED: "已签字（待审核）",
  APPROVED: "审核同意",
  REJECTED: "审核不同意",
  SENT_OFF: "已送读",
  WITHDRAWN: "已撤回",
};

/** Statuses that still count as "the" application of a person for the year. */
export const LIVE_STATUSES = ["DRAFT", "SIGNED", "APPROVED", "SENT_OFF"] as const satisfies readonly ApplicationStatus[];
/** The content of the form may be changed (a signed one goes back to 草稿: the paper must be signed again). */
export const EDITABLE_STATUSES = ["DRAFT", "SIGNED"] as const satisfies readonly ApplicationStatus[];
/** 自愿撤回 is possible at any time before send-off. */
export const WITHDRAWABLE_STATUSES = ["DRAFT", "SIGNED", "APPROVED"] as const satisfies readonly ApplicationStatus[];

/** Uploads of the signed paper form: the three accepted kinds and the size limit. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_ACCEPT = ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf";
export const UPLOAD_KINDS_LABEL = "JPG、PNG 图片或 PDF 文件";

const ID = z.string({ error: "缺少申请编号，请刷新页面后重试" }).trim().min(1, "缺少申请编号，请刷新页面后重试");

const checkbox = z.preprocess(
  (v) => v === true || v === "on" || v === "true" || v === "1",
  z.boolean(),
);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 签字确认: both signatures ticked from the paper form, and (optionally, again) its scan. */
export const consentSchema = z.object({
  id: ID,
  studentSigned: checkbox,
  guardianSigned: checkbox,
  // A File from the browser; an empty file input arrives as a File of size 0 (no new scan).
  file: z
    .custom<File>((v) => typeof File !== "undefined" && v instanceof File, { error: "请选择签字后申请表的扫描件或照片" })
    .optional()
    .transform((f) => (f && f.size > 0 ? f : undefined)),
});

/** 初中学校审核意见: explicitly 同意 or 不同意, with the seal date. */
export const reviewSchema = z.object({
  id: ID,
  decision: z.enum(["APPROVE", "REJECT"], { error: "请选择审核意见：同意或不同意" }),
  reviewDate: z
    .string({ error: "请填写盖章日期" })
    .trim()
    .regex(ISO_DATE, "请按“年-月-日”填写盖章日期，例如 2020-05-06"),
  comment: z
    .string()
    .trim()
    .max(200, "审核说明不能超过200个字，请精简")
    .optional()
    .transform((s) => (s ? s : undefined)),
});
export type ReviewInput = z.infer<typeof reviewSchema>;

export const withdrawSchema = z.object({
  id: ID,
  reason: z
    .string({ error: "请填写撤回原因" })
    .trim()
    .min(2, "请填写撤回原因（至少2个字），例如“学生及监护人自愿撤回”")
    .max(200, "撤回原因不能超过200个字，请精简"),
});
export type WithdrawInput = z.infer<typeof withdrawSchema>;

/** The entry form posts its values as one JSON payload (nested address) plus the id when editing. */
export const applicationPayloadSchema = z.object({
  id: z.string().trim().min(1).optional(),
  values: z.record(z.string(), z.unknown(), { error: "申请表数据不完整，请刷新页面后重新填写" }),
});
export type ApplicationPayload = z.infer<typeof applicationPayloadSchema>;

/** List filters from the query string. */
export const applicationListQuerySchema = z.object({
  q: z.string().trim().max(40).optional().default(""),
  status: z.union([z.enum(APPLICATION_STATUSES), z.literal("")]).optional().catch("").default(""),
  className: z.string().trim().max(40).optional().default(""),
  vocationalSchoolId: z.string().trim().max(40).optional().default(""),
  middleSchoolId: z.string().trim().max(40).optional().default(""),
  year: z.string().optional().transform((v) => parseYearParam(v) ?? undefined).catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;

export const changeSchoolSchema = z.object({
  id: ID,
  toVocationalSchoolId: z.string().min(1, "请选择新的报名就读学校"),
  file: z
    .custom<File>((v) => typeof File !== "undefined" && v instanceof File, { error: "请上传重新签字的扫描件或照片" })
    .optional()
    .transform((f) => (f && f.size > 0 ? f : undefined)),
});
