import { z } from "zod";
import { OVERRIDE_KEYS } from "@/lib/calendar-settings";
import { isIsoDate } from "@/lib/china-date";

/**
 * Forms of the 工作日历 page (shared by the client forms and the server actions).
 * Dates are typed by people: "2020-05-09", "2020-5-9", "2020/5/9" and "2020年5月9日" are all accepted
 * and normalised to "YYYY-MM-DD"; lists may be separated by new lines, spaces, commas or 、.
 */

const DATE_HINT = "请按 2020-05-09 的格式填写";

/** "2020年5月9日" / "2020/5/9" / "2020-5-9" → "2020-05-09"; null when it is not a real date. */
export function normaliseDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

const requiredDate = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .transform((v, ctx) => {
      const d = normaliseDate(v);
      if (!d) {
        ctx.addIssue({ code: "custom", message: `${label}“${v}”不是有效日期，${DATE_HINT}` });
        return z.NEVER;
      }
      return d;
    });

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .default("")
    .transform((v, ctx) => {
      if (v === "") return null;
      const d = normaliseDate(v);
      if (!d) {
        ctx.addIssue({ code: "custom", message: `${label}“${v}”不是有效日期，${DATE_HINT}；不需要时请留空` });
        return z.NEVER;
      }
      return d;
    });

/** A list of dates typed in a text area; sorted, without duplicates. */
const dateList = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .default("")
    .transform((v, ctx) => {
      const tokens = (Array.isArray(v) ? v.join("\n") : v).split(/[\s,，、;；]+/).filter(Boolean);
      const out = new Set<string>();
      for (const t of tokens) {
        const d = normaliseDate(t);
        if (!d) {
          ctx.addIssue({ code: "custom", message: `${label}中的“${t}”不是有效日期，${DATE_HINT}，每行一个` });
          return z.NEVER;
        }
        out.add(d);
      }
      return [...out].sort();
    });

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

const year = z.coerce
  .number({ error: "缺少年度，请刷新页面后重试" })
  .int("年度应为整数")
  .min(2000, "年度应在 2000—2100 之间")
  .max(2100, "年度应在 2000—2100 之间");

/** The version the form was loaded with (0 = no calendar yet); a stale one is refused as a conflict. */
const version = z.coerce.number({ error: "缺少版本号，请刷新页面后重试" }).int().min(0);

const reason = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(2, `请填写${what}（至少 2 个字），说明为什么调整，例如“受疫情影响推迟送读”`)
    .max(200, `${what}不超过 200 个字`);

export const calendarSettingsFormSchema = z.object({
  year,
  version,
  mayDayHolidayEnd: requiredDate("五一劳动节假期最后一天"),
  extraNonWorkingDays: dateList("其他非工作日"),
  makeUpWorkingDays: dateList("调休上班日"),
  makeUpSaturdaysCount: checkbox.default(false),
  autumnRegistrationDate: optionalDate("秋季学期中职学籍注册完成日期"),
  countyPlanDeadline: optionalDate("实施方案截止日期"),
  teachingPlanDeadline: optionalDate("教学方案（附件5）截止日期"),
  annualReportDeadline: optionalDate("招生情况及工作总结截止日期"),
});
export type CalendarSettingsForm = z.output<typeof calendarSettingsFormSchema>;

export const phaseOverrideFormSchema = z.object({
  year,
  version,
  phase: z.enum(OVERRIDE_KEYS, { error: "请选择要调整的阶段" }),
  start: requiredDate("调整后的开始日期"),
  end: requiredDate("调整后的结束日期"),
  reason: reason("调整原因"),
});
export type PhaseOverrideForm = z.output<typeof phaseOverrideFormSchema>;

export const revokeOverrideFormSchema = z.object({
  year,
  version,
  phase: z.enum(OVERRIDE_KEYS, { error: "请选择要恢复的阶段" }),
  reason: reason("恢复原因"),
});
export type RevokeOverrideForm = z.output<typeof revokeOverrideFormSchema>;

