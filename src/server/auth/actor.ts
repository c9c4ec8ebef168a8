import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { AppError } from "@/server/errors";
import { loadActor, type Actor } from "./load-actor";
import { sessionClaims } from "./session-claims";
import { sessionExpired } from "@/lib/session-policy";
import { DbUnavailableError, isDbUnavailable, noteDbUnavailable } from "@/server/db-health";

export { loadActor, type Actor };

/** The signed-in actor for this request (re-verified against the database on every request). */
export const getActor = cache(async (): Promise<Actor | null> => {
  // The session cookie's claims, decrypted as next-auth does (decision 092: not through `auth()`).
  const claims = await sessionClaims(await headers());
  const id = claims?.uid;
  const sv = claims?.sv;
  if (typeof id !== "string" || !id || typeof sv !== "number") return null;
  if (sessionExpired(claims?.at as number | undefined, Date.now())) return null;
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
