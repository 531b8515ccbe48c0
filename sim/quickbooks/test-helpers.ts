// Shared by the simulator's own tests: a running simulator with one app and one company, and a token for it
// minted straight into the state (so REST tests do not depend on the OAuth flow, which has its own tests).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startQboSim, type QboSim, type QboSimOptions } from "./index";
import type { Realm } from "./state";

export const TEST_APP = { clientId: "test-client", clientSecret: "test-secret", redirectUris: ["http://localhost:3999/callback"] };

export type TestSim = {
  sim: QboSim;
  realm: Realm;
  token: string;
  /** Calls the REST API for the test company: `api("GET", "/item/1")`. */
  api: (method: string, pathAndQuery: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; headers: Headers; body: unknown; text: string }>;
};

export function mintAccessToken(sim: QboSim, realmId: string, clientId = TEST_APP.clientId): string {
  const token = `test-at-${randomBytes(12).toString("hex")}`;
  sim.state.accessTokens[token] = { token, clientId, realmId, sub: "test-user", scope: ["com.intuit.quickbooks.accounting"], expiresAt: sim.clock.now() + 3600_000, revoked: false };
  return token;
}

export async function startTestSim(options: QboSimOptions = {}): Promise<TestSim> {
  const sim = await startQboSim({ apps: [TEST_APP], ...options });
  const realm = sim.createCompany({ name: "Test Company" });
  const token = mintAccessToken(sim, realm.realmId);
  const api: TestSim["api"] = async (method, pathAndQuery, body, headers = {}) => {
    const response = await fetch(`${sim.url}/v3/company/${realm.realmId}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // XML (throttling) and empty bodies stay text.
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return { sim, realm, token, api };
}

/** Reads a copied reference payload (see test-fixtures/SOURCES.md). */
export function fixture<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "test-fixtures", relative), "utf8")) as T;
}

/** The shape of a JSON value: every key path with its type, so answers can be compared with real captures key by key. */
export function shapeOf(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return [`${prefix}:array`, ...(value.length ? shapeOf(value[0], `${prefix}[]`) : [])];
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => shapeOf(v, prefix ? `${prefix}.${k}` : k));
  }
  return [`${prefix}:${value === null ? "null" : typeof value}`];
}
