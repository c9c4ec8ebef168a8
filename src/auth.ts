import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { SESSION_IDLE_SECONDS } from "@/lib/session-policy";

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  // Sliding lifetime here; the absolute one (from sign-in, `at`) is checked by getActor().
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw) {
        // Imported lazily so that proxy.ts (which imports this file) never loads the database.
        const { authorizeCredentials } = await import("@/server/auth/sign-in");
        return authorizeCredentials(raw);
      },
    }),
  ],
  callbacks: {
    // Only a sign-in sets the claims: an `update` request from the browser never changes them.
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: string }).role;
        token.sv = (user as { sv?: number }).sv;
        token.at = (user as { at?: number }).at;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid as string;
        Object.assign(session.user, { role: token.role, sv: token.sv, at: token.at });
      }
      return session;
    },
    authorized({ auth }) {
      return !!auth?.user;
    },
  },
});
