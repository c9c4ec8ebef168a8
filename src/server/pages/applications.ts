import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { requestCalendar } from "@/server/calendar/calendar";
import { entryWindowInfo, listApplications, listFilterOptions, requestStatusCounts } from "@/server/applications/read";
import { shownYear, yearAtHand } from "@/server/year";
import { APPLICATION_ENTRY_WINDOW } from "@/lib/calendar-settings";
import { applicationListQuerySchema } from "@/lib/schemas/application-workflow";
import { pastYearReadOnly } from "@/lib/year";
import { firstParam as one, type SearchParams } from "./search-params";

/** 报名申请 list: one page of the filtered list, the filter options and the counts per state. */
export async function loadApplicationsPage(actor: Actor, sp: SearchParams, t: Date) {
  const query = applicationListQuerySchema.parse({
    q: one(sp.q), status: one(sp.status), className: one(sp.className), vocationalSchoolId: one(sp.vocationalSchoolId),
    middleSchoolId: one(sp.middleSchoolId), year: one(sp.year), page: one(sp.page),
  });
  const year = shownYear(sp, t);
  query.year = year;
  // Side by side, not one after the other: under load every sequential step waits its turn (decisions 099, 101).
  const counting = requestStatusCounts(actor, year);
  const [at, page, options, counts, window, calendar] = await Promise.all([
    yearAtHand(sp, { now: t }),
    listApplications(actor, query, t, counting), // its total from the counts when only the state is filtered
    listFilterOptions(actor, year),
    counting,
    entryWindowInfo(t),
    requestCalendar(year),
  ]);
  // Entry is always for the current programme year; a past year whose entry window is over is read-only.
  const readOnly = pastYearReadOnly(at.year, calendar, APPLICATION_ENTRY_WINDOW, t);
  return { query, at, page, options, counts, window, readOnly };
}
