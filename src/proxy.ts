// Optimistic check only (is there a session cookie?): no database calls here.
// Every page, action and export route re-verifies the actor on the server.
export { auth as proxy } from "@/auth";

export const config = {
  matcher: ["/((?!api/|login|_next/static|_next/image|favicon.ico).*)"],
};
