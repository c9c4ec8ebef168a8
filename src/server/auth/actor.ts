import "server-only";
import { cache } from "react";
import { auth } from "@/auth";
import { AppError } from "@/server/errors";
import { loadActor, type Actor } from "./load-actor";
import { sessionExpired } from "@/lib/session-policy";
import { DbUnavailableError, isDbUnavailable, noteDbUnavailable } from "@/server/db-health";

export { loadActor, type Actor };

/** The signed-in actor for this request (re-verified against the database on every request). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const claims = session?.user as { sv?: number; at?: number } | undefined;
  const sv = claims?.sv;
  if (!id || typeof sv !== "number") return null;
  if (sessionExpired(claims?.at, Date.now())) return null;
  try {
    return await loadActor(id, sv);
  } catch (err) {
    // Every signed-in page loads the actor first: an outage shows its own page (app/error.tsx), not a bug report.
    if (isDbUnavailable(err)) {
      noteDbUnavailable();
      throw new DbUnavailableError(err);
    }
    throw err;
  }
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "登录已失效或账号已停用，请重新登录。");
  return actor;
}
