import { describe, expect, it } from "vitest";
import { authRoute } from "./auth-route";

// Auth.js itself needs Next's bundler to load (e2e/route-fuzz.spec.ts drives the real one); here a stand-in
// answers as Auth.js does, so the wrapper's own decisions are checked.
const calls: string[] = [];
const standIn = async (request: Request): Promise<Response> => {
  calls.push(request.url);
  const path = new URL(request.url).pathname;
  if (path.endsWith("/session")) return Response.json({ user: null });
  if (path.endsWith("/signin")) return new Response(null, { status: 302, headers: { location: "/sign-in" } });
  return Response.json("Bad request.", { status: 400 });
};
const route = authRoute({ GET: standIn, POST: standIn });
const get = (path: string, headers: Record<string, string> = {}) => route.GET(new Request(`http://localhost:3000/api/auth${path}`, { headers }));

describe("authRoute", () => {
  it.each(["%00", "garbage", "javascript:alert(1)", "//"])("refuses callbackUrl=%s with 400 before Auth.js (which answers it 500)", async (value) => {
    const before = calls.length;
    const response = await get(`/session?callbackUrl=${value}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/callbackUrl/) });
    expect(calls.length).toBe(before);
  });

  it("refuses a callback-url cookie Auth.js would refuse", async () => {
    expect((await get("/session", { cookie: "authjs.callback-url=garbage" })).status).toBe(400);
  });

  it("lets same-site paths and http(s) URLs through, and passes answers and redirects untouched", async () => {
    expect(await (await get("/session?callbackUrl=%2Fw%2Fdemo")).json()).toEqual({ user: null });
    expect((await get("/signin?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2Fapp")).status).toBe(302);
  });

  it("says Auth.js's bare refusals in our error body", async () => {
    const response = await get("/no-such-action");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/.{30,}/) });
  });
});
