import { z } from "zod";

/** `?year=` of the filings pages; anything else falls back to the current programme year (0). */
export const filingYearParam = z.coerce.number().int().min(2000).max(2100).catch(0);
