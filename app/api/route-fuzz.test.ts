// Issue 19, "no input answers 5xx": every route handler found in app/ and every Pages API route in pages/api
// (walked at test time, so a route added tomorrow is fuzzed tomorrow), every method it exports, with and without
// credentials (a session, an API key, webhook signatures that match the body), and each kind of input a fuzzer
// sent: path parameters with NUL or absurd lengths, Origins that are not URLs, bodies that are not JSON or not
// the shape, broken multipart, NUL inside JSON, empty and garbage signatures, garbage query strings. Nothing may
// answer 5xx, and every refusal that is JSON carries a machine-readable code and a sentence in our words.
// Handlers are called in-process (a fetch Request in, a Response out; Pages API routes through a Node server),
// so the whole walk takes seconds; pages, the proxy and Next's own parsing are fuzzed by e2e/route-fuzz.spec.ts
// against the production build.
import { createHmac, randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { NextRequest } from "next/server";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { API_KEY_SCOPES } from "@/lib/api-keys/api-key-scopes";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { WebhookRequest } from "@/lib/ingest/webhook-route";
import { newInvitationToken } from "@/lib/invitations/invitation-token";
import { createUser, createWorkspaceWith } from "@/test/fixtures";
import { sessionCookie } from "@/test/http";
import { createTestSource } from "@/test/webhooks";

// /api/inngest in dev mode, as `npm run dev` and the end-to-end run serve it, syncing with a stand-in Inngest
// server that accepts any registration, so a PUT is answered by the SDK rather than failing to reach a server.
// Set before any import: the Inngest client reads it when it is created.
const inngestStub = await vi.hoisted(async () => {
  const http = await import("node:http");
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"modified":false}'));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.INNGEST_DEV = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return server;
});

const APP = path.resolve(import.meta.dirname, "..");
const PAGES_API = path.resolve(APP, "..", "pages", "api");
const ORIGIN = "http://localhost:3000";
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

type Route = { url: string; kind: "app" | "pages"; file: string };
const appRoutes: Route[] = walk(APP)
  .filter((f) => path.basename(f) === "route.ts")
  .map((file) => ({ url: "/" + path.relative(APP, path.dirname(file)).split(path.sep).join("/"), kind: "app", file }));
const pagesRoutes: Route[] = walk(PAGES_API)
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
  .map((file) => ({ url: "/api/" + path.relative(PAGES_API, file).replace(/\.tsx?$/, "").split(path.sep).join("/"), kind: "pages", file }));
// Routes whose module only Next's bundler can load; the end-to-end fuzz covers them over HTTP.
const OVER_HTTP_ONLY: Record<string, string> = {
  "/api/auth/[...nextauth]": "Auth.js imports next/server without a file extension, which Node's resolver refuses outside Next",
};
const ROUTES = [...appRoutes, ...pagesRoutes].filter((r) => !(r.url in OVER_HTTP_ONLY));
const paramNames = (url: string) => [...url.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);

// ---------------------------------------------------------------------------------------------------------------
// Inputs. Each scenario turns (route, method, path) into one request; every scenario runs on every route.

type Credentials = { cookie: string; apiKey: string; stripeSecret: string; shopifySecret: string; intuitToken: string };
type Built = { path: string; method: Method; headers: Headers; body?: Uint8Array };
type Scenario = { name: string; build: (base: Built, creds: Credentials) => Built | null };

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const HAS_BODY = (m: Method) => m !== "GET" && m !== "HEAD";

function withBody(base: Built, body: string | Uint8Array, contentType: string | null): Built | null {
  if (!HAS_BODY(base.method)) return null;
  const headers = new Headers(base.headers);
  if (contentType) headers.set("content-type", contentType);
  return { ...base, headers, body: typeof body === "string" ? bytes(body) : body };
}

function withHeaders(base: Built, extra: Record<string, string>): Built {
  const headers = new Headers(base.headers);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return { ...base, headers };
}

const MULTIPART_BROKEN = "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb";

const BODIES: [string, string | Uint8Array, string | null][] = [
  ["no body", "", null],
  ["text that is not JSON", "not json at all", "application/json"],
  ["cut-off JSON", '{"name":"x', "application/json"],
  ["JSON of the wrong shape", '[1,"two",{"three":3}]', "application/json"],
  ["an empty object", "{}", "application/json"],
  ["a NUL inside JSON", '{"name":"a\\u0000b","email":"a\\u0000@example.test","role":"ADMIN","environment":"SANDBOX","scopes":["events:write"]}', "application/json"],
  ["an unpaired surrogate", '{"name":"\\ud800"}', "application/json"],
  ["a huge string", JSON.stringify({ name: "x".repeat(200_000) }), "application/json"],
  ["broken multipart", MULTIPART_BROKEN, "multipart/form-data; boundary=xyz"],
  ["multipart without a boundary", MULTIPART_BROKEN, "multipart/form-data"],
  ["garbage urlencoded", "%%%=%%&a", "application/x-www-form-urlencoded"],
  ["bytes that are not UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), "application/json"],
];

/** Signatures over exactly these bytes, for every webhook scheme at once: the body is authentic, only odd. */
function signed(base: Built, creds: Credentials): Built {
  const body = base.body ?? new Uint8Array();
  const text = Buffer.from(body).toString("utf8");
  return withHeaders(base, {
    "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: text, secret: creds.stripeSecret }),
    "x-shopify-hmac-sha256": createHmac("sha256", creds.shopifySecret).update(body).digest("base64"),
    "x-shopify-topic": "orders/paid",
    "x-shopify-webhook-id": randomUUID(),
    "intuit-signature": createHmac("sha256", creds.intuitToken).update(body).digest("base64"),
  });
}

const asUser = (b: Built, c: Credentials) => withHeaders(b, { cookie: c.cookie, origin: ORIGIN });
const withKey = (b: Built, c: Credentials) => withHeaders(b, { authorization: `Bearer ${c.apiKey}`, "idempotency-key": randomUUID() });

const SCENARIOS: Scenario[] = [
  { name: "anonymous", build: (b) => b },
  { name: "signed in", build: asUser },
  { name: "API key", build: withKey },
  ...BODIES.flatMap(([name, body, type]): Scenario[] => [
    { name: `anonymous, ${name}`, build: (b) => withBody(b, body, type) },
    { name: `signed in, ${name}`, build: (b, c) => withBody(asUser(b, c), body, type) },
    { name: `API key, ${name}`, build: (b, c) => withBody(withKey(b, c), body, type) },
    { name: `validly signed webhook, ${name}`, build: (b, c) => { const x = withBody(b, body, type); return x && signed(x, c); } },
  ]),
  // One body every source parses (a Stripe event is a JSON object, all a Shopify delivery must be): stored and enqueued.
  {
    name: "validly signed webhook, a well-formed event",
    build: (b, c) => {
      const x = withBody(b, JSON.stringify({ id: `evt_fuzz_${randomUUID().slice(0, 8)}`, object: "event", type: "charge.succeeded", created: 1, data: { object: {} } }), "application/json");
      return x && signed(x, c);
    },
  },
  ...["garbage", "null", "https://evil.example", "http://", ""].map((origin): Scenario => ({
    name: `signed in, Origin ${JSON.stringify(origin)}`,
    build: (b, c) => withBody(withHeaders(asUser(b, c), { origin }), '{"name":"x","role":"ADMIN"}', "application/json"),
  })),
  { name: "signed in, no Origin", build: (b, c) => { const x = withBody(asUser(b, c), "{}", "application/json"); x?.headers.delete("origin"); return x; } },
  ...["t=1,v1=", "t=1,v1", "v1=", "t=,v1=abc", "garbage", `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`].map((sig): Scenario => ({
    name: `stripe-signature ${JSON.stringify(sig)}`,
    build: (b) => withBody(withHeaders(b, { "stripe-signature": sig }), '{"id":"evt_1","type":"charge.succeeded","created":1,"data":{"object":{}}}', "application/json"),
  })),
  { name: "garbage webhook signatures", build: (b) => withBody(withHeaders(b, { "intuit-signature": "%%%", "x-shopify-hmac-sha256": "", "x-shopify-topic": "not a topic" }), "{}", "application/json") },
  { name: "garbage API keys", build: (b) => withBody(withHeaders(b, { authorization: "Bearer lw_live_\u00ff\u00fe" }), "{}", "application/json") },
  { name: "a garbage Authorization scheme", build: (b) => withHeaders(b, { authorization: "Basic %%%" }) },
  { name: "a garbage Idempotency-Key", build: (b, c) => withBody(withHeaders(withKey(b, c), { "idempotency-key": "x".repeat(5_000) }), "{}", "application/json") },
  {
    name: "signed in, garbage query",
    build: (b, c) => asUser({ ...b, path: `${b.path}?cursor=cccc&limit=-1&from=garbage&to=2026-13-45&actorType=ROBOT&actorId=a%00b&action=%00&fnId=x&stepId=%00&code=x&state=x&realmId=x&error=x` }, c),
  },
  { name: "signed in, a repeated query", build: (b, c) => asUser({ ...b, path: `${b.path}?cursor=1&cursor=2&limit=9999999999999999999999` }, c) },
  { name: "garbage next-action header", build: (b, c) => withBody(withHeaders(asUser(b, c), { "next-action": "garbage" }), "junk", "text/plain") },
  { name: "a garbage content-length-sized body type", build: (b, c) => withBody(asUser(b, c), "x", "application/json; charset=klingon") },
];

// ---------------------------------------------------------------------------------------------------------------
// Calling the handlers.

type AppHandler = (request: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type PagesHandler = (req: WebhookRequest, res: ServerResponse) => Promise<void>;

let pagesBase = "";
let pagesServer: ReturnType<typeof createServer> | undefined;

async function startPagesServer(): Promise<void> {
  const handlers = await Promise.all(
    pagesRoutes.map(async (r) => {
      const names = paramNames(r.url);
      const pattern = new RegExp(`^${r.url.replace(/\[(\w+)\]/g, (_, n: string) => `(?<${n}>[^/]+)`)}$`);
      const mod = (await import(r.file)) as { default: PagesHandler };
      return { pattern, names, handler: mod.default };
    }),
  );
  pagesServer = createServer((req: WebhookRequest, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    for (const { pattern, handler } of handlers) {
      const match = pattern.exec(url.pathname);
      if (!match) continue;
      // As Next's router does: dynamic segments decoded into req.query.
      req.query = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      void handler(req, res).catch(() => res.writeHead(500).end("handler threw"));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => pagesServer!.listen(0, "127.0.0.1", resolve));
  pagesBase = `http://127.0.0.1:${(pagesServer.address() as AddressInfo).port}`;
}

async function send(route: Route, mod: Partial<Record<Method, AppHandler>>, params: Record<string, string>, req: Built): Promise<Response> {
  if (route.kind === "pages") {
    const headers = new Headers(req.headers);
    return fetch(`${pagesBase}${req.path}`, { method: req.method, headers, body: req.body as BodyInit | undefined });
  }
  const handler = mod[req.method]!;
  const request = new NextRequest(`${ORIGIN}${req.path}`, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined });
  try {
    return await handler(request, { params: Promise.resolve(params) });
  } catch (error) {
    // A handler that throws is Next's 500.
    return new Response(`threw: ${(error as Error).stack ?? String(error)}`, { status: 500 });
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe("route fuzz: no input answers 5xx", () => {
  let creds: Credentials;
  let realIds: Record<string, string>;
  // A parameter whose real id differs by route: each webhook route gets the source its secret belongs to.
  let realIdsOf: Record<string, Record<string, string>>;
  const failures: string[] = [];
  // What the real path answered, by "METHOD /route scenario": proof the credentials opened the doors they should.
  const answered = new Map<string, number>();
  let requests = 0;

  beforeAll(async () => {
    await startPagesServer();

    const { workspace, members } = await createWorkspaceWith(["OWNER", "VIEWER"]);
    const owner = members[0]!;
    const stripe = await createTestSource(workspace.id, "STRIPE");
    const shopify = await createTestSource(workspace.id, "SHOPIFY");
    const ctx = { tenantId: workspace.id, workspace, user: owner.user, role: owner.role, requestId: "fuzz", ip: null };
    const { key, apiKey } = await createApiKey(ctx, { name: "fuzz", scopes: API_KEY_SCOPES.map((scope) => scope.id) });
    const invited = await createUser("fuzz-invitee");
    const { token, tokenHash } = newInvitationToken();
    const invitation = await db.invitation.create({
      data: { workspaceId: workspace.id, email: invited.email, role: "ADMIN", tokenHash, invitedById: owner.user.id, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const connection = await db.qboConnection.create({
      data: { workspaceId: workspace.id, realmId: `fuzz-${randomUUID().slice(0, 8)}`, environment: "SANDBOX", companyName: "Fuzz Books", homeCurrency: "USD", status: "DISCONNECTED" },
    });
    creds = {
      cookie: await sessionCookie(owner.user.id),
      apiKey: key,
      stripeSecret: stripe.webhookSecret,
      shopifySecret: shopify.webhookSecret,
      intuitToken: env().qboWebhookVerifierTokens[0] ?? "no-token",
    };
    // Real ids for the parameters in use today; a parameter a new route adds gets a plausible id of nobody's,
    // and every parameter also gets the absurd values below.
    realIds = { slug: workspace.slug, memberId: members[1]!.membership.id, invitationId: invitation.id, keyId: apiKey.id, token, connectionId: connection.id };
    realIdsOf = {
      "/api/webhooks/stripe/[connectionId]": { connectionId: stripe.connection.id },
      "/api/webhooks/shopify/[connectionId]": { connectionId: shopify.connection.id },
    };
  });

  afterAll(async () => {
    pagesServer?.closeAllConnections();
    pagesServer?.close();
    inngestStub.close();
  });

  it("finds the routes to fuzz", () => {
    expect(appRoutes.length).toBeGreaterThan(15);
    expect(pagesRoutes.length).toBeGreaterThan(2);
  });

  for (const route of ROUTES) {
    it(`${route.url}: every method, with and without credentials, answers each kind of input below 500`, async () => {
      const mod = route.kind === "app" ? ((await import(route.file)) as Partial<Record<Method, AppHandler>>) : {};
      const methods = route.kind === "app" ? METHODS.filter((m) => typeof mod[m] === "function") : METHODS;
      const names = paramNames(route.url);
      const real = Object.fromEntries(names.map((n) => [n, realIdsOf[route.url]?.[n] ?? realIds[n] ?? "cm00000000000000000000fuzz"]));
      // The real path, then each parameter in turn made absurd (the others left real, so the absurd one is reached).
      const variants: Record<string, string>[] = [real];
      for (const n of names) for (const bad of ["a\u0000b", "x".repeat(300), "\ud800", "..", " "]) variants.push({ ...real, [n]: bad });

      for (const params of variants) {
        const urlPath = route.url.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, n: string) => encodeURIComponent(params[n]!.replace(/[\ud800-\udfff]/g, "\ufffd")));
        for (const method of methods) {
          for (const scenario of SCENARIOS) {
            const built = scenario.build({ path: urlPath, method, headers: new Headers({ host: "localhost:3000" }) }, creds);
            if (!built) continue;
            const response = await send(route, mod, params, built);
            requests += 1;
            if (params === real) answered.set(`${method} ${route.url} ${scenario.name}`, response.status);
            const text = method === "HEAD" ? "" : await response.text();
            const where = `${method} ${route.url} [${names.map((n) => `${n}=${JSON.stringify(params[n]!.slice(0, 12))}`).join(" ")}] ${scenario.name}`;
            if (response.status >= 500) failures.push(`${where}: ${response.status} ${text.slice(0, 300)}`);
            else if (response.status >= 400 && (response.headers.get("content-type") ?? "").includes("json") && text) {
              const body = JSON.parse(text) as { code?: unknown; message?: unknown };
              const sentence = typeof body.message === "string" ? body.message : "";
              if (typeof body.code !== "string" || sentence.length < 10) failures.push(`${where}: ${response.status} without a code and a sentence: ${text.slice(0, 200)}`);
              if (/Unexpected token|in JSON at position|SyntaxError|node_modules|\n\s+at /.test(text)) failures.push(`${where}: ${response.status} leaks a parser message or a stack: ${text.slice(0, 200)}`);
            }
          }
        }
      }
      expect(failures.filter((f) => f.includes(` ${route.url} `)), "answers that were 5xx or said nothing a person can act on").toEqual([]);
    });
  }

  it("got past the signature and scope checks wherever its credentials are valid", () => {
    // A signed body is read: one that does not parse is kept and answered 400, one that does is stored (200);
    // 401 would mean the fuzz never reached a webhook route's parsing. The API key may read events too: the
    // events API's reads answer past the scope check (403).
    const expected: Record<string, number> = {
      "POST /api/webhooks/stripe/[connectionId] validly signed webhook, text that is not JSON": 400,
      "POST /api/webhooks/stripe/[connectionId] validly signed webhook, a well-formed event": 200,
      "POST /api/webhooks/shopify/[connectionId] validly signed webhook, text that is not JSON": 400,
      "POST /api/webhooks/shopify/[connectionId] validly signed webhook, a well-formed event": 200,
      "GET /api/v1/events API key": 200,
      "GET /api/v1/events/[id] API key": 404,
    };
    expect(Object.fromEntries(Object.keys(expected).map((what) => [what, answered.get(what)]))).toEqual(expected);
  });

  it("sent thousands of requests", () => {
    console.warn(`route fuzz: ${requests} requests over ${ROUTES.length} routes and ${SCENARIOS.length} input classes`);
    expect(requests).toBeGreaterThan(2_000);
  });
});
