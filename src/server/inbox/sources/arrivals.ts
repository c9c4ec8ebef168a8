import "server-only";
import { ARRIVAL_GRACE_DAYS, overdueArrivalCounts } from "@/server/reception/reception";
import type { InboxSource } from "../types";

/**
 * Students sent off at least 3 days ago and not arrived: the county and the middle school follow them up
 * (the send-off page lists them with the guardian's phone); the vocational school records the arrival
 * of those it has not registered either way.
 */
export const arrivalsSource: InboxSource = async (actor, now) => {
  if (actor.role === "PREFECTURE") return [];
  const { overdue, pending } = await overdueArrivalCounts(actor, now); // counts only: the list is on the send-off page
  if (actor.role === "VOCATIONAL_SCHOOL") {
    return pending
      ? [{
          source: "arrivals", key: "pending", tone: "overdue", count: pending, href: "/reception?arrival=PENDING",
          title: `${pending} 名学生送读已超过 ${ARRIVAL_GRACE_DAYS} 天，尚未登记报到情况`,
          detail: "请在“接收与编班”中登记已报到或未报到。",
        }]
      : [];
  }
  return overdue
    ? [{
        source: "arrivals", key: "overdue", tone: "overdue", count: overdue, href: "/send-off#overdue-h",
        title: `${overdue} 名学生送读 ${ARRIVAL_GRACE_DAYS} 天后仍未报到`,
        detail: "请联系学生和监护人，协助职业学校做好学生稳定工作。",
      }]
    : [];
};
