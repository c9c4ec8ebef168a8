import "server-only";
import { rosterYears } from "@/server/roster/roster";
import { now } from "@/server/clock";
import { programmeYear } from "@/server/calendar/calendar";

/** Years to offer: the programme year and every year with a submitted 附件4; default = the latest such year. */
export async function retentionYears(sp: Record<string, string | string[] | undefined>) {
  const current = programmeYear(now());
  const withRoster = await rosterYears();
  const years = [...new Set([current, ...withRoster])].sort((a, b) => b - a);
  const asked = Number(typeof sp.year === "string" ? sp.year : "");
  const year = years.includes(asked) ? asked : (withRoster.sort((a, b) => b - a)[0] ?? current);
  return { years, year };
}
