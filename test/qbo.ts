// QuickBooks for app-side tests: the run's simulator (started by the global setup), driven like a browser
// would drive Intuit's consent page, plus the real connect routes.
import { submitConsent } from "../sim/quickbooks/oauth/test-flow";
import { GET as callback } from "../app/api/qbo/callback/route";
import { POST as startConnect } from "../app/api/w/[slug]/qbo/connect/route";
import { apiRequest, routeParams, sessionCookie } from "./http";

export function simUrl(): string {
  return process.env.QBO_SIM_URL!;
}

export async function simControl<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${simUrl()}/_sim/${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`sim ${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function createSimCompany(name: string, options: { currency?: string; multicurrency?: boolean } = {}): Promise<string> {
  return (await simControl<{ realmId: string }>("POST", "companies", { name, ...options })).realmId;
}

/** Starts Connect through the route; answers Intuit's consent URL. */
export async function startConnectFor(slug: string, userId: string, body: unknown = { environment: "SANDBOX" }): Promise<string> {
  const response = await startConnect(await apiRequest("POST", `/api/w/${slug}/qbo/connect`, { userId, body }), routeParams({ slug }));
  if (response.status !== 200) throw new Error(`connect answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { authorizeUrl: string }).authorizeUrl;
}

/** Hits the callback route as the browser does after Intuit; answers where it redirects. */
export async function followCallback(callbackUrl: URL, userId: string | null): Promise<URL> {
  const headers = new Headers({ host: "localhost:3000" });
  if (userId) headers.set("cookie", await sessionCookie(userId));
  const response = await callback(new Request(`http://localhost:3000${callbackUrl.pathname}${callbackUrl.search}`, { headers }));
  return new URL(response.headers.get("location")!);
}

/** The whole Connect: start, approve `realmId` on the consent page, come back. Answers the final redirect. */
export async function connectCompany(slug: string, userId: string, realmId: string, body?: unknown): Promise<URL> {
  const authorizeUrl = await startConnectFor(slug, userId, body);
  const back = await submitConsent(authorizeUrl, { action: "connect", realm: realmId });
  return followCallback(back, userId);
}
