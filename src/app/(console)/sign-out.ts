"use server";
import { signOut } from "@/auth";
import { getActor } from "@/server/auth/actor";
import { endAllSessions } from "@/server/auth/sessions";

export async function signOutAction() {
  const actor = await getActor();
  if (actor) await endAllSessions(actor);
  await signOut({ redirectTo: "/login" });
}
