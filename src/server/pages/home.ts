import "server-only";
import type { Actor } from "@/server/auth/load-actor";
import { can } from "@/server/auth/permissions";
import { getHomeTimeline } from "@/server/calendar/calendar-view";
import { getDashboard } from "@/server/dashboard/read";
import { requestInbox } from "@/server/inbox";
import { yearAtHand } from "@/server/year";
import type { SearchParams } from "./search-params";

/** 首页: what the page shows for the actor (the query-count test calls the same loader: decision 091). */
export async function loadHomePage(actor: Actor, sp: SearchParams, t: Date) {
  const at = await yearAtHand(sp, { now: t });
  const [timeline, dashboard, inbox] = await Promise.all([
    can(actor.role, "calendar.read") ? getHomeTimeline(actor, t, at.year) : null,
    getDashboard(actor, at.year),
    requestInbox(actor),
  ]);
  return { at, year: at.year, timeline, dashboard, inbox };
}
