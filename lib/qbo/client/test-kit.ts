// For the client's tests only: a running QuickBooks simulator with one company, a token source that
// refreshes through the simulator's real token endpoint (so the 401 path is the real one), and a usage
// counter. The simulator is the outside world here; only tests import this file.
import { z } from "zod";
import { startQboSim, type QboSim } from "@/sim/quickbooks";
import { createQboClient } from "./create-client";
import type { AccessTokenSource, QboClient, QboClientOptions, ResponseInfo, UsageRecorder } from "./types";

const APP = { clientId: "ledgerwire-client-tests", clientSecret: "client-tests-secret", redirectUris: ["http://localhost:3000/api/qbo/callback"] };

const TokenAnswerSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1) });

/** Holds one token pair and rotates it like the product's token manager, minus the database. */
export class SimTokenSource implements AccessTokenSource {
  refreshes = 0;

  constructor(
    private readonly tokenUrl: string,
    private accessToken: string,
    private refreshToken: string,
  ) {}

  async get(): Promise<string> {
    return this.accessToken;
  }

  async refresh(): Promise<string> {
    this.refreshes++;
    const response = await fetch(this.tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: this.refreshToken }).toString(),
    });
    if (!response.ok) throw new Error(`The simulator refused the refresh (HTTP ${response.status})`);
    const tokens = TokenAnswerSchema.parse(await response.json());
    this.accessToken = tokens.access_token;
    // Intuit rotates refresh tokens: only the newest one works next time.
    this.refreshToken = tokens.refresh_token;
    return this.accessToken;
  }
}

export class CountingUsage implements UsageRecorder {
  reads = 0;
  writes = 0;

  record(kind: "read" | "write", calls = 1): void {
    if (kind === "read") this.reads += calls;
    else this.writes += calls;
  }
}

export type ClientSim = {
  sim: QboSim;
  realmId: string;
  tokens: SimTokenSource;
  usage: CountingUsage;
  /** Every answer the default client received, in order. */
  responses: ResponseInfo[];
  /** The client under test, recording into `usage` and `responses`. */
  client: QboClient;
  /** Another client for the same company, e.g. with a short timeout. */
  clientWith(options: Partial<QboClientOptions>): QboClient;
  /** POST to the simulator's control API (faults, limits, token expiry). */
  control(path: string, body: unknown): Promise<unknown>;
  /** What the simulator itself counted for the company. */
  simCounters(): Promise<{ reads: number; writes: number }>;
  stop(): Promise<void>;
};

export async function startClientSim(): Promise<ClientSim> {
  const sim = await startQboSim({ apps: [APP] });
  const { realmId } = sim.createCompany({ name: "Client Test Company" });
  const issued = TokenAnswerSchema.parse(sim.issueTokens({ clientId: APP.clientId, realmId }));
  const tokens = new SimTokenSource(`${sim.url}/oauth2/v1/tokens/bearer`, issued.access_token, issued.refresh_token);
  const usage = new CountingUsage();
  const responses: ResponseInfo[] = [];
  const clientWith = (options: Partial<QboClientOptions>) =>
    createQboClient({ baseUrl: sim.url, realmId, tokens, usage, onResponse: (info) => responses.push(info), ...options });

  async function control(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${sim.url}/_sim${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`Simulator control ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }

  async function simCounters() {
    const response = await fetch(`${sim.url}/_sim/realms/${realmId}/counters`);
    return z.object({ reads: z.number(), writes: z.number() }).parse(await response.json());
  }

  return { sim, realmId, tokens, usage, responses, client: clientWith({}), clientWith, control, simCounters, stop: () => sim.stop() };
}

/** A name no other test run uses, so duplicate-name checks only fire when a test means them to. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Math.random().toString(36).slice(2, 10)}`;
}
