import "server-only";
import type { Actor } from "@/server/auth/load-actor";

/**
 * One line of the to-do inbox (待办事项), computed from the data each time it is shown: it exists exactly
 * while the state that causes it exists, and links to the page where it is done (decision 031).
 */
export type InboxItem = {
  /** The source that made it, e.g. "applications"; with `key`, unique in one actor's inbox. */
  source: string;
  key: string;
  title: string;
  detail?: string;
  /** Where the work is done. */
  href: string;
  /** How many records the line stands for (e.g. 3 applications awaiting review); 1 for a deadline. */
  count: number;
  /** "overdue" lines are listed first and marked red. */
  tone: "overdue" | "todo" | "deadline";
  /** China date the line is due on, when it has one ("YYYY-MM-DD"); sorts the lines. */
  due?: string;
};

/**
 * A source of inbox lines: one file per kind of to-do under src/server/inbox/sources/, listed in
 * src/server/inbox/index.ts. It decides itself whether the actor's role is concerned (else returns
 * []), applies the actor's scope in its queries and takes "now" from the caller (the injected clock).
 */
export type InboxSource = (actor: Actor, now: Date) => Promise<InboxItem[]>;
