import { z } from "zod";
import { parseKeyring } from "./crypto/parse-keyring";

// Every setting the product reads, validated once at start-up. A value that is present but malformed stops the
// process with one line naming the variable and what it expects; demo defaults apply only when a variable is
// absent, so a typo never silently falls back to the demo.
//
// Keep this list and the README's environment table in step.

export const EMBEDDED_PG_USER = "postgres";
export const EMBEDDED_PG_PASSWORD = "ledgerwire";
export const EMBEDDED_PG_DATABASE = "ledgerwire";

export function embeddedDatabaseUrl(port: number, database = EMBEDDED_PG_DATABASE): string {
  return `postgresql://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@localhost:${port}/${encodeURIComponent(database)}`;
}

const port = (what: string) =>
  z.coerce
    .number({ error: `expects ${what} as a whole number between 1 and 65535` })
    .int({ error: `expects ${what} as a whole number between 1 and 65535` })
    .min(1, { error: `expects ${what} as a whole number between 1 and 65535` })
    .max(65535, { error: `expects ${what} as a whole number between 1 and 65535` });

const postgresUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "" && url.pathname.length > 1;
    } catch {
      return false;
    }
  },
  // The value is never echoed: it usually holds a password.
  { error: "expects a PostgreSQL URL like postgresql://user:password@host:5432/database" },
);

const booleanFlag = z.stringbool({ error: 'expects "true" or "false"' });

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"], { error: 'expects "development", "test" or "production"' }).default("development"),
  PORT: port("the HTTP port").default(3000),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, { error: "expects the address to listen on, like 127.0.0.1, 0.0.0.0 or ::" })
    .optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: "expects the public base URL, like https://ledgerwire.example.com" }).optional(),
  DATABASE_URL: postgresUrl.optional(),
  EMBEDDED_PG_PORT: port("the embedded PostgreSQL port").default(54320),
  LEDGERWIRE_DATA_DIR: z.string().min(1, { error: "expects a directory path" }).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
    error: "expects one of fatal, error, warn, info, debug, trace, silent",
  }).default("info"),
  DEMO_MODE: booleanFlag.optional(),
  AUTH_SECRET: z.string().min(32, { error: "expects at least 32 random characters (e.g. `openssl rand -base64 32`)" }).optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number({ error: "expects a number of hours" }).positive({ error: "expects a number of hours" }).max(720, { error: "expects at most 720 hours" }).default(12),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "expects an SMTP URL like smtps://user:password@smtp.example.com:465" }).optional(),
  EMAIL_FROM: z.string().min(3, { error: 'expects a sender like "Ledgerwire <no-reply@example.com>"' }).default("Ledgerwire <no-reply@ledgerwire.local>"),
  INTUIT_OIDC_ISSUER: z.url({ error: "expects the OpenID issuer URL, e.g. https://oauth.platform.intuit.com/op/v1" }).optional(),
  INTUIT_OIDC_DISCOVERY_URL: z.url({ error: "expects the OpenID discovery document URL" }).optional(),
  AUTH_INTUIT_ID: z.string().min(1).optional(),
  AUTH_INTUIT_SECRET: z.string().min(1).optional(),
  ENCRYPTION_KEYS: z.string().optional(),
  INTUIT_CLIENT_ID: z.string().min(1).optional(),
  INTUIT_CLIENT_SECRET: z.string().min(1).optional(),
  INTUIT_SANDBOX_CLIENT_ID: z.string().min(1).optional(),
  INTUIT_SANDBOX_CLIENT_SECRET: z.string().min(1).optional(),
  QBO_SIM_URL: z.url({ protocol: /^https?$/, error: "expects the QuickBooks simulator's base URL, like http://localhost:4010" }).optional(),
  INNGEST_DEV: z
    .string()
    .refine((v) => /^(0|1|true|false)$/.test(v) || URL.canParse(v), { error: "expects 1 or the Inngest Dev Server's URL, like http://localhost:8288" })
    .optional(),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  INNGEST_EXECUTOR_PORT: z.coerce.number().int().min(1).max(65535).default(8288),
  QBO_WEBHOOK_VERIFIER_TOKEN: z
    .string()
    .refine((v) => v.split(",").every((token) => token.trim().length >= 8), { error: "expects the Intuit app's verifier token (comma-separated, newest first, while rotating)" })
    .optional(),
  STRANDED_EVENT_GRACE_MINUTES: z.coerce
    .number({ error: "expects a number of minutes" })
    .positive({ error: "expects a number of minutes" })
    .max(1440, { error: "expects at most 1440 minutes" })
    .default(5),
  STRANDED_EVENT_MAX_TRIES: z.coerce
    .number({ error: "expects a whole number of tries between 1 and 100" })
    .int({ error: "expects a whole number of tries between 1 and 100" })
    .min(1, { error: "expects a whole number of tries between 1 and 100" })
    .max(100, { error: "expects a whole number of tries between 1 and 100" })
    .default(5),
  DEV_MAILBOX: booleanFlag.optional(),
  TRUSTED_PROXY_HOPS: z.coerce
    .number({ error: "expects the number of proxies in front of the app, a whole number from 0 to 10" })
    .int({ error: "expects the number of proxies in front of the app, a whole number from 0 to 10" })
    .min(0, { error: "expects the number of proxies in front of the app, a whole number from 0 to 10" })
    .max(10, { error: "expects the number of proxies in front of the app, a whole number from 0 to 10" })
    .default(0),
  STRIPE_API_BASE: z.url({ protocol: /^https?$/, error: "expects the Stripe API's base URL, like https://api.stripe.com" }).optional(),
});

/** Intuit's real issuer: the simulator signs id tokens with it too, so the same client code checks both. */
export const INTUIT_ISSUER = "https://oauth.platform.intuit.com/op/v1";

/**
 * The Intuit app registered with the QuickBooks simulator in demo mode. Not a secret: it only opens the
 * simulator, which runs on the user's own machine.
 */
export const DEMO_INTUIT_APP = { clientId: "ledgerwire-demo", clientSecret: "ledgerwire-demo-secret" } as const;

export const DEFAULT_QBO_SIM_URL = "http://localhost:4010";

/** The webhook verifier token of the demo Intuit app: the simulator signs its webhooks with it. Not a secret. */
export const DEMO_QBO_VERIFIER_TOKEN = "ledgerwire-demo-verifier-token";

export type Env = {
  nodeEnv: "development" | "test" | "production";
  port: number;
  /**
   * Where `npm run dev` makes the web server listen. In demo mode 127.0.0.1 unless HOST says otherwise: the demo
   * signs anyone in with one click and its simulator issues tokens, so it is not for the network (issue 17).
   * Unset outside demo mode: Next's default, every interface.
   */
  host: string | undefined;
  appUrl: string;
  databaseUrl: string;
  /** True when DATABASE_URL was absent and the embedded PostgreSQL is used. */
  usesEmbeddedPostgres: boolean;
  embeddedPgPort: number;
  dataDir: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Demo conveniences (seeded workspace, simulator, demo sign-in). Never on in production unless asked. */
  demoMode: boolean;
  /** Absent only in demo mode, where lib/auth/secret.ts keeps one under the data directory. */
  authSecret: string | undefined;
  sessionMaxAgeSeconds: number;
  smtpUrl: string | undefined;
  emailFrom: string;
  /** Sign in with Intuit, when configured (issuer, client id and secret; discovery URL when not under the issuer). */
  intuitOidc: { issuer: string; discoveryUrl: string; clientId: string; clientSecret: string } | undefined;
  /**
   * The QuickBooks simulator standing in for Intuit (OAuth and API), when one is used: in demo mode by default,
   * or wherever QBO_SIM_URL is set. Undefined means the real Intuit.
   */
  qboSimUrl: string | undefined;
  /**
   * Where jobs run. `devServerUrl` is set when INNGEST_DEV names an Inngest Dev Server (or the local executor the
   * launcher starts); otherwise the SDK talks to Inngest Cloud or INNGEST_BASE_URL with the event and signing keys.
   */
  jobs: { devServerUrl: string | undefined; executorPort: number };
  /** The Intuit app's keys per QuickBooks environment (Intuit issues separate development and production keys). */
  intuitApps: { SANDBOX?: { clientId: string; clientSecret: string }; PRODUCTION?: { clientId: string; clientSecret: string } };
  /**
   * Tokens that may have signed a QuickBooks webhook (the app's verifier token; two while rotating). Empty means
   * QuickBooks webhooks are refused with 503 until one is set. With the simulator, its demo token by default.
   */
  qboWebhookVerifierTokens: string[];
  /** Where Stripe's API is (balance transactions for fees); the demo source's stand-in in demo mode. */
  stripeApiBase: string;
  /**
   * The demo mailbox (/dev/mailbox) keeps email instead of sending it: demo mode without SMTP, on by default
   * outside production; in production only with DEV_MAILBOX=true, and then readable by signed-in owners only.
   */
  devMailbox: boolean;
  /** Proxies in front of the app that append to X-Forwarded-For; 0: clients connect directly (lib/tenancy/request-meta.ts). */
  trustedProxyHops: number;
  /**
   * The catch-up sweep (lib/jobs/sweep-stranded-events.ts): an event still RECEIVED this long after it arrived
   * (and after its last re-dispatch) is dispatched again; after `maxTries` dispatches in all (the first counts)
   * it is marked FAILED with an exception.
   */
  strandedEvents: { graceMs: number; maxTries: number };
};

export class EnvError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "EnvError";
  }
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable (FOO=) counts as absent, as most shells and .env files mean it.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => `Invalid environment: ${String(issue.path[0] ?? "?")} ${issue.message}.`),
    );
  }
  const e = parsed.data;
  const demoMode = e.DEMO_MODE ?? e.NODE_ENV !== "production";
  const problems: string[] = [];
  if (!demoMode && !e.AUTH_SECRET) problems.push("AUTH_SECRET expects at least 32 random characters (required when demo mode is off).");
  if (e.ENCRYPTION_KEYS) {
    try {
      parseKeyring(e.ENCRYPTION_KEYS);
    } catch (error) {
      problems.push((error as Error).message);
    }
  } else if (!demoMode) {
    problems.push("ENCRYPTION_KEYS expects id:base64key pairs, newest first (required when demo mode is off; e.g. `k1:$(openssl rand -base64 32)`).");
  }
  const intuitParts = [e.INTUIT_OIDC_ISSUER, e.AUTH_INTUIT_ID, e.AUTH_INTUIT_SECRET];
  if (intuitParts.some(Boolean) && !intuitParts.every(Boolean)) {
    problems.push("INTUIT_OIDC_ISSUER, AUTH_INTUIT_ID and AUTH_INTUIT_SECRET expect to be set together (Sign in with Intuit).");
  }
  for (const [id, secret, name] of [
    [e.INTUIT_CLIENT_ID, e.INTUIT_CLIENT_SECRET, "INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET"],
    [e.INTUIT_SANDBOX_CLIENT_ID, e.INTUIT_SANDBOX_CLIENT_SECRET, "INTUIT_SANDBOX_CLIENT_ID and INTUIT_SANDBOX_CLIENT_SECRET"],
  ] as const) {
    if (Boolean(id) !== Boolean(secret)) problems.push(`${name} expect to be set together (the Intuit app's keys).`);
  }
  const inngestDev = e.INNGEST_DEV && !/^(0|false)$/.test(e.INNGEST_DEV) ? e.INNGEST_DEV : undefined;
  if (!demoMode && inngestDev) {
    problems.push("INNGEST_DEV is for development: with it, /api/inngest accepts unsigned requests. Outside demo mode use INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (and INNGEST_BASE_URL for a self-hosted Inngest server).");
  } else if (!demoMode && !(e.INNGEST_EVENT_KEY && e.INNGEST_SIGNING_KEY)) {
    problems.push("INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY are required when demo mode is off and INNGEST_DEV is not set (Inngest Cloud or a self-hosted Inngest server runs the jobs).");
  }
  if (e.DEV_MAILBOX && !demoMode) problems.push("DEV_MAILBOX is a demo convenience (it shows sign-in links): it needs demo mode; outside it set SMTP_URL.");
  if (problems.length > 0) throw new EnvError(problems.map((p) => `Invalid environment: ${p}`));
  const qboSimUrl = (e.QBO_SIM_URL ?? (demoMode ? DEFAULT_QBO_SIM_URL : undefined))?.replace(/\/$/, "");
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (demoMode ? "127.0.0.1" : undefined),
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    databaseUrl: e.DATABASE_URL ?? embeddedDatabaseUrl(e.EMBEDDED_PG_PORT),
    usesEmbeddedPostgres: e.DATABASE_URL === undefined,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    dataDir: e.LEDGERWIRE_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    demoMode,
    authSecret: e.AUTH_SECRET,
    sessionMaxAgeSeconds: Math.round(e.SESSION_MAX_AGE_HOURS * 3600),
    smtpUrl: e.SMTP_URL,
    emailFrom: e.EMAIL_FROM,
    intuitOidc:
      e.INTUIT_OIDC_ISSUER && e.AUTH_INTUIT_ID && e.AUTH_INTUIT_SECRET
        ? {
            issuer: e.INTUIT_OIDC_ISSUER,
            discoveryUrl: e.INTUIT_OIDC_DISCOVERY_URL ?? `${e.INTUIT_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
            clientId: e.AUTH_INTUIT_ID,
            clientSecret: e.AUTH_INTUIT_SECRET,
          }
        : qboSimUrl
          ? // With the simulator and no Intuit app of one's own, sign-in goes through the simulator's demo app.
            { issuer: INTUIT_ISSUER, discoveryUrl: `${qboSimUrl}/.well-known/openid-configuration`, ...DEMO_INTUIT_APP }
          : undefined,
    qboSimUrl,
    jobs: {
      devServerUrl: inngestDev ? (/^(1|true)$/.test(inngestDev) ? "http://localhost:8288" : inngestDev.replace(/\/$/, "")) : undefined,
      executorPort: e.INNGEST_EXECUTOR_PORT,
    },
    intuitApps: intuitApps(e, qboSimUrl),
    qboWebhookVerifierTokens: e.QBO_WEBHOOK_VERIFIER_TOKEN
      ? e.QBO_WEBHOOK_VERIFIER_TOKEN.split(",").map((token) => token.trim())
      : qboSimUrl
        ? [DEMO_QBO_VERIFIER_TOKEN]
        : [],
    stripeApiBase: (e.STRIPE_API_BASE ?? "https://api.stripe.com").replace(/\/$/, ""),
    devMailbox: demoMode && !e.SMTP_URL && (e.DEV_MAILBOX ?? e.NODE_ENV !== "production"),
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    strandedEvents: { graceMs: Math.round(e.STRANDED_EVENT_GRACE_MINUTES * 60_000), maxTries: e.STRANDED_EVENT_MAX_TRIES },
  };
}

function intuitApps(e: z.infer<typeof EnvSchema>, qboSimUrl: string | undefined): Env["intuitApps"] {
  const pair = (clientId?: string, clientSecret?: string) => (clientId && clientSecret ? { clientId, clientSecret } : undefined);
  // With the simulator, an environment without keys of its own uses the demo app registered there.
  const fallback = qboSimUrl ? { ...DEMO_INTUIT_APP } : undefined;
  return {
    SANDBOX: pair(e.INTUIT_SANDBOX_CLIENT_ID, e.INTUIT_SANDBOX_CLIENT_SECRET) ?? fallback,
    PRODUCTION: pair(e.INTUIT_CLIENT_ID, e.INTUIT_CLIENT_SECRET) ?? fallback,
  };
}

let cached: Env | undefined;

/** The validated environment of this process (validated on first use, then cached). */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
