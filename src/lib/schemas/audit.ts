import { z } from "zod";
import { addCalendarDays, isIsoDate } from "@/lib/china-date";

/** An optional China date (YYYY-MM-DD); anything else is ignored rather than refused (it comes from a URL). */
const day = z.string().trim().optional().transform((v) => (v && isIsoDate(v) ? v : ""));
const key = z.string().trim().max(80).optional().transform((v) => v ?? "");

/** The 操作日志 filters (page URL and export URL carry the same ones). */
export const auditFilterSchema = z.object({
  from: day,
  to: day,
  /** an organisation: "prefecture:<id>", "county:<id>", "middle:<id>" or "voc:<id>" */
  org: key.refine((v) => v === "" || /^(prefecture|county|middle|voc):[\w-]+$/.test(v), "单位无效，请重新选择"),
  action: key,
  entity: key,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** The instants [start, end) of a China-date range (Asia/Shanghai midnight to the midnight after `to`). */
export function chinaDayRange(from: string, to: string): { gte?: Date; lt?: Date } {
  return {
    ...(from ? { gte: new Date(`${from}T00:00:00+08:00`) } : {}),
    ...(to ? { lt: new Date(`${addCalendarDays(to, 1)}T00:00:00+08:00`) } : {}),
  };
}

/** The filters as URL parameters (for pagination links and the export link). */
export function auditFilterParams(f: AuditFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ["from", "to", "org", "action", "entity"] as const) if (f[k]) out[k] = f[k];
  return out;
}
