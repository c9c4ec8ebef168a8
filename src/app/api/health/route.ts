import { DB_UNAVAILABLE_MESSAGE, probeDatabase } from "@/server/db-health";

export const dynamic = "force-dynamic";

/** For the load balancer and the fault harness: 200 when the database answers, 503 (Chinese message) when not. */
export async function GET() {
  const state = await probeDatabase();
  if (state.database === "ok") return Response.json({ ok: true, ...state });
  return Response.json({ ok: false, ...state, message: DB_UNAVAILABLE_MESSAGE }, { status: 503, headers: { "Retry-After": "5" } });
}
