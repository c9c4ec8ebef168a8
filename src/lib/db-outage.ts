// Shared by the error pages (client) and the server: the words and the marker of a database outage.
export const DB_UNAVAILABLE_TEXT = "数据库暂时无法连接，请稍后重试。";
export const DB_UNAVAILABLE_DIGEST = "ZJB_DB_UNAVAILABLE";

/**
 * Where the server keeps the time of the last refused database connection (globalThis, one process),
 * and how long it is believed: src/proxy.ts answers pages with 503 at once during that time.
 */
export const DB_DOWN_AT_KEY = "__zjbDbDownAt";
export const OUTAGE_MEMORY_MS = 2_000;

export function recentlyDown(downAt: number | undefined, now: number) {
  return downAt !== undefined && now - downAt < OUTAGE_MEMORY_MS;
}

/** The 503 page (no script; it reloads itself every 5 s). */
export const DB_UNAVAILABLE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>${DB_UNAVAILABLE_TEXT}</title></head><body style="font-family:sans-serif;text-align:center;padding:40px"><h1>${DB_UNAVAILABLE_TEXT}</h1><p>您的数据没有丢失。本页每 5 秒自动重试；如长时间无法使用，请联系系统管理员。</p></body></html>`;
