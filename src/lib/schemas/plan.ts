/**
 * 附件2 送读招生计划 — input schemas shared by the plan forms (browser) and the plan actions (server).
 *
 * The zod layer only checks the shape: every figure a non-negative integer, ids present, a reason of
 * sensible length. The rules with bounds and names (S ≤ ⌊30% × N⌋, S※ ≤ S, E※ ≤ E) come from
 * `@/lib/plan-rules`, run by the editor as the user types and by the server in the saving transaction.
 */
import { z } from "zod";

export const PLAN_YEAR_MIN = 2000;
export const PLAN_YEAR_MAX = 2100;

/** Field keys used for per-cell errors (same on client and server). */
export const countyFieldKey = (i: number, field: "cohortBase" | "sendOffCap" | "shanghaiTask") => `counties.${i}.${field}`;
export const schoolFieldKey = (i: number, field: "enrolCap" | "shanghaiTask") => `vocationalSchools.${i}.${field}`;
export const allocationFieldKey = (i: number) => `allocations.${i}.allocation`;

/** Parses what a user typed into a count: "" → null, "１２" → 12, anything else as typed (NaN if not a number). */
export function parseCount(text: string): number | null {
  const t = text.normalize("NFKC").replace(/[\s,，]/g, "");
  if (t === "") return null;
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

const count = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? parseCount(v) : v),
    z
      .number({ error: (iss) => (iss.input === null || iss.input === undefined ? `请填写${label}` : `${label}必须是不小于0的整数`) })
      .refine((n) => Number.isSafeInteger(n) && n >= 0, `${label}必须是不小于0的整数`),
  );

export const planYearSchema = z.coerce
  .number({ error: "请填写计划年度" })
  .int("计划年度应为四位数年份")
  .min(PLAN_YEAR_MIN, `计划年度应在 ${PLAN_YEAR_MIN}–${PLAN_YEAR_MAX} 年之间`)
  .max(PLAN_YEAR_MAX, `计划年度应在 ${PLAN_YEAR_MIN}–${PLAN_YEAR_MAX} 年之间`);

export const amendReasonSchema = z
  .string({ error: "请填写调整原因" })
  .trim()
  .min(4, "请写明调整原因（至少 4 个字），例如“双柏县初中毕业生数更正”")
  .max(500, "调整原因不超过 500 字");

const optionalReason = z
  .string()
  .trim()
  .max(500, "调整原因不超过 500 字")
  .optional()
  .transform((v) => (v ? v : undefined));

export const countyRowSchema = z.object({
  countyId: z.string().min(1),
  cohortBase: count("初中毕业生数"),
  sendOffCap: count("送读计划"),
  shanghaiTask: count("东西协作任务数"),
});

export const schoolRowSchema = z.object({
  vocationalSchoolId: z.string().min(1),
  enrolCap: count("招生计划"),
  shanghaiTask: count("东西协作任务数"),
});

/** The editor's payload: a new plan (no versionId) or an edit of the open draft. */
export const planDraftSchema = z.object({
  year: planYearSchema,
  versionId: z.string().optional().transform((v) => (v ? v : undefined)),
  amendReason: optionalReason,
  counties: z.array(countyRowSchema).min(1, "计划中没有县市"),
  vocationalSchools: z.array(schoolRowSchema).min(1, "计划中没有职业学校"),
});
/** What the domain accepts (the schema's output, with the optional keys optional). */
export type PlanDraftInput = {
  year: number;
  versionId?: string;
  amendReason?: string;
  counties: { countyId: string; cohortBase: number; sendOffCap: number; shanghaiTask: number }[];
  vocationalSchools: { vocationalSchoolId: string; enrolCap: number; shanghaiTask: number }[];
};

export const versionIdSchema = z.object({ versionId: z.string().min(1, "缺少版本编号，请刷新页面后重试") });

/** 调整计划 (after issue) or 修正导入草稿: a new draft version made from an existing one. */
export const newVersionSchema = z.object({
  versionId: z.string().min(1, "缺少版本编号，请刷新页面后重试"),
  amendReason: amendReasonSchema,
});

export const allocationSchema = z.object({
  year: planYearSchema,
  allocations: z
    .array(z.object({ middleSchoolId: z.string().min(1), allocation: count("分配名额") }))
    .min(1, "本县市没有可分配的初中学校"),
});
export type AllocationInput = z.output<typeof allocationSchema>;

export const ANNEX2_MAX_BYTES = 5 * 1024 * 1024;

const xlsxFile = z
  .custom<File>((v) => typeof File !== "undefined" && v instanceof File, "请选择要导入的附件2文件（.xlsx）")
  .refine((f) => f.size > 0, "所选文件是空的，请重新选择")
  .refine((f) => f.size <= ANNEX2_MAX_BYTES, "文件超过 5 MB，请确认选择的是附件2（送读招生计划表）");

export const importPreviewSchema = z.object({ file: xlsxFile });

export const importAcceptSchema = z.object({
  file: xlsxFile,
  year: planYearSchema,
  amendReason: optionalReason,
});
