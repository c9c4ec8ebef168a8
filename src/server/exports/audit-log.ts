import "server-only";
import ExcelJS from "exceljs";
import type { Actor } from "@/server/auth/load-actor";
import { auditAlone } from "@/server/audit";
import { auditLinesForExport, AUDIT_EXPORT_MAX } from "@/server/audit-read";
import { auditOrgOptions, describeFilter } from "@/server/audit-scope";
import { chinaTime } from "@/lib/audit-format";
import { AUDIT_ENTITY_LABELS } from "@/lib/audit-labels";
import { chinaDateOf } from "@/lib/china-date";
import type { AuditFilter } from "@/lib/schemas/audit";
import { annexSheetOptions } from "./page-setup";
import { xlsxBytes } from "./xlsx";

/**
 * The filtered 操作日志 as .xlsx (the same sentences as the page, never JSON), in the reader's scope.
 * The export itself is audited (`audit.export`, with the filters in words and the row count).
 */
export async function exportAuditLog(actor: Actor, f: AuditFilter, now: Date): Promise<{ fileName: string; bytes: Buffer }> {
  const [{ lines, total }, orgs] = await Promise.all([auditLinesForExport(actor, f), auditOrgOptions(actor)]);
  const filters = describeFilter(f, orgs, AUDIT_ENTITY_LABELS);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("操作日志", annexSheetOptions({ side: 0.4, topBottom: 0.5 }));
  ws.columns = [{ width: 20 }, { width: 22 }, { width: 26 }, { width: 20 }, { width: 24 }, { width: 80 }];
  ws.mergeCells(1, 1, 1, 6);
  ws.getCell(1, 1).value = `操作日志（${actor.orgName}导出，${chinaTime(now)}）`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, 6);
  ws.getCell(2, 1).value = `筛选条件：${filters}；共 ${total} 条${total > lines.length ? `，导出最新的 ${AUDIT_EXPORT_MAX} 条，请缩小日期范围后分批导出` : ""}`;
  const head = ws.addRow(["时间", "操作人", "单位", "操作", "对象", "内容"]);
  head.font = { bold: true };
  for (const l of lines) ws.addRow([chinaTime(l.at), l.actor, l.orgLabel, l.actionLabel, l.entityLabel, l.text]).alignment = { wrapText: true, vertical: "top" };
  ws.views = [{ state: "frozen", ySplit: 3 }];
  const bytes = await xlsxBytes(wb);
  await auditAlone(actor, "audit.export", { type: "AuditLog" }, { rows: lines.length, filters });
  return { fileName: `操作日志_${actor.orgName}_${chinaDateOf(now)}.xlsx`, bytes };
}
