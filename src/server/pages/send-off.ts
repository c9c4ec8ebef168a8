import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { can } from "@/server/auth/permissions";
import { phaseStatus } from "@/server/calendar/calendar";
import { sendOffGateStatus } from "@/server/filings/read";
import { sendOffProgress } from "@/server/progress/progress";
import { listOverdueArrivals } from "@/server/reception/reception";
import { listSendable } from "@/server/send-off/send-off";
import { shownYear, yearAtHand } from "@/server/year";
import { pastYearReadOnly, programmeYearOf } from "@/lib/year";
import type { SearchParams } from "./search-params";

/** 送读: the window, the progress tables, the sendable students (one page) and the overdue arrivals. */
export async function loadSendOffPage(actor: Actor, sp: SearchParams, t: Date) {
  const year = shownYear(sp, t);
  const current = programmeYearOf(t);
  const q = typeof sp.q === "string" ? sp.q.trim().slice(0, 40) : "";
  const page = Math.max(1, Number(sp.page) || 1);
  // 逾期未报到 is about today's send-offs: only in the current year.
  const showOverdue = year === current && (actor.role === "COUNTY" || actor.role === "MIDDLE_SCHOOL" || actor.role === "PREFECTURE");
  const mayExecute = can(actor.role, "sendOff.execute");
  // Side by side, not one after the other: under load every sequential step waits its turn (decisions 099, 101).
  // The sendable list is read with the window; a past year's page, read-only, does not show it.
  const [at, phase, progress, gate, sendableRead, overdue] = await Promise.all([
    yearAtHand(sp, { now: t }),
    phaseStatus({ now: t, phase: "sendOff", verb: "送读", year }),
    sendOffProgress(actor, year),
    sendOffGateStatus(actor, year),
    mayExecute ? listSendable(actor, year, { q, page, middleSchoolId: "" }) : null,
    showOverdue ? listOverdueArrivals(actor, t) : [],
  ]);
  const readOnly = pastYearReadOnly(year, phase.calendar, "sendOff", t);
  const canSend = mayExecute && !readOnly;
  const sendable = canSend ? sendableRead : null;
  return { at, year, phase, readOnly, open: phase.open, progress, gate, canSend, q, sendable, showOverdue, overdue };
}
