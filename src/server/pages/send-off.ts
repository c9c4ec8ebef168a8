import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { can } from "@/server/auth/permissions";
import { phaseStatus } from "@/server/calendar/calendar";
import { sendOffGateStatus } from "@/server/filings/read";
import { sendOffProgress } from "@/server/progress/progress";
import { listOverdueArrivals } from "@/server/reception/reception";
import { listSendable } from "@/server/send-off/send-off";
import { yearAtHand } from "@/server/year";
import { pastYearReadOnly } from "@/lib/year";
import type { SearchParams } from "./search-params";

/** 送读: the window, the progress tables, the sendable students (one page) and the overdue arrivals. */
export async function loadSendOffPage(actor: Actor, sp: SearchParams, t: Date) {
  const at = await yearAtHand(sp, { now: t });
  const { year } = at;
  const phase = await phaseStatus({ now: t, phase: "sendOff", verb: "送读", year });
  const readOnly = pastYearReadOnly(year, phase.calendar, "sendOff", t);
  const canSend = can(actor.role, "sendOff.execute") && !readOnly;
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 40) : "";
  const page = Math.max(1, Number(sp.page) || 1);
  // 逾期未报到 is about today's send-offs: only in the current year.
  const showOverdue = year === at.current && (actor.role === "COUNTY" || actor.role === "MIDDLE_SCHOOL" || actor.role === "PREFECTURE");
  // Side by side, not one after the other: under load every sequential step waits its turn (decision 099).
  const [progress, gate, sendable, overdue] = await Promise.all([
    sendOffProgress(actor, year),
    sendOffGateStatus(actor, year),
    canSend ? listSendable(actor, year, { q, page, middleSchoolId: "" }) : null,
    showOverdue ? listOverdueArrivals(actor, t) : [],
  ]);
  return { at, year, phase, readOnly, open: phase.open, progress, gate, canSend, q, sendable, showOverdue, overdue };
}
