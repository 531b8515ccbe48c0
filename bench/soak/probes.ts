import { readdirSync, statSync } from "node:fs";
import path from "node:path";

// The route fuzz's requests (e2e/route-fuzz.spec.ts and app/api/route-fuzz.test.ts) as a load: every page and
// route found in app/ and pages/api, with real and absurd path parameters, each with the input classes that
// once answered 5xx. Kept apart from the spec (which asserts on each answer) because here only the server's
// memory is measured; the classes are the spec's, trimmed to those that reach different code.

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");
const PAGES_API = path.join(ROOT, "pages", "api");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const urlOf = (dir: string) => "/" + path.relative(APP, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join("/");

export function urls(): string[] {
  const pages = walk(APP).filter((f) => path.basename(f) === "page.tsx").map((f) => urlOf(path.dirname(f)).replace(/\/$/, "") || "/");
  const routes = [
    ...walk(APP).filter((f) => path.basename(f) === "route.ts").map((f) => urlOf(path.dirname(f))),
    ...walk(PAGES_API).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts")).map((f) => "/api/" + path.relative(PAGES_API, f).replace(/\.tsx?$/, "").split(path.sep).join("/")),
  ];
  const REAL: Record<string, string> = { slug: "demo", token: "not-a-real-token", nextauth: "session" };
  return [...pages, ...routes].flatMap((url) => {
    const names = [...url.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
    const fill = (bad?: [string, string]) =>
      url.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, n: string) => (bad && bad[0] === n ? bad[1] : (REAL[n] ?? "cm00000000000000000000fuzz")));
    return [fill(), ...names.flatMap((n) => ["a%00b", "%ff", "x".repeat(300)].map((bad) => fill([n, bad])))];
  });
}

export type Probe = { method: string; headers?: Record<string, string>; body?: string; query?: string };

const MULTIPART = "multipart/form-data; boundary=xyz";
const BROKEN_MULTIPART = '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb';

export function probes(base: string): Probe[] {
  const origin = { origin: base };
  return [
    { method: "GET" },
    { method: "GET", query: "?cursor=cccc&limit=-1&from=garbage&actorId=a%00b&action=%00&error=%ff&callbackUrl=%00" },
    { method: "HEAD" },
    { method: "PUT", headers: { ...origin, "content-type": "application/json" }, body: "not json" },
    { method: "DELETE", headers: origin },
    { method: "POST", headers: { ...origin, "content-type": "application/json" }, body: '{"name":"soak","extra":[1,2,3]}' },
    { method: "POST", headers: { ...origin, "content-type": MULTIPART }, body: BROKEN_MULTIPART },
    { method: "POST", headers: { ...origin, "content-type": "application/x-www-form-urlencoded" }, body: "%%%=%%&a" },
    { method: "POST", headers: { ...origin, "next-action": "garbage", "content-type": "text/plain" }, body: "junk" },
    { method: "POST", headers: { ...origin, "next-action": "7f" + "0".repeat(40), "content-type": "text/plain" }, body: '["x"]' },
    { method: "POST", headers: { origin: "garbage", "content-type": "application/json" }, body: "{}" },
    { method: "POST", headers: { "stripe-signature": "t=1,v1=", "content-type": "application/json" }, body: '{"id":"evt_1"}' },
  ];
}
