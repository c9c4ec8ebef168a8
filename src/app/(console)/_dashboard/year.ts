import { z } from "zod";

/**
 * `?year=YYYY` of the home page (the year selector of issue 15 item 1 is added around it);
 * 0 = not given or invalid: the caller falls back to the programme year of today.
 */
export const dashboardYearParam = z.coerce.number().int().min(2000).max(2100).catch(0);
