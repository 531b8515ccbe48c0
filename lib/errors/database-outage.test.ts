import { encode } from "next-auth/jwt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/lib/free-port";
import { authSecret } from "../auth/secret";
import { sessionCookieName } from "../auth/session-cookie";
import { createPrismaClient, type Db } from "../db/create-client";
import { watchPool } from "../db/database-unavailable";

// The database is down for this whole file (its own process): both pools, Prisma's and the lean webhook path's,
// point at a port where nothing listens. Callers must be told to come back (503, Retry-After, a code a machine
// can read), not that we broke (500 INTERNAL).

const globals = globalThis as unknown as { ledgerwireDb?: Db; ledgerwireIngestPool?: pg.Pool };
let routes: { postEvents: (request: Request) => Promise<Response>; qboCallback: (request: Request) => Promise<Response>; webhooksBase: string };

beforeAll(async () => {
  const deadUrl = `postgresql://postgres:x@localhost:${await freePort()}/ledgerwire`;
  globals.ledgerwireDb = createPrismaClient(deadUrl, { max: 1 });
  globals.ledgerwireIngestPool = watchPool(new pg.Pool({ connectionString: deadUrl, max: 1 }), "ingest");
  const { POST } = await import("@/app/api/v1/events/route");
  const { GET: qboCallback } = await import("@/app/api/qbo/callback/route");
  const { webhookRoutesBase } = await import("@/test/webhook-server");
  routes = { postEvents: POST, qboCallback, webhooksBase: await webhookRoutesBase() };
});
afterAll(async () => {
  await globals.ledgerwireDb?.$disconnect();
  await globals.ledgerwireIngestPool?.end();
});

const expectRetryLater = async (response: Response) => {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(await response.json()).toMatchObject({ code: "DATABASE_UNAVAILABLE", details: { retryable: true } });
};

describe("while the database is down", () => {
  it("the events API answers 503 with Retry-After and DATABASE_UNAVAILABLE", async () => {
    const request = new Request("http://localhost:3000/api/v1/events", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer lw_live_${"a".repeat(43)}` },
      body: JSON.stringify({ events: [] }),
    });
    await expectRetryLater(await routes.postEvents(request));
  });

  it("the QuickBooks callback answers 503 with Retry-After and DATABASE_UNAVAILABLE when it checks the session", async () => {
    // A well-formed session cookie (test/http.ts makes one, but its session row needs the database): checking that
    // the session is live is the callback's first database query.
    const name = sessionCookieName();
    const jwt = await encode({ token: { uid: "user_down", sub: "user_down", sid: "session_down" }, secret: authSecret(), salt: name, maxAge: 3600 });
    const request = new Request("http://localhost:3000/api/qbo/callback?code=c&state=s&realmId=1", { headers: { cookie: `${name}=${jwt}` } });
    await expectRetryLater(await routes.qboCallback(request));
  });

  it("a webhook route answers 503 with Retry-After and DATABASE_UNAVAILABLE", async () => {
    const response = await fetch(`${routes.webhooksBase}/api/webhooks/stripe/src_down`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      body: "{}",
    });
    await expectRetryLater(response);
  });
});
