import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env";

const KEYS = `k1:${Buffer.alloc(32, 7).toString("base64")}`;
const INNGEST = { INNGEST_EVENT_KEY: "event-key", INNGEST_SIGNING_KEY: "signkey-prod-0123" };

function errorLines(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.lines;
    throw error;
  }
  throw new Error("expected loadEnv to refuse the environment");
}

describe("loadEnv", () => {
  it("starts with no environment at all, on the embedded database and in demo mode", () => {
    const env = loadEnv({});
    expect(env.usesEmbeddedPostgres).toBe(true);
    expect(env.databaseUrl).toBe("postgresql://postgres:ledgerwire@localhost:54320/ledgerwire");
    expect(env.port).toBe(3000);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.demoMode).toBe(true);
  });

  it("uses DATABASE_URL when it is set and then leaves the embedded database alone", () => {
    const env = loadEnv({ DATABASE_URL: "postgres://app:secret@db.internal:5432/ledgerwire" });
    expect(env.usesEmbeddedPostgres).toBe(false);
    expect(env.databaseUrl).toBe("postgres://app:secret@db.internal:5432/ledgerwire");
  });

  it("names the variable and what it expects in one line, without echoing a secret", () => {
    const lines = errorLines({ DATABASE_URL: "mysql://root:hunter2@localhost/db" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid environment: DATABASE_URL expects a PostgreSQL URL/);
    expect(lines[0]).not.toContain("hunter2");
  });

  it("refuses a malformed value instead of falling back to a default", () => {
    expect(errorLines({ PORT: "eighty" })).toEqual(["Invalid environment: PORT expects the HTTP port as a whole number between 1 and 65535."]);
    expect(errorLines({ DEMO_MODE: "yes please" })[0]).toContain("DEMO_MODE");
  });

  it("treats an empty variable as absent", () => {
    expect(loadEnv({ DATABASE_URL: "", PORT: "" }).usesEmbeddedPostgres).toBe(true);
  });

  it("turns demo mode off in production unless asked for", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://u:p@h/d", AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEYS: KEYS, ...INNGEST };
    expect(loadEnv(production).demoMode).toBe(false);
    expect(loadEnv({ ...production, DEMO_MODE: "true" }).demoMode).toBe(true);
  });

  it("listens on 127.0.0.1 in demo mode unless HOST says otherwise, and on every interface outside it", () => {
    // The demo picker makes anyone an owner: npm run dev must not offer it to the network by default (issue 17).
    expect(loadEnv({}).host).toBe("127.0.0.1");
    expect(loadEnv({ DEMO_MODE: "true" }).host).toBe("127.0.0.1");
    expect(loadEnv({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://u:p@h/d", AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEYS: KEYS, ...INNGEST };
    expect(loadEnv(production).host).toBeUndefined();
    expect(loadEnv({ ...production, DEMO_MODE: "true" }).host).toBe("127.0.0.1");
    expect(loadEnv({ ...production, HOST: "::" }).host).toBe("::");
    expect(errorLines({ HOST: "every interface" })[0]).toMatch(/^Invalid environment: HOST expects the address to listen on/);
  });

  it("requires encryption keys once demo mode is off, and checks their form at start-up", () => {
    const production = { NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), ...INNGEST };
    expect(errorLines(production)).toEqual([expect.stringMatching(/^Invalid environment: ENCRYPTION_KEYS expects id:base64key pairs/)]);
    expect(errorLines({ ...production, ENCRYPTION_KEYS: "k1:c2hvcnQ=" })).toEqual(["Invalid environment: ENCRYPTION_KEYS key \"k1\" must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)."]);
    expect(loadEnv({ ...production, ENCRYPTION_KEYS: KEYS }).demoMode).toBe(false);
  });

  it("requires a session secret once demo mode is off", () => {
    expect(errorLines({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@h/d", ENCRYPTION_KEYS: KEYS, ...INNGEST })).toEqual([
      "Invalid environment: AUTH_SECRET expects at least 32 random characters (required when demo mode is off).",
    ]);
    expect(errorLines({ AUTH_SECRET: "short" })[0]).toMatch(/^Invalid environment: AUTH_SECRET expects at least 32/);
  });

  it("configures Sign in with Intuit when issuer, client id and secret are all given, or through the simulator in demo mode", () => {
    expect(loadEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEYS: KEYS, ...INNGEST }).intuitOidc).toBeUndefined();
    expect(loadEnv({}).intuitOidc).toEqual({
      issuer: "https://oauth.platform.intuit.com/op/v1",
      discoveryUrl: "http://localhost:4010/.well-known/openid-configuration",
      clientId: "ledgerwire-demo",
      clientSecret: "ledgerwire-demo-secret",
    });
    expect(loadEnv({ QBO_SIM_URL: "http://localhost:4999/" }).qboSimUrl).toBe("http://localhost:4999");
    expect(loadEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), ENCRYPTION_KEYS: KEYS, ...INNGEST }).qboSimUrl).toBeUndefined();
    expect(errorLines({ AUTH_INTUIT_ID: "abc" })[0]).toContain("expect to be set together");
    const intuit = loadEnv({ INTUIT_OIDC_ISSUER: "http://localhost:4010/op/v1", AUTH_INTUIT_ID: "id", AUTH_INTUIT_SECRET: "secret" }).intuitOidc;
    expect(intuit?.discoveryUrl).toBe("http://localhost:4010/op/v1/.well-known/openid-configuration");
  });

  it("re-dispatches stranded events after 5 minutes, at most 5 times, unless told otherwise", () => {
    expect(loadEnv({}).strandedEvents).toEqual({ graceMs: 5 * 60_000, maxTries: 5 });
    expect(loadEnv({ STRANDED_EVENT_GRACE_MINUTES: "0.5", STRANDED_EVENT_MAX_TRIES: "8" }).strandedEvents).toEqual({ graceMs: 30_000, maxTries: 8 });
    expect(errorLines({ STRANDED_EVENT_GRACE_MINUTES: "soon" })).toEqual(["Invalid environment: STRANDED_EVENT_GRACE_MINUTES expects a number of minutes."]);
    expect(errorLines({ STRANDED_EVENT_MAX_TRIES: "0" })).toEqual(["Invalid environment: STRANDED_EVENT_MAX_TRIES expects a whole number of tries between 1 and 100."]);
  });

  it("runs jobs on a dev server in demo mode, and needs Inngest's keys (never INNGEST_DEV) once demo mode is off", () => {
    expect(loadEnv({}).jobs).toEqual({ devServerUrl: undefined, executorPort: 8288 });
    expect(loadEnv({ INNGEST_DEV: "1" }).jobs.devServerUrl).toBe("http://localhost:8288");
    expect(loadEnv({ INNGEST_DEV: "http://localhost:9999/" }).jobs.devServerUrl).toBe("http://localhost:9999");
    expect(errorLines({ INNGEST_DEV: "yes please" })[0]).toMatch(/INNGEST_DEV expects 1 or the Inngest Dev Server's URL/);
    const production = { NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), ENCRYPTION_KEYS: KEYS };
    expect(errorLines(production)).toEqual([expect.stringMatching(/INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY are required/)]);
    expect(errorLines({ ...production, ...INNGEST, INNGEST_DEV: "1" })).toEqual([expect.stringMatching(/accepts unsigned requests/)]);
    expect(loadEnv({ ...production, ...INNGEST }).jobs.devServerUrl).toBeUndefined();
  });
});
