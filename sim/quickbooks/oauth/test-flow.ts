// Shared by the OAuth tests: a simulator with one app and one company, the consent form submitted the way a
// browser would (hidden fields read back from the page), and token-endpoint calls with Basic auth.
import { startQboSim, type QboSim } from "../index";
import type { Realm } from "../state";

export const APP = { clientId: "oauth-test-client", clientSecret: "oauth-test-secret", redirectUris: ["http://localhost:3999/callback"], name: "Ledgerwire Test" };
export const ACCOUNTING = "com.intuit.quickbooks.accounting";

export type OAuthSim = { sim: QboSim; realm: Realm };

export async function startOAuthSim(): Promise<OAuthSim> {
  const sim = await startQboSim({ apps: [APP] });
  const realm = sim.createCompany({ name: "Acme Books" });
  return { sim, realm };
}

export function authorizeUrl(sim: QboSim, params: Record<string, string>): string {
  const query = new URLSearchParams({ client_id: APP.clientId, redirect_uri: APP.redirectUris[0]!, response_type: "code", state: "state-123", ...params });
  return `${sim.url}/connect/oauth2?${query}`;
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]!);
}

/** The hidden fields of the consent form (the original request carried through). */
export function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescapeHtml(m[1]!), unescapeHtml(m[2]!)]);
}

/** What a browser would submit without the user touching anything: hidden and prefilled fields, checked radios. */
function defaultFields(html: string): [string, string][] {
  const fields = hiddenFields(html);
  for (const m of html.matchAll(/<input type="(?:text|email)"[^>]* name="([^"]*)"[^>]* value="([^"]*)"/g)) fields.push([unescapeHtml(m[1]!), unescapeHtml(m[2]!)]);
  for (const m of html.matchAll(/<input type="radio"[^>]* name="([^"]*)" value="([^"]*)" checked>/g)) fields.push([unescapeHtml(m[1]!), unescapeHtml(m[2]!)]);
  return fields;
}

/** Opens the consent page at `url`, submits it with `fields` changed and returns the 302's Location. */
export async function submitConsent(url: string, fields: Record<string, string>): Promise<URL> {
  const page = await fetch(url);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${html}`);
  const body = new URLSearchParams(defaultFields(html));
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  const answer = await fetch(new URL("/connect/oauth2", url), { method: "POST", body, redirect: "manual" });
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location) throw new Error(`consent form answered ${answer.status}: ${await answer.text()}`);
  return new URL(location);
}

/** Consents for the test company with `scope` and returns the callback URL's parameters. */
export async function authorize(t: OAuthSim, scope: string, params: Record<string, string> = {}, fields: Record<string, string> = {}): Promise<URLSearchParams> {
  const location = await submitConsent(authorizeUrl(t.sim, { scope, ...params }), { action: "connect", realm: t.realm.realmId, ...fields });
  return location.searchParams;
}

export function basic(id = APP.clientId, secret = APP.clientSecret): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

export type Answer = { status: number; headers: Headers; text: string; body: Record<string, unknown> };

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Empty (revoke) or HTML bodies stay as text.
  }
  return { status: response.status, headers: response.headers, text, body };
}

export async function tokenCall(sim: QboSim, form: Record<string, string>, headers: Record<string, string> = { authorization: basic() }): Promise<Answer> {
  return read(await fetch(`${sim.url}/oauth2/v1/tokens/bearer`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers }, body: new URLSearchParams(form) }));
}

export async function exchange(sim: QboSim, code: string, extra: Record<string, string> = {}, headers?: Record<string, string>): Promise<Answer> {
  return tokenCall(sim, { grant_type: "authorization_code", code, redirect_uri: APP.redirectUris[0]!, ...extra }, headers);
}

export async function refresh(sim: QboSim, refreshToken: string, headers?: Record<string, string>): Promise<Answer> {
  return tokenCall(sim, { grant_type: "refresh_token", refresh_token: refreshToken }, headers);
}

/** GET companyinfo for the realm with a bearer token: what "the token still works" means to a client. */
export async function companyInfoStatus(sim: QboSim, realmId: string, accessToken: string): Promise<number> {
  const response = await fetch(`${sim.url}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  await response.arrayBuffer();
  return response.status;
}

export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(header!, "base64url").toString("utf8")) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims!, "base64url").toString("utf8")) as Record<string, unknown>,
  };
}
