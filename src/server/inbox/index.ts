import "server-only";
import { cache } from "react";
import type { Actor } from "@/server/auth/load-actor";
import { now } from "@/server/clock";
import type { InboxItem, InboxSource } from "./types";
import { applicationsSource } from "./sources/applications";
import { arrivalsSource } from "./sources/arrivals";
import { rosterSource } from "./sources/roster";
import { filingsSource } from "./sources/filings";
import { deadlinesSource } from "./sources/deadlines";
import { riskFlagsSource } from "./sources/risk-flags";

export type { InboxItem, InboxSource } from "./types";

/**
 * Every kind of to-do. A new kind is one file in ./sources/ exporting an
 * InboxSource, added to this list: the inbox page, the home page and the navigation badge follow.
 */
export const INBOX_SOURCES: InboxSource[] = [applicationsSource, arrivalsSource, rosterSource, filingsSource, riskFlagsSource, deadlinesSource];

const ORDER: Record<InboxItem["tone"], number> = { overdue: 0, todo: 1, deadline: 2 };

/** The actor's to-do lines, computed now: overdue first, then work waiting, then deadlines by date. */
export async function inboxFor(actor: Actor, now: Date, sources: InboxSource[] = INBOX_SOURCES): Promise<InboxItem[]> {
  const lists = await Promise.all(sources.map((s) => s(actor, now)));
  return lists.flat().sort((a, b) => ORDER[a.tone] - ORDER[b.tone] || (a.due ?? "9999").localeCompare(b.due ?? "9999"));
}

/** The navigation badge: the number of to-do lines. */
export async function inboxCount(actor: Actor, now: Date): Promise<number> {
  return (await inboxFor(actor, now)).length;
}

/**
 * The actor's inbox for this request, on the server clock: computed once per request even though the
 * layout (badge) and the home page (list) both show it (the actor object is the request's cached one).
 */
export const requestInbox = cache((actor: Actor) => inboxFor(actor, now()));
