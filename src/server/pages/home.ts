import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { can } from "@/server/auth/permissions";
import { getHomeTimeline } from "@/server/calendar/calendar-view";
import { getDashboard } from "@/server/dashboard/read";
import { requestInbox } from "@/server/inbox";
import { shownYear, yearAtHand } from "@/server/year";
import type { SearchParams } from "./search-params";

/** 首页: what the page shows for the actor (the query-count test calls the same loader: decision 091). */
export async function loadHomePage(actor: Actor, sp: SearchParams, t: Date) {
  const year = shownYear(sp, t);
  const [at, timeline, dashboard, inbox] = await Promise.all([
    yearAtHand(sp, { now: t }),
    can(actor.role, "calendar.read") ? getHomeTimeline(actor, t, year) : null,
    getDashboard(actor, year),
    requestInbox(actor),
  ]);
  return { at, year, timeline, dashboard, inbox };
}
