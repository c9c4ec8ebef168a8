import "server-only";
import { TZDate } from "@date-fns/tz";
import { env } from "@/env";
import { CHINA_TIME_ZONE } from "@/lib/china-date";

/**
 * The server's clock. Rules never call `new Date()` themselves: they receive `now` from here
 * (or from a test). With ZJB_TRAINING_DATE set (演练模式) the China date is fixed to that day
 * while the time of day keeps running, so rehearsals can happen any day of the year.
 * It is read from the server environment only; nothing in the browser can set it.
 */
export function trainingDate(): string | null {
  const v = env().ZJB_TRAINING_DATE?.trim();
  if (!v) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    throw new Error(`ZJB_TRAINING_DATE 应为 YYYY-MM-DD 格式（例如 2020-05-08），当前为 "${v}"`);
  }
  return v;
}

export function now(): Date {
  const real = new Date();
  const day = trainingDate();
  if (!day) return real;
  const t = new TZDate(real.getTime(), CHINA_TIME_ZONE);
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, t.getHours(), t.getMinutes(), t.getSeconds(), CHINA_TIME_ZONE).getTime());
}
