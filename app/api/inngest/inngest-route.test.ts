import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import type * as Route from "./route";

// /api/inngest answers only Inngest's protocol. A call that cannot be one (a body that is not JSON, not a run
// request, or a function this app does not have) answered 500 with the SDK's stack trace and this machine's
// paths, and Inngest reads a 500 as "try again". It is a 400 with our error body.

type Handlers = typeof Route;
let route: Handlers;
const URL_ = "http://localhost:3000/api/inngest";

beforeAll(async () => {
  // Dev mode, as `npm run dev` and the end-to-end run serve it: requests are not signed, so every body reaches the
  // SDK. (Nothing listens on this port: a sync would fail, which these tests do not ask for.)
  process.env.INNGEST_DEV = "http://127.0.0.1:9";
  route = await import("./route");
});

async function post(search: string, body: string): Promise<Response> {
  return route.POST(new NextRequest(`${URL_}${search}`, { method: "POST", body, headers: { "content-type": "application/json" } }), { params: Promise.resolve({}) });
}

async function expectRefusal(response: Response, status = 400) {
  expect(response.status).toBe(status);
  const text = await response.text();
  const body = JSON.parse(text) as { code: string; message: string };
  expect(body.code).toMatch(/^[A-Z_]+$/);
  expect(body.message.length).toBeGreaterThan(20);
  expect(text).not.toMatch(/stack|node_modules|\/work\/|at [A-Za-z]+\.|Unexpected token/);
}

describe("POST /api/inngest with what is not Inngest's protocol", () => {
  const fn = "?fnId=ledgerwire-resend-stuck-outbox&stepId=step";

  it.each(["garbage", "{", "[]", "null", "1", '"x"', "{}", '{"event":1}', '{"event":{},"ctx":{}}', '{"event":{},"steps":[]}', '{"event":{},"version":0}'])(
    "answers the body %j with 400 and no internals",
    async (body) => {
      await expectRefusal(await post(fn, body));
    },
  );

  it("answers an empty body with 400", async () => {
    await expectRefusal(await post(fn, ""));
  });

  it.each(["", "?fnId=", "?fnId=ledgerwire-no-such-function&stepId=step", "?stepId=step"])("answers the query %j, naming no function of ours, with 400", async (search) => {
    await expectRefusal(await post(search, JSON.stringify({ event: { name: "x", data: {} }, ctx: { run_id: "r1" } })));
  });
});

describe("PUT /api/inngest", () => {
  it("answers a body that is not JSON with 400", async () => {
    await expectRefusal(await route.PUT(new NextRequest(URL_, { method: "PUT", body: "garbage" }), { params: Promise.resolve({}) }));
  });
});
