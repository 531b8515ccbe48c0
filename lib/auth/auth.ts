import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { customFetch, type NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import Nodemailer from "next-auth/providers/nodemailer";
import { z } from "zod";
import { db } from "../db";
import { DEMO_USERS } from "../demo/seed-demo";
import { env } from "../env";
import { canSendMail, sendMail } from "../mail/send-mail";
import { signInEmail } from "../mail/templates";
import { allowSignIn } from "./allow-sign-in";
import { recordSignIn } from "./record-sign-in";
import { authSecret } from "./secret";
import { secureCookies } from "./session-cookie";
import { endSession, isLiveSession, startSession } from "./sessions";

const DemoSignInSchema = z.object({ email: z.email() });

function discoveryAt(issuer: string, discoveryUrl: string): typeof fetch {
  const issuerDiscovery = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return fetch(url === issuerDiscovery ? discoveryUrl : input, init);
  };
}

/** The link with APP_URL's origin, whatever origin the request it was built from claimed. */
export function linkOnAppUrl(link: string): string {
  const app = new URL(env().appUrl).origin;
  const onApp = (value: string) => {
    const url = new URL(value, app);
    return `${app}${url.pathname}${url.search}`;
  };
  const url = new URL(onApp(link));
  // Where the link returns after sign-in was resolved against the same claimed host.
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl) url.searchParams.set("callbackUrl", onApp(callbackUrl));
  return url.toString();
}

function providers(): Provider[] {
  const e = env();
  const list: Provider[] = [];

  if (e.intuitOidc) {
    // Same code against Intuit and against the QuickBooks simulator: only issuer, discovery URL and client differ.
    list.push({
      id: "intuit",
      name: "Intuit",
      type: "oidc",
      issuer: e.intuitOidc.issuer,
      wellKnown: e.intuitOidc.discoveryUrl,
      clientId: e.intuitOidc.clientId,
      clientSecret: e.intuitOidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      checks: ["pkce", "state", "nonce"],
      // Auth.js always discovers at `<issuer>/.well-known/openid-configuration`; Intuit (and the simulator,
      // which signs with Intuit's issuer) publish the document elsewhere, so that one request is redirected.
      [customFetch]: discoveryAt(e.intuitOidc.issuer, e.intuitOidc.discoveryUrl),
      // Intuit's id token carries no email or name: they come from userinfo, in Intuit's camelCase claims.
      idToken: false,
      profile(claims: Record<string, unknown>) {
        const email = typeof claims.email === "string" ? claims.email.toLowerCase() : null;
        const name = [claims.givenName, claims.familyName].filter((part) => typeof part === "string" && part !== "").join(" ");
        return { id: String(claims.sub), email, name: name || email };
      },
    });
  }

  if (canSendMail()) {
    list.push(
      Nodemailer({
        id: "email",
        name: "Email",
        // Only used when SMTP_URL is set; sendMail() decides between SMTP and the demo mailbox.
        server: e.smtpUrl ?? "smtp://localhost:25",
        from: e.emailFrom,
        maxAge: 24 * 60 * 60,
        async sendVerificationRequest({ identifier, url }) {
          // Auth.js builds `url` from the request it was handed; the sign-in action hands it one built from the
          // request's Host and X-Forwarded-Host. The link is only ever sent on APP_URL (lib/auth/auth-route.ts).
          await sendMail({ to: identifier, ...signInEmail(linkOnAppUrl(url)) });
        },
      }),
    );
  }

  if (e.demoMode) {
    // Pick a seeded user, no password. Refused outright when demo mode is off (the provider does not exist then).
    list.push(
      Credentials({
        id: "demo",
        name: "Demo",
        credentials: { email: { label: "Demo user", type: "email" } },
        async authorize(input) {
          if (!env().demoMode) return null;
          const parsed = DemoSignInSchema.safeParse(input);
          if (!parsed.success || !DEMO_USERS.some((u) => u.email === parsed.data.email)) return null;
          const user = await db.user.findUnique({ where: { email: parsed.data.email } });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }
  return list;
}

function config(): NextAuthConfig {
  const e = env();
  return {
    // The Prisma 7 client is structurally the client the adapter expects; its generated type lives elsewhere.
    adapter: PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]),
    secret: authSecret(),
    trustHost: true,
    useSecureCookies: secureCookies(),
    // JWT sessions: the demo sign-in (credentials) requires them. Each names a Session row that sign-out
    // deletes (lib/auth/sessions.ts), and access is checked against the database on every request (membership
    // and role), so signing out, removing a member and changing a role all take effect at once.
    session: { strategy: "jwt", maxAge: e.sessionMaxAgeSeconds, updateAge: 60 * 60 },
    providers: providers(),
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    callbacks: {
      // Refused (an Intuit email Intuit has not verified) lands on /sign-in?error=AccessDenied.
      signIn: ({ account, profile }) => allowSignIn({ account, profile }),
      async jwt({ token, user }) {
        if (user?.id) {
          token.uid = user.id;
          token.sid = await startSession(user.id);
          return token;
        }
        // Every read of the session (pages, auth()): a signed-out session's cookie is no session at all.
        return (await isLiveSession(token.sid, token.uid)) ? token : null;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message) await endSession(message.token?.sid);
      },
      async signIn({ user, account }) {
        if (user.id) await recordSignIn({ userId: user.id, email: user.email ?? null, method: account?.provider ?? "unknown" });
      },
    },
  };
}

// Configured lazily, per request: the build never reads secrets, and a changed environment needs no rebuild.
export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
