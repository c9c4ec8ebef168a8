import "server-only";
import { riskFlagInboxItems } from "@/server/fieldwork/inbox";
import type { InboxSource } from "../types";

/**
 * Students flagged "流失风险" in a follow-up and still 在读: one line each for the two schools involved
 * and the student's county, until the flag is cleared or the student leaves (issue 21, decision 061).
 */
export const riskFlagsSource: InboxSource = (actor, now) => riskFlagInboxItems(actor, now);
