// Issue 19, "no input answers 5xx", against the production build: every page and route found in app/ and
// pages/api (walked when the spec runs, so new ones are covered the day they land), signed in and not, with the
// inputs that only the real server sees whole: the proxy, Next's own decoding of paths, server action requests
// (the next-action header, multipart bodies, Next's Origin check) and page rendering. Route handlers get the
// deeper, in-process fuzz of app/api/route-fuzz.test.ts; here they get the HTTP-level classes. Nothing may answer
// 5xx, and a JSON refusal carries a code and a sentence.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_USERS } from "../lib/demo/seed-demo";

const ROOT = path.resolve(import.meta.dirname, "..");
const APP = path.join(ROOT, "app");
const PAGES_API = path.join(ROOT, "pages", "api");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

// app/(group)/w/[slug]/page.tsx is /w/[slug]: route groups are not part of the URL.
const urlOf = (dir: string) => "/" + path.relative(APP, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join("/");
const PAGES = walk(APP).filter((f) => path.basename(f) === "page.tsx").map((f) => urlOf(path.dirname(f)).replace(/\/$/, "") || "/");
const ROUTES = [
  ...walk(APP).filter((f) => path.basename(f) === "route.ts").map((f) => urlOf(path.dirname(f))),
  ...walk(PAGES_API).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts")).map((f) => "/api/" + path.relative(PAGES_API, f).replace(/\.tsx?$/, "").split(path.sep).join("/")),
];

const REAL: Record<string, string> = { slug: "demo", token: "not-a-real-token", nextauth: "session" };
const ABSURD = ["a%00b", "x".repeat(300), "%ff", "%ED%A0%80", "%2e%2e"];
// Route handlers get every absurd value in-process (app/api/route-fuzz.test.ts); over HTTP, the ones Next itself
// decodes: a NUL, invalid UTF-8, and a dot segment that changes which route the path names.
const ABSURD_OVER_HTTP = ["a%00b", "%ff", "%2e%2e"];

/** The path with real values, then with each parameter in turn replaced by an absurd one. */
function pathsOf(url: string, absurd: readonly string[]): string[] {
  const names = [...url.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
  const fill = (bad?: [string, string]) =>
    url.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, n: string) => (bad && bad[0] === n ? bad[1] : (REAL[n] ?? "cm00000000000000000000fuzz")));
  return [fill(), ...names.flatMap((n) => absurd.map((bad) => fill([n, bad])))];
}

type Probe = { name: string; method: string; headers?: Record<string, string>; body?: string; query?: string };

const MULTIPART = 'multipart/form-data; boundary=xyz';
const BROKEN_MULTIPART = '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb';

function probes(base: string): Probe[] {
  const origin = { origin: base };
  return [
    { name: "GET", method: "GET" },
    { name: "GET, garbage query", method: "GET", query: "?cursor=cccc&limit=-1&from=garbage&actorId=a%00b&action=%00&error=%ff&callbackUrl=%00" },
    { name: "GET, a bad percent-encoding in the query", method: "GET", query: "?cursor=%ff&x=%" },
    { name: "HEAD", method: "HEAD" },
    { name: "OPTIONS", method: "OPTIONS" },
    { name: "PUT, not JSON", method: "PUT", headers: { ...origin, "content-type": "application/json" }, body: "not json" },
    { name: "PATCH, not JSON", method: "PATCH", headers: { ...origin, "content-type": "application/json" }, body: "{" },
    { name: "DELETE", method: "DELETE", headers: origin },
    { name: "POST, not JSON", method: "POST", headers: { ...origin, "content-type": "application/json" }, body: "not json" },
    { name: "POST, broken multipart", method: "POST", headers: { ...origin, "content-type": MULTIPART }, body: BROKEN_MULTIPART },
    { name: "POST, multipart without a boundary", method: "POST", headers: { ...origin, "content-type": "multipart/form-data" }, body: "junk" },
    { name: "POST, garbage urlencoded", method: "POST", headers: { ...origin, "content-type": "application/x-www-form-urlencoded" }, body: "%%%=%%&a" },
    { name: "POST, garbage next-action", method: "POST", headers: { ...origin, "next-action": "garbage", "content-type": "text/plain" }, body: "junk" },
    { name: "POST, unknown next-action", method: "POST", headers: { ...origin, "next-action": "7f" + "0".repeat(40), "content-type": "text/plain" }, body: '["x"]' },
    { name: "POST, next-action with broken multipart", method: "POST", headers: { ...origin, "next-action": "garbage", "content-type": MULTIPART }, body: BROKEN_MULTIPART },
    ...["garbage", "null", "https://evil.example"].map((o): Probe => ({ name: `POST, Origin ${o}`, method: "POST", headers: { origin: o, "content-type": "application/json" }, body: "{}" })),
    { name: "POST, Origin garbage, multipart", method: "POST", headers: { origin: "garbage", "content-type": MULTIPART }, body: BROKEN_MULTIPART },
    { name: "POST, empty stripe signature", method: "POST", headers: { "stripe-signature": "t=1,v1=", "content-type": "application/json" }, body: '{"id":"evt_1"}' },
    { name: "POST, not Inngest's protocol", method: "POST", query: "?fnId=ledgerwire-x&stepId=step", headers: { "content-type": "application/json" }, body: "garbage" },
  ];
}

async function send(request: APIRequestContext, url: string, probe: Probe): Promise<APIResponse> {
  return request.fetch(url + (probe.query ?? ""), { method: probe.method, headers: probe.headers, data: probe.body, maxRedirects: 0, failOnStatusCode: false, timeout: 15_000 });
}

// Requests go out a few at a time: one after another, the walk outgrew its time limit as routes were added,
// and a real server takes concurrent requests anyway.
const PARALLEL = 6;

async function problemsOf(request: APIRequestContext, base: string, urls: string[], absurd: readonly string[], only?: (p: Probe) => boolean): Promise<{ problems: string[]; count: number }> {
  const problems: string[] = [];
  const tasks = urls.flatMap((url) => pathsOf(url, absurd).flatMap((p) => probes(base).filter(only ?? (() => true)).map((probe) => ({ p, probe }))));
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const { p, probe } = tasks[next++]!;
      problems.push(...(await problemsOfOne(request, p, probe)));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return { problems, count: tasks.length };
}

async function problemsOfOne(request: APIRequestContext, p: string, probe: Probe): Promise<string[]> {
  const response = await send(request, p, probe);
  const status = response.status();
  const where = `${probe.name} ${p.slice(0, 60)}`;
  if (status >= 500) return [`${where}: ${status} ${(await response.text()).slice(0, 200)}`];
  if (status < 400 || probe.method === "HEAD" || !(response.headers()["content-type"] ?? "").includes("application/json")) return [];
  const text = await response.text();
  const body = ((text ? JSON.parse(text) : null) ?? {}) as { code?: unknown; message?: unknown };
  const found: string[] = [];
  if (typeof body.message !== "string" || body.message.length < 10) found.push(`${where}: ${status} without a sentence: ${text.slice(0, 200)}`);
  if (/Unexpected token|in JSON at position|node_modules|\n\s+at /.test(text)) found.push(`${where}: ${status} leaks internals: ${text.slice(0, 200)}`);
  return found;
}

test.describe("no input answers 5xx", () => {
  test.describe.configure({ timeout: 240_000 });

  test("finds the pages and routes", () => {
    expect(PAGES).toContain("/w/[slug]/audit");
    expect(ROUTES).toContain("/api/w/[slug]/members");
  });

  test("the audit page ignores a malformed cursor with a notice instead of failing", async ({ page }) => {
    await page.goto("/sign-in?callbackUrl=%2Fw%2Fdemo%2Faudit%3Fcursor%3Dcccc");
    await page.getByRole("button", { name: `Continue as ${DEMO_USERS[0].name}` }).click();
    await expect(page).toHaveURL(/\/w\/demo\/audit\?cursor=cccc$/);
    await expect(page.getByText("That page link is not valid, so the newest entries are shown instead.")).toBeVisible();
    const response = await page.request.get("/w/demo/audit?cursor=cccc&actorId=a%00b", { maxRedirects: 0 });
    expect(response.status()).toBe(200);
  });

  test("a POST to a page with a broken multipart body, a garbage next-action or a foreign Origin is a 4xx", async ({ request, baseURL }) => {
    const broken = await request.post("/sign-in", { headers: { origin: baseURL!, "content-type": MULTIPART }, data: BROKEN_MULTIPART, maxRedirects: 0 });
    expect(broken.status()).toBe(400);
    expect(await broken.json()).toMatchObject({ code: "BAD_REQUEST" });
    const action = await request.post("/", { headers: { origin: baseURL!, "next-action": "garbage", "content-type": "text/plain" }, data: "junk", maxRedirects: 0 });
    expect(action.status()).toBeGreaterThanOrEqual(400);
    expect(action.status()).toBeLessThan(500);
    const foreign = await request.post("/sign-in", { headers: { origin: "garbage", "content-type": MULTIPART }, data: BROKEN_MULTIPART, maxRedirects: 0 });
    expect(foreign.status()).toBe(403);
  });

  test("a real server action's id with arguments that are not its form is a 4xx, and the real form still signs in", async ({ page, request, baseURL }) => {
    const html = await (await request.get("/sign-in")).text();
    const id = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    for (const [type, body] of [["text/plain", "junk"], ["text/plain", '["x"]'], ["text/plain", "[]"], ["text/plain", '["$Q1"]'], [MULTIPART, BROKEN_MULTIPART]] as const) {
      const response = await request.post("/sign-in", { headers: { origin: baseURL!, "next-action": id!, "content-type": type }, data: body, maxRedirects: 0 });
      expect(response.status(), `${type} ${body}`).toBeLessThan(500);
    }
    await page.goto("/sign-in");
    await page.getByRole("button", { name: `Continue as ${DEMO_USERS[1].name}` }).click();
    await expect(page).toHaveURL(/\/w\/demo/);
  });

  test("a real server action's id with a multipart body whose references point nowhere is a 4xx", async ({ request, baseURL }) => {
    const html = await (await request.get("/sign-in")).text();
    const id = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    const part = (name: string, value: string) => `--xyz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    for (const root of ['["$1"]', '["$@1"]', '["$Q1"]', '["$K1"]', '["$W1"]', '["$B1"]', '["$F1"]', '["$T1"]', '{"a":"$1:b"}', '["$h1"]']) {
      const body = part("0", root) + "--xyz--\r\n";
      const response = await request.post("/sign-in", { headers: { origin: baseURL!, "next-action": id!, "content-type": MULTIPART }, data: body, maxRedirects: 0 });
      expect(response.status(), root).toBeLessThan(500);
    }
  });

  test("an unknown address under /api/v1 or /api/webhooks is a JSON 404 whatever the body, signed in or not", async ({ page, request, baseURL }) => {
    const paths = ["/api/v1/nope", "/api/v1/events/x/y", "/api/webhooks/nope", "/api/webhooks/stripe/x/y"];
    const check = async (client: APIRequestContext) => {
      for (const p of paths) {
        for (const probe of probes(baseURL!).filter((q) => q.method !== "HEAD")) {
          const response = await send(client, p, probe);
          expect(response.status(), `${probe.name} ${p}`).toBe(404);
          expect(await response.json(), `${probe.name} ${p}`).toMatchObject({ code: "NOT_FOUND" });
        }
      }
    };
    await check(request);
    await page.goto("/sign-in");
    await page.getByRole("button", { name: `Continue as ${DEMO_USERS[0].name}` }).click();
    await expect(page).toHaveURL(/\/w\/demo/);
    await check(page.request);
  });

  test("Auth.js's endpoints refuse a callbackUrl they cannot use with 400, not 500", async ({ request }) => {
    for (const value of ["%00", "garbage"]) {
      const response = await request.get(`/api/auth/session?callbackUrl=${value}`);
      expect(response.status()).toBe(400);
      expect(await response.json()).toMatchObject({ code: "BAD_REQUEST" });
    }
  });

  test("every page, GET and POST, anonymous and signed in", async ({ page, request, baseURL }) => {
    const anonymous = await problemsOf(request, baseURL!, PAGES, ABSURD, (p) => p.method === "GET" || p.method === "POST");
    await page.goto("/sign-in");
    await page.getByRole("button", { name: `Continue as ${DEMO_USERS[0].name}` }).click();
    await expect(page).toHaveURL(/\/w\/demo/);
    const signedIn = await problemsOf(page.request, baseURL!, PAGES, ABSURD, (p) => p.method === "GET" || p.method === "POST");
    console.warn(`route fuzz (pages): ${anonymous.count + signedIn.count} requests over ${PAGES.length} pages`);
    expect([...anonymous.problems, ...signedIn.problems]).toEqual([]);
  });

  test("every route and method over HTTP, anonymous and signed in", async ({ page, request, baseURL }) => {
    const anonymous = await problemsOf(request, baseURL!, ROUTES, ABSURD_OVER_HTTP);
    await page.goto("/sign-in");
    await page.getByRole("button", { name: `Continue as ${DEMO_USERS[0].name}` }).click();
    await expect(page).toHaveURL(/\/w\/demo/);
    const signedIn = await problemsOf(page.request, baseURL!, ROUTES, ABSURD_OVER_HTTP);
    console.warn(`route fuzz (routes over HTTP): ${anonymous.count + signedIn.count} requests over ${ROUTES.length} routes`);
    expect([...anonymous.problems, ...signedIn.problems]).toEqual([]);
  });
});
