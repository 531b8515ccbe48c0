// Sets up the world a benchmark needs through the control API: limits lifted (the benchmark measures the
// simulator, not QuickBooks' 500-a-minute throttle), one company, one app and an access token for it.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startQboSim } from "../../sim/quickbooks/index";
import { startSimChild, type SimChild } from "./child";

export const BENCH_APP = { clientId: "bench-client", clientSecret: "bench-secret", redirectUris: ["http://localhost:3999/callback"] };

export type World = { child: SimChild; realmId: string; token: string; stateDir: string | null };

async function control<T>(base: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Left as text for the error message.
  }
  return { status: response.status, body: parsed as T };
}

async function expectOk<T>(base: string, method: string, route: string, body?: unknown): Promise<T> {
  const answer = await control<T>(base, method, route, body);
  if (answer.status >= 300) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function liftLimits(base: string): Promise<void> {
  await expectOk(base, "POST", "/_sim/limits", { requestsPerMinute: 100_000_000, concurrent: 1000, batchesPerMinute: 100_000_000 });
}

/**
 * The normal path is `POST /_sim/tokens`. While the OAuth module behind it is unavailable, the token is
 * minted into a state file instead and the simulator restarted on it (`--state-file`), so the benchmark
 * still measures the same separate process.
 */
export async function setUpWorld(log: (line: string) => void, options: { forceStateFile?: boolean } = {}): Promise<World> {
  const child = await startSimChild();
  log(`simulator started (pid ${child.pid}) at ${child.url}`);
  await liftLimits(child.url);
  const company = await expectOk<{ realmId: string }>(child.url, "POST", "/_sim/companies", { name: "Bench Company" });
  await expectOk(child.url, "POST", "/_sim/apps", BENCH_APP);
  const tokens = await control<{ access_token?: string }>(child.url, "POST", "/_sim/tokens", { clientId: BENCH_APP.clientId, realmId: company.realmId });
  if (!options.forceStateFile && tokens.status === 200 && typeof tokens.body.access_token === "string") {
    return { child, realmId: company.realmId, token: tokens.body.access_token, stateDir: null };
  }
  log(`POST /_sim/tokens answered ${tokens.status}: minting the token into a state file and restarting the simulator on it`);
  await child.stop();
  const stateDir = await mkdtemp(path.join(tmpdir(), "ledgerwire-bench-sim-"));
  const stateFile = path.join(stateDir, "state.json");
  const seeded = await startQboSim({ stateFile, apps: [BENCH_APP], control: false });
  const realm = seeded.createCompany({ name: "Bench Company" });
  const token = `bench-at-${randomBytes(16).toString("hex")}`;
  seeded.state.accessTokens[token] = { token, clientId: BENCH_APP.clientId, realmId: realm.realmId, sub: "bench", scope: ["com.intuit.quickbooks.accounting"], expiresAt: Date.now() + 86_400_000, revoked: false };
  await seeded.stop();
  const restarted = await startSimChild(["--state-file", stateFile]);
  log(`simulator restarted (pid ${restarted.pid}) at ${restarted.url}`);
  await liftLimits(restarted.url);
  return { child: restarted, realmId: realm.realmId, token, stateDir };
}

/** A record to read back: Account 1 when the company has one, else a Customer created for the purpose. */
export async function readTargets(base: string, realmId: string, token: string): Promise<string[]> {
  const prefix = `/v3/company/${realmId}`;
  const headers = { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" };
  const targets = [`${prefix}/companyinfo/${realmId}?minorversion=75`];
  const account = await fetch(`${base}${prefix}/account/1?minorversion=75`, { headers });
  await account.text();
  if (account.ok) {
    targets.push(`${prefix}/account/1?minorversion=75`);
  } else {
    const created = await fetch(`${base}${prefix}/customer?minorversion=75`, { method: "POST", headers, body: JSON.stringify({ DisplayName: "Bench Reader" }) });
    const body = (await created.json()) as { Customer?: { Id: string } };
    if (!created.ok || !body.Customer) throw new Error(`could not create a Customer to read: ${created.status} ${JSON.stringify(body)}`);
    targets.push(`${prefix}/customer/${body.Customer.Id}?minorversion=75`);
  }
  return targets;
}
