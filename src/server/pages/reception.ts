import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { phaseStatus } from "@/server/calendar/calendar";
import { sendOffProgress } from "@/server/progress/progress";
import { RECEPTION_WINDOW, listClasses, listEnrolments, ownStudentNoPattern, type ReceptionQuery } from "@/server/reception/reception";
import { yearAtHand } from "@/server/year";
import { pastYearReadOnly } from "@/lib/year";
import type { SearchParams } from "./search-params";

const str = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim().slice(0, 40) : "");

/** 接收与编班: one page of the students sent to the school, its classes, progress and 学号 pattern. */
export async function loadReceptionPage(actor: Actor, sp: SearchParams, t: Date) {
  const at = await yearAtHand(sp, { now: t });
  const { year } = at;
  const readOnly = pastYearReadOnly(year, (await phaseStatus({ now: t, phase: RECEPTION_WINDOW, year })).calendar, RECEPTION_WINDOW, t);
  const arrival = str(sp.arrival);
  const query: ReceptionQuery = {
    q: str(sp.q), page: Math.max(1, Number(sp.page) || 1), classId: str(sp.classId),
    arrival: arrival === "PENDING" || arrival === "ARRIVED" || arrival === "NOT_ARRIVED" ? arrival : "",
  };
  const [page, classes, progress, studentNoPattern] = await Promise.all([
    listEnrolments(actor, query, year),
    listClasses(actor, year),
    sendOffProgress(actor, year),
    ownStudentNoPattern(actor),
  ]);
  // Classes are created in the current programme year (saveClass): the forms show only there.
  return { at, year, readOnly, editable: year === at.current, query, page, classes, progress, studentNoPattern };
}
