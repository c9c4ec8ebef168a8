import "server-only";
import { programmeYear } from "@/server/calendar/calendar";
import { requestStatusCounts } from "@/server/applications/read";
import type { InboxSource } from "../types";

/** A middle school's applications of the year that wait for it: signatures and scan (草稿), or its review (已签字). */
export const applicationsSource: InboxSource = async (actor, now) => {
  if (actor.role !== "MIDDLE_SCHOOL") return [];
  const year = programmeYear(now);
  const counts = await requestStatusCounts(actor, year); // the list header's counts (one statement on the driver)
  const n = (s: "DRAFT" | "SIGNED") => counts[s] ?? 0;
  const items = [];
  if (n("DRAFT")) {
    items.push({
      source: "applications", key: "consent", tone: "todo" as const, count: n("DRAFT"), href: `/applications?year=${year}&status=DRAFT`,
      title: `${n("DRAFT")} 份报名申请待签字确认并上传签字扫描件`,
      detail: "学生本人和法定监护人都签字按手印、上传签字表扫描件后才能审核。",
    });
  }
  if (n("SIGNED")) {
    items.push({
      source: "applications", key: "review", tone: "todo" as const, count: n("SIGNED"), href: `/applications?year=${year}&status=SIGNED`,
      title: `${n("SIGNED")} 份报名申请待学校审核`,
      detail: "审核意见须明确“同意”或“不同意”，并填写盖章日期；只有同意的才能送读。",
    });
  }
  return items;
};
