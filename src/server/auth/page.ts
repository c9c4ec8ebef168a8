import "server-only";
import { notFound, redirect } from "next/navigation";
import { getActor, type Actor } from "./actor";
import type { Permission } from "./permissions";
import { refusalOf } from "./gate";

/** For pages: the actor, or a redirect to the login page when the session is gone or stale. */
export async function pageActor(permission?: Permission, opts: { passwordChangePage?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login?expired=1");
  // The same rule as actions and routes: a password set by an administrator is replaced first; a page
  // the role may not open does not exist for it.
  const refusal = refusalOf(actor, permission, opts);
  if (refusal === "mustChangePassword") redirect("/account?first=1");
  if (refusal === "forbidden") notFound();
  return actor;
}
