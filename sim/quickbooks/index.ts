// A stand-in for QuickBooks Online: OAuth 2.0 / OpenID Connect, the REST v3 API, webhooks and limits, on
// Intuit's own paths. `startQboSim()` runs it in-process (tests, the dev launcher); cli.ts runs it alone.
// It imports nothing from app/ or lib/: to the product it is the outside world.
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SimClock } from "./clock";
import { registerApp, type AppInput } from "./control/apps";
import type { SimCore } from "./core";
import { FaultInjector } from "./injected-faults";
import { RealmLimiter, type Limits } from "./limits";
import { issueTokens } from "./oauth";
import { createCompany, type NewCompany } from "./realms";
import { createSimServer } from "./server";
import { emptyState, type App, type Realm, type SimState } from "./state";
import { WebhookNotifier } from "./webhooks/notifier";

export type QboSimOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The URL clients use; defaults to http://localhost:{port}. */
  publicUrl?: string;
  /** Load state from this JSON file when it exists, and save to it on `save()` and `stop()`. */
  stateFile?: string;
  companies?: NewCompany[];
  apps?: AppInput[];
  limits?: Partial<Limits>;
  clock?: { now?: number; speed?: number };
  /** Written into id tokens and discovery; Intuit's own issuer by default (intuit-oauth checks it). */
  issuer?: string;
  /** Added to every REST answer, real milliseconds. */
  latencyMs?: number;
  /** How long (sim ms) changes are grouped before a webhook is sent. */
  webhookIntervalMs?: number;
  /** Serve the /_sim/ control API (default true). */
  control?: boolean;
  random?: () => number;
};

export type QboSim = {
  url: string;
  port: number;
  core: SimCore;
  clock: SimClock;
  state: SimState;
  webhooks: WebhookNotifier;
  createCompany: (input?: NewCompany) => Realm;
  registerApp: (input: AppInput) => App;
  issueTokens: (input: { clientId: string; realmId: string }) => Record<string, unknown>;
  save: () => Promise<void>;
  stop: () => Promise<void>;
};

export const INTUIT_ISSUER = "https://oauth.platform.intuit.com/op/v1";

async function loadState(file: string | undefined): Promise<SimState> {
  if (!file || !existsSync(file)) return emptyState();
  return { ...emptyState(), ...(JSON.parse(await readFile(file, "utf8")) as Partial<SimState>) };
}

export async function startQboSim(options: QboSimOptions = {}): Promise<QboSim> {
  const state = await loadState(options.stateFile);
  const clock = new SimClock(options.clock);
  let baseUrl = options.publicUrl ?? "";
  let webhooks: WebhookNotifier | null = null;
  const core: SimCore = {
    state,
    clock,
    limiter: new RealmLimiter(clock, options.limits),
    faults: new FaultInjector(options.random),
    baseUrl: () => baseUrl,
    issuer: options.issuer ?? INTUIT_ISSUER,
    onChange: (realmId, change) => webhooks?.onChange(realmId, change),
  };
  webhooks = new WebhookNotifier(core, { intervalMs: options.webhookIntervalMs ?? 1_000 });
  for (const app of options.apps ?? []) registerApp(core, app);
  for (const company of options.companies ?? []) {
    if (!company.realmId || !state.realms[company.realmId]) createCompany(core, company);
  }

  const server = createSimServer(core, { control: options.control ?? true, latencyMs: options.latencyMs ?? 0, webhooks: () => webhooks! });
  // Keep-alive sockets from clients would otherwise hold `close()` open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl ||= `http://localhost:${port}`;

  async function save(): Promise<void> {
    if (!options.stateFile) return;
    await mkdir(path.dirname(options.stateFile), { recursive: true });
    const tmp = `${options.stateFile}.tmp`;
    await writeFile(tmp, JSON.stringify(state));
    await rename(tmp, options.stateFile);
  }

  return {
    url: baseUrl,
    port,
    core,
    clock,
    state,
    webhooks,
    createCompany: (input) => createCompany(core, input),
    registerApp: (input) => registerApp(core, input),
    issueTokens: (input) => issueTokens(core, input),
    save,
    async stop() {
      webhooks?.stop();
      clock.dispose();
      await save();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export type { AppInput, NewCompany };
