import "server-only";
import { notFound, redirect } from "next/navigation";
import { getActor, type Actor } from "./actor";
import { can, type Permission } from "./permissions";

/** For pages: the actor, or a redirect to the login page when the session is gone or stale. */
export async function pageActor(permission?: Permission, opts: { passwordChangePage?: boolean } = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login?expired=1");
  // A password set by an administrator must be replaced before anything else is done.
  if (actor.mustChangePassword && !opts.passwordChangePage) redirect("/account?first=1");
  if (permission && !can(actor.role, permission)) notFound();
  return actor;
}
