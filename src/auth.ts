import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";

class LockedError extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        // Imported lazily so that proxy.ts (which imports this file) never loads the database.
        const { verifyCredentials } = await import("@/server/auth/sign-in");
        const result = await verifyCredentials(parsed.data.username, parsed.data.password);
        if (!result.ok) {
          if (result.reason === "LOCKED") throw new LockedError();
          return null;
        }
        return { id: result.user.id, name: result.user.name, role: result.user.role, sv: result.user.sv };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: string }).role;
        token.sv = (user as { sv?: number }).sv;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid as string;
        Object.assign(session.user, { role: token.role, sv: token.sv });
      }
      return session;
    },
    authorized({ auth }) {
      return !!auth?.user;
    },
  },
});
