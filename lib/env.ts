import { z } from "zod";

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
  APP_URL: z.url({ protocol: /^https?$/, error: "expects the public base URL, like https://ledgerwire.example.com" }).optional(),
  DATABASE_URL: postgresUrl.optional(),
  EMBEDDED_PG_PORT: port("the embedded PostgreSQL port").default(54320),
  LEDGERWIRE_DATA_DIR: z.string().min(1, { error: "expects a directory path" }).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
    error: "expects one of fatal, error, warn, info, debug, trace, silent",
  }).default("info"),
  DEMO_MODE: booleanFlag.optional(),
});

export type Env = {
  nodeEnv: "development" | "test" | "production";
  port: number;
  appUrl: string;
  databaseUrl: string;
  /** True when DATABASE_URL was absent and the embedded PostgreSQL is used. */
  usesEmbeddedPostgres: boolean;
  embeddedPgPort: number;
  dataDir: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Demo conveniences (seeded workspace, simulator, demo sign-in). Never on in production unless asked. */
  demoMode: boolean;
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
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    databaseUrl: e.DATABASE_URL ?? embeddedDatabaseUrl(e.EMBEDDED_PG_PORT),
    usesEmbeddedPostgres: e.DATABASE_URL === undefined,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    dataDir: e.LEDGERWIRE_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    demoMode: e.DEMO_MODE ?? e.NODE_ENV !== "production",
  };
}

let cached: Env | undefined;

/** The validated environment of this process (validated on first use, then cached). */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
