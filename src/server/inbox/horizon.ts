/** Deadlines this many days ahead (or fewer) appear in the inbox (issue 15 item 4: "the next 14 days"). */
export const INBOX_HORIZON_DAYS = 14;
