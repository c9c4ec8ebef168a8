import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { phaseStatus } from "@/server/calendar/calendar";
import { sendOffProgress } from "@/server/progress/progress";
import { RECEPTION_WINDOW, listClasses, listEnrolments, ownStudentNoPattern, type ReceptionQuery } from "@/server/reception/reception";
import { shownYear, yearAtHand } from "@/server/year";
import { pastYearReadOnly } from "@/lib/year";
import type { SearchParams } from "./search-params";

const str = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim().slice(0, 40) : "");

/** 接收与编班: one page of the students sent to the school, its classes, progress and 学号 pattern. */
export async function loadReceptionPage(actor: Actor, sp: SearchParams, t: Date) {
  const year = shownYear(sp, t);
  const arrival = str(sp.arrival);
  const query: ReceptionQuery = {
    q: str(sp.q), page: Math.max(1, Number(sp.page) || 1), classId: str(sp.classId),
    arrival: arrival === "PENDING" || arrival === "ARRIVED" || arrival === "NOT_ARRIVED" ? arrival : "",
  };
  const [at, phase, page, classes, progress, studentNoPattern] = await Promise.all([
    yearAtHand(sp, { now: t }),
    phaseStatus({ now: t, phase: RECEPTION_WINDOW, year }),
    listEnrolments(actor, query, year),
    listClasses(actor, year),
    sendOffProgress(actor, year),
    ownStudentNoPattern(actor),
  ]);
  const readOnly = pastYearReadOnly(year, phase.calendar, RECEPTION_WINDOW, t);
  // Classes are created in the current programme year (saveClass): the forms show only there.
  return { at, year, readOnly, editable: year === at.current, query, page, classes, progress, studentNoPattern };
}
